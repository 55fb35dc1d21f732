import { z } from 'zod'
import { PARTNER_STATUSES } from '../domain/partner-statuses'
import { RATE_PATTERN } from '../domain/program/money'
import {
  EVIDENCE_KINDS,
  EVIDENCE_STATUSES,
  NFR_KINDS,
  ORDER_SOURCES,
  PARTNER_USER_STATUSES,
  PROGRAM_COURSES,
  PROGRAM_STANDINGS,
  VERDICT_KINDS,
} from '../domain/program/vocabulary'
import { ProgramConfigSchema } from './program-config.schema'
import { multiLine, singleLine } from './text'
import { timestamp } from './timestamp'

export { ProgramConfigSchema }

const iso = z.iso.datetime()
const level = z.enum(PARTNER_STATUSES)
const reason = multiLine(2_000)
const url = singleLine(2_000).pipe(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }))

// ── Configuration ──────────────────────────────────────────────────────────────────────────────────────────
export const ConfigVersionSchema = z
  .object({
    version: z.number().int(),
    effectiveFrom: iso,
    note: z.string(),
    publishedBy: z.uuid().nullable().meta({ description: 'Null for version 1, seeded from the rules.' }),
    publishedAt: iso,
    config: ProgramConfigSchema,
  })
  .meta({ id: 'ProgramConfigVersion' })
export const ConfigVersionListSchema = z
  .object({ items: z.array(ConfigVersionSchema) })
  .meta({ id: 'ProgramConfigVersionList' })

export const PublishConfigBodySchema = z.strictObject({
  effectiveFrom: timestamp().meta({ description: 'Not in the past: a version never changes decisions already taken.' }),
  note: singleLine(500),
  config: ProgramConfigSchema,
})
export type PublishConfigBody = z.infer<typeof PublishConfigBodySchema>

export const PreviewConfigBodySchema = z.strictObject({
  effectiveFrom: timestamp().optional().meta({ description: 'The date to compare on; now by default.' }),
  config: ProgramConfigSchema,
})
export const ConfigPreviewSchema = z
  .object({
    asOf: iso,
    evaluated: z.number().int().meta({ description: 'Active partners compared.' }),
    movedUp: z
      .number()
      .int()
      .meta({ description: 'Ready for the next level under the draft, not under the version in force.' }),
    movedDown: z.number().int().meta({
      description: 'Would lose their level at a review held that day under the draft, not under the version in force.',
    }),
    noLongerReady: z.number().int(),
    noLongerAtRisk: z.number().int(),
  })
  .meta({ id: 'ProgramConfigPreview' })

// ── Store integrations and the sales ledger ────────────────────────────────────────────────────────────────
export const CreateIntegrationBodySchema = z.strictObject({ name: singleLine(120) })
export const IntegrationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    keyPrefix: z.string(),
    createdAt: iso,
    key: z.string().meta({ description: 'The API key, shown only in this answer; send it as `X-Api-Key`.' }),
  })
  .meta({ id: 'ProgramIntegration' })

const OrderLineSchema = z.strictObject({
  productCode: singleLine(100),
  productName: singleLine(300),
  quantity: z.number().int().min(1).max(100_000),
  amountMinor: z.number().int().meta({ description: 'Paid for this line after the discount, minor units.' }),
})

const orderFields = {
  orderedAt: timestamp(),
  clientCompany: singleLine(300).meta({ description: 'The end user.' }),
  clientAccountUrl: url
    .nullable()
    .default(null)
    .meta({ description: "The client's Bitrix24 account, for cloud products." }),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code'),
  amountMinor: z.number().int().meta({ description: 'Paid after the partner discount, in minor units of `currency`.' }),
  rate: z
    .string()
    .regex(RATE_PATTERN, 'must be a decimal number such as 1.0845')
    .nullable()
    .default(null)
    .meta({ description: 'Units of the program currency per unit of `currency`; required unless it counts 1:1.' }),
  lines: z.array(OrderLineSchema).min(1).max(200),
}

export const StoreOrderBodySchema = z.strictObject({
  orderId: singleLine(100).meta({
    description: "The store's order id; sending it again is answered without a second order.",
  }),
  partnerCode: singleLine(100).meta({ description: "The partner's id in the Partner Program." }),
  ...orderFields,
})
export type StoreOrderBody = z.infer<typeof StoreOrderBodySchema>

export const ManagerOrderBodySchema = z.strictObject({
  orderId: singleLine(100).nullable().default(null).meta({ description: "The store's order id, when known." }),
  ...orderFields,
})
export type ManagerOrderBody = z.infer<typeof ManagerOrderBodySchema>

export const OrderSchema = z
  .object({
    id: z.uuid(),
    partnerId: z.uuid(),
    source: z.enum(ORDER_SOURCES),
    orderId: z.string().nullable(),
    orderedAt: iso,
    clientCompany: z.string(),
    clientAccountUrl: z.string().nullable(),
    currency: z.string(),
    amountMinor: z.number().int(),
    rate: z.string(),
    programAmountMinor: z.number().int(),
    lines: z.array(OrderLineSchema),
    exclusion: z.object({ at: iso, by: z.uuid().nullable(), reason: z.string() }).nullable(),
    createdAt: iso,
  })
  .meta({ id: 'ProgramOrder' })
export type ProgramOrder = z.infer<typeof OrderSchema>
export const OrderListSchema = z.object({ items: z.array(OrderSchema) }).meta({ id: 'ProgramOrderList' })

export const ImportOrdersBodySchema = z.strictObject({
  csv: z.string().max(5_000_000).meta({
    description:
      'A header line then one order per line: partnerCode, orderId, orderedAt, clientCompany, clientAccountUrl, currency, amountMinor, rate, productCode, productName, quantity.',
  }),
})
export const ImportResultSchema = z
  .object({ imported: z.number().int(), alreadyRecorded: z.number().int() })
  .meta({ id: 'ProgramOrderImport' })

export const OrderIdParamsSchema = z.strictObject({ orderId: z.uuid('must be an order id') })
export const ExcludeOrderBodySchema = z.strictObject({
  reason: reason.meta({ description: "Why the end user is the partner's own or an affiliated entity (3.2)." }),
})

// ── Membership, people, training, NFR, evidence ───────────────────────────────────────────────────────────
export const StartMembershipBodySchema = z.strictObject({
  approvedAt: timestamp().meta({ description: 'When the application was approved: Bronze from then (3.1.1).' }),
})

export const AddPartnerUserBodySchema = z.strictObject({ name: singleLine(200), storeLogin: singleLine(200) })
export const PartnerUserSchema = z
  .object({
    id: z.uuid(),
    partnerId: z.uuid(),
    name: z.string(),
    storeLogin: z.string(),
    status: z.enum(PARTNER_USER_STATUSES),
    addedAt: iso,
    decidedAt: iso.nullable(),
    decisionReason: z.string().nullable(),
    completions: z.array(z.object({ course: z.enum(PROGRAM_COURSES), completedAt: iso })),
  })
  .meta({ id: 'PartnerUser' })
export const PartnerUserListSchema = z.object({ items: z.array(PartnerUserSchema) }).meta({ id: 'PartnerUserList' })
export const PartnerUserIdParamsSchema = z.strictObject({ userId: z.uuid('must be a user id') })
export const DecisionBodySchema = z.strictObject({ accept: z.boolean(), reason: reason })

export const RecordCompletionBodySchema = z.strictObject({
  course: z.enum(PROGRAM_COURSES),
  completedAt: timestamp().meta({ description: 'Not in the future.' }),
})

export const RecordNfrBodySchema = z.strictObject({
  kind: z.enum(NFR_KINDS),
  grantedAt: timestamp(),
  accountUrl: url.nullable().default(null),
})
export const NfrClaimSchema = z
  .object({ id: z.uuid(), kind: z.enum(NFR_KINDS), grantedAt: iso, endsAt: iso, accountUrl: z.string().nullable() })
  .meta({ id: 'NfrClaim' })

export const SubmitEvidenceBodySchema = z
  .strictObject({
    kind: z.enum(EVIDENCE_KINDS),
    link: url.nullable().default(null),
    note: multiLine(4_000).nullable().default(null),
  })
  .refine((body) => body.link !== null || body.note !== null, { path: ['link'], message: 'send a link or a note' })
export const EvidenceSchema = z
  .object({
    id: z.uuid(),
    partnerId: z.uuid(),
    kind: z.enum(EVIDENCE_KINDS),
    link: z.string().nullable(),
    note: z.string().nullable(),
    status: z.enum(EVIDENCE_STATUSES),
    submittedAt: iso,
    decidedAt: iso.nullable(),
    decisionReason: z.string().nullable(),
  })
  .meta({ id: 'ProgramEvidence' })
export const EvidenceListSchema = z.object({ items: z.array(EvidenceSchema) }).meta({ id: 'ProgramEvidenceList' })
export const EvidenceIdParamsSchema = z.strictObject({ evidenceId: z.uuid('must be an evidence id') })
export const EvidenceListQuerySchema = z.strictObject({ status: z.enum(EVIDENCE_STATUSES).default('pending') })

// ── Evaluation ────────────────────────────────────────────────────────────────────────────────────────────
const RequirementCheckSchema = z
  .object({
    stage: z.enum(['bronze_conditions', 'pre_qualification', 'requirements']),
    kind: z.enum(['sales', 'distinct_clients', 'course', 'evidence', 'nfr_cloud']),
    subject: z.string().nullable().meta({ description: 'The course or evidence kind.' }),
    met: z.boolean(),
    required: z.number().nullable().meta({ description: 'Minor units of the program currency, or a count.' }),
    current: z.number().nullable(),
    missing: z.number().nullable(),
    windowFrom: iso.nullable(),
    windowTo: iso.nullable(),
    byWhen: iso.nullable(),
  })
  .meta({ id: 'ProgramRequirementCheck' })

const TransitionSchema = z
  .object({
    kind: z.enum(VERDICT_KINDS),
    at: iso,
    levelBefore: level,
    levelAfter: level.nullable(),
    configVersion: z.number().int(),
    explanation: z.record(z.string(), z.unknown()),
    recorded: z
      .boolean()
      .meta({ description: 'Recorded as a verdict; otherwise derived and recorded by the next daily run.' }),
  })
  .meta({ id: 'ProgramTransition' })

export const ProgramEvaluationSchema = z
  .object({
    partnerId: z.uuid(),
    asOf: iso,
    configVersion: z.number().int().meta({ description: 'The configuration version the requirements come from.' }),
    currency: z.string(),
    started: z.boolean().meta({ description: 'False before the approval date.' }),
    standing: z.enum(PROGRAM_STANDINGS),
    level,
    levelSince: iso,
    bronzeConditions: z.object({ deadline: iso, checks: z.array(RequirementCheckSchema) }).nullable(),
    nextLevel: z
      .object({
        level,
        preQualification: z.array(RequirementCheckSchema),
        requirements: z.array(RequirementCheckSchema),
        preQualified: z.boolean(),
        ready: z.boolean(),
      })
      .nullable(),
    review: z
      .object({
        dueAt: iso,
        warningFrom: iso,
        targetMinor: z.number().int(),
        salesMinor: z.number().int(),
        missingMinor: z.number().int(),
        onTrack: z.boolean(),
      })
      .nullable(),
    benefits: z.record(z.string(), z.unknown()).nullable(),
    zeroActivityCandidate: z.boolean(),
    transitions: z.array(TransitionSchema),
  })
  .meta({ id: 'ProgramEvaluation' })
export type ProgramEvaluationBody = z.input<typeof ProgramEvaluationSchema>

export const EvaluationQuerySchema = z.strictObject({
  asOf: timestamp().optional().meta({ description: 'Evaluate as of this instant (past or future); now by default.' }),
})

export const ConfirmUpgradeBodySchema = z.strictObject({ level })

export const ProgramQueueItemSchema = z
  .object({
    partnerId: z.uuid(),
    companyName: z.string(),
    level,
    readyFor: level.nullable(),
    zeroActivity: z.boolean(),
    evaluatedAt: iso.nullable(),
  })
  .meta({ id: 'ProgramQueueItem' })
export const ProgramQueueSchema = z.object({ items: z.array(ProgramQueueItemSchema) }).meta({ id: 'ProgramQueue' })
export const ProgramQueueQuerySchema = z.strictObject({ queue: z.enum(['ready_for_upgrade', 'zero_activity']) })

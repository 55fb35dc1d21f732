import { PartnerIdParamsSchema } from '../schemas/partner.schema'
import {
  ConfigPreviewSchema,
  ConfigVersionListSchema,
  ConfigVersionSchema,
  ConfirmUpgradeBodySchema,
  CreateIntegrationBodySchema,
  DecisionBodySchema,
  EvaluationQuerySchema,
  EvidenceIdParamsSchema,
  EvidenceListQuerySchema,
  EvidenceListSchema,
  EvidenceSchema,
  ExcludeOrderBodySchema,
  ImportOrdersBodySchema,
  ImportResultSchema,
  IntegrationSchema,
  ManagerOrderBodySchema,
  NfrClaimSchema,
  OrderIdParamsSchema,
  OrderListSchema,
  OrderSchema,
  PartnerUserIdParamsSchema,
  PartnerUserListSchema,
  PartnerUserSchema,
  PreviewConfigBodySchema,
  ProgramEvaluationSchema,
  ProgramQueueQuerySchema,
  ProgramQueueSchema,
  PublishConfigBodySchema,
  RecordCompletionBodySchema,
  RecordNfrBodySchema,
  StartMembershipBodySchema,
} from '../schemas/program.schema'
import { defineContract } from './contract'
import { MANAGER_SESSION_PROBLEMS } from './session-problems'

/** Managers run the Partner Program: configuration, ledger, people, training, evidence and statuses. */
const program = { tags: ['Program'], security: 'managerSession' } as const
const PARTNER_NOT_FOUND = { partner_not_found: 'No partner has this id.' } as const
const MEMBERSHIP_NOT_FOUND = { membership_not_found: 'The partner has not been approved into the program.' } as const
const ORDER_PROBLEMS = {
  negative_amount: 'An amount is below zero; `field` names it.',
  unknown_currency: 'The currency is not an ISO 4217 code.',
  rate_required: 'The currency does not count 1:1 with the program currency, so a rate is needed.',
  rate_not_one: 'The currency counts 1:1 with the program currency; a rate other than 1 is refused.',
  order_in_future: 'The order date is later than now.',
  order_conflict: 'Another order was recorded under this order id.',
} as const

export const listProgramConfigurations = defineContract({
  ...program,
  method: 'get',
  path: '/api/manager/program/configurations',
  operationId: 'listProgramConfigurations',
  summary: 'Configuration versions',
  description: 'Every published version, newest first; each is in force from its `effectiveFrom` until the next.',
  responses: { 200: { description: 'The versions.', schema: ConfigVersionListSchema } },
  problems: MANAGER_SESSION_PROBLEMS,
})

export const publishProgramConfiguration = defineContract({
  ...program,
  method: 'post',
  path: '/api/manager/program/configurations',
  operationId: 'publishProgramConfiguration',
  summary: 'Publish a configuration version',
  description: 'Validated whole; in force from `effectiveFrom`, which may not be in the past. Audited.',
  body: PublishConfigBodySchema,
  responses: { 201: { description: 'The new version.', schema: ConfigVersionSchema } },
  problems: {
    ...MANAGER_SESSION_PROBLEMS,
    config_effective_in_past: 'The effective date is in the past; past decisions keep their version.',
  },
})

export const previewProgramConfiguration = defineContract({
  ...program,
  method: 'post',
  path: '/api/manager/program/configurations/preview',
  operationId: 'previewProgramConfiguration',
  summary: 'Preview a draft configuration',
  description:
    'How many partners the draft would move up (ready for the next level) or down (at a review), on a date. Changes nothing.',
  body: PreviewConfigBodySchema,
  responses: { 200: { description: 'The counts.', schema: ConfigPreviewSchema } },
  problems: MANAGER_SESSION_PROBLEMS,
})

export const createProgramIntegration = defineContract({
  ...program,
  method: 'post',
  path: '/api/manager/program/integrations',
  operationId: 'createProgramIntegration',
  summary: 'Create a store integration',
  description: 'Answers its API key once; only a hash is kept. Audited (without the key).',
  body: CreateIntegrationBodySchema,
  responses: { 201: { description: 'The integration and its key.', schema: IntegrationSchema } },
  problems: MANAGER_SESSION_PROBLEMS,
})

export const recordProgramOrder = defineContract({
  ...program,
  method: 'post',
  path: '/api/manager/partners/:id/program/orders',
  operationId: 'recordProgramOrder',
  summary: 'Enter an order',
  description: 'An order of the sales ledger entered by a manager (2.1, 3.2). Audited.',
  params: PartnerIdParamsSchema,
  body: ManagerOrderBodySchema,
  responses: {
    201: { description: 'The order.', schema: OrderSchema },
    200: { description: 'The same order was recorded already under this order id.', schema: OrderSchema },
  },
  problems: { ...MANAGER_SESSION_PROBLEMS, ...PARTNER_NOT_FOUND, ...ORDER_PROBLEMS },
})

export const listProgramOrders = defineContract({
  ...program,
  method: 'get',
  path: '/api/manager/partners/:id/program/orders',
  operationId: 'listProgramOrders',
  summary: "A partner's orders",
  description: 'The latest 500, newest first.',
  params: PartnerIdParamsSchema,
  responses: { 200: { description: 'The orders.', schema: OrderListSchema } },
  problems: { ...MANAGER_SESSION_PROBLEMS, ...PARTNER_NOT_FOUND },
})

export const importProgramOrders = defineContract({
  ...program,
  method: 'post',
  path: '/api/manager/program/orders/import',
  operationId: 'importProgramOrders',
  summary: 'Import orders from CSV',
  description: 'All lines or none: any invalid field refuses the import with every error by line. Audited.',
  body: ImportOrdersBodySchema,
  responses: { 200: { description: 'What was imported.', schema: ImportResultSchema } },
  problems: { ...MANAGER_SESSION_PROBLEMS, import_invalid: 'Some lines are invalid; `lines` lists each field.' },
})

export const excludeProgramOrder = defineContract({
  ...program,
  method: 'post',
  path: '/api/manager/program/orders/:orderId/exclusion',
  operationId: 'excludeProgramOrder',
  summary: 'Exclude an order from sales targets',
  description: "The end user is the partner's own or an affiliated entity (3.2). Audited with the reason.",
  params: OrderIdParamsSchema,
  body: ExcludeOrderBodySchema,
  responses: { 200: { description: 'The excluded order.', schema: OrderSchema } },
  problems: {
    ...MANAGER_SESSION_PROBLEMS,
    order_not_found: 'No order has this id.',
    order_already_excluded: 'The order is excluded already.',
  },
})

export const startProgramMembership = defineContract({
  ...program,
  method: 'post',
  path: '/api/manager/partners/:id/program/membership',
  operationId: 'startProgramMembership',
  summary: 'Record the approval into the program',
  description: 'Bronze from `approvedAt` (3.1.1); the 90 days run from it. Audited.',
  params: PartnerIdParamsSchema,
  body: StartMembershipBodySchema,
  responses: { 201: { description: 'The evaluation now.', schema: ProgramEvaluationSchema } },
  problems: {
    ...MANAGER_SESSION_PROBLEMS,
    ...PARTNER_NOT_FOUND,
    membership_exists: 'The partner is in the program already.',
    approval_in_future: 'The approval date is later than now.',
  },
})

export const getProgramEvaluation = defineContract({
  ...program,
  method: 'get',
  path: '/api/manager/partners/:id/program/evaluation',
  operationId: 'getProgramEvaluation',
  summary: "A partner's program evaluation as of a date",
  description:
    'Status, every requirement of the next level explained, the next review, benefits and the decisions on the way, ' +
    'as of `asOf` (past or future: a what-if on the facts known now).',
  params: PartnerIdParamsSchema,
  query: EvaluationQuerySchema,
  responses: { 200: { description: 'The evaluation.', schema: ProgramEvaluationSchema } },
  problems: { ...MANAGER_SESSION_PROBLEMS, ...PARTNER_NOT_FOUND, ...MEMBERSHIP_NOT_FOUND },
})

export const confirmProgramUpgrade = defineContract({
  ...program,
  method: 'post',
  path: '/api/manager/partners/:id/program/upgrade',
  operationId: 'confirmProgramUpgrade',
  summary: 'Confirm an upgrade',
  description:
    'Only when the partner is ready for that level now; the date becomes its status confirmation date. Audited.',
  params: PartnerIdParamsSchema,
  body: ConfirmUpgradeBodySchema,
  responses: { 200: { description: 'The evaluation after the upgrade.', schema: ProgramEvaluationSchema } },
  problems: {
    ...MANAGER_SESSION_PROBLEMS,
    ...PARTNER_NOT_FOUND,
    ...MEMBERSHIP_NOT_FOUND,
    upgrade_not_ready: 'Not every requirement of that level is met now; `readyFor` says what it is ready for.',
  },
})

export const listProgramQueue = defineContract({
  ...program,
  method: 'get',
  path: '/api/manager/program/queue',
  operationId: 'listProgramQueue',
  summary: 'Partners ready for upgrade, or with zero activity',
  description: 'From the last daily evaluation, oldest evaluation first, at most 500.',
  query: ProgramQueueQuerySchema,
  responses: { 200: { description: 'The partners.', schema: ProgramQueueSchema } },
  problems: MANAGER_SESSION_PROBLEMS,
})

export const listPartnerUsers = defineContract({
  ...program,
  method: 'get',
  path: '/api/manager/partners/:id/program/users',
  operationId: 'listPartnerUsers',
  summary: "A partner's users and their courses",
  params: PartnerIdParamsSchema,
  responses: { 200: { description: 'The users.', schema: PartnerUserListSchema } },
  problems: { ...MANAGER_SESSION_PROBLEMS, ...PARTNER_NOT_FOUND },
})

export const decidePartnerUser = defineContract({
  ...program,
  method: 'post',
  path: '/api/manager/partner-users/:userId/decision',
  operationId: 'decidePartnerUser',
  summary: 'Approve or reject a user the main user added',
  description: 'Rules 6.2. Audited.',
  params: PartnerUserIdParamsSchema,
  body: DecisionBodySchema,
  responses: { 200: { description: 'The user.', schema: PartnerUserSchema } },
  problems: {
    ...MANAGER_SESSION_PROBLEMS,
    partner_user_not_found: 'No user has this id.',
    partner_user_already_decided: 'A manager decided already.',
  },
})

export const recordCourseCompletion = defineContract({
  ...program,
  method: 'post',
  path: '/api/manager/partner-users/:userId/completions',
  operationId: 'recordCourseCompletion',
  summary: "Record a user's course completion",
  description:
    "Rules 11. The first Tutorial completion of any approved user sets the partner's `tutorialCompletedAt`. Audited.",
  params: PartnerUserIdParamsSchema,
  body: RecordCompletionBodySchema,
  responses: { 201: { description: 'The user with the completion.', schema: PartnerUserSchema } },
  problems: {
    ...MANAGER_SESSION_PROBLEMS,
    partner_user_not_found: 'No user has this id.',
    partner_user_not_approved: 'Only approved users are linked to the partner (6.2).',
    completion_exists: 'This user completed this course already.',
    completion_in_future: 'The completion date is later than now.',
  },
})

export const recordNfrClaim = defineContract({
  ...program,
  method: 'post',
  path: '/api/manager/partners/:id/program/nfr-claims',
  operationId: 'recordNfrClaim',
  summary: 'Record a granted NFR copy',
  description: "Rules 7; its end follows from the partner's level in the configuration. Audited.",
  params: PartnerIdParamsSchema,
  body: RecordNfrBodySchema,
  responses: { 201: { description: 'The claim.', schema: NfrClaimSchema } },
  problems: {
    ...MANAGER_SESSION_PROBLEMS,
    ...PARTNER_NOT_FOUND,
    ...MEMBERSHIP_NOT_FOUND,
    nfr_grant_in_future: 'The grant date is later than now.',
  },
})

export const listProgramEvidence = defineContract({
  ...program,
  method: 'get',
  path: '/api/manager/program/evidence',
  operationId: 'listProgramEvidence',
  summary: 'Evidence to decide',
  description: 'Pending by default, oldest first, at most 500.',
  query: EvidenceListQuerySchema,
  responses: { 200: { description: 'The evidence.', schema: EvidenceListSchema } },
  problems: MANAGER_SESSION_PROBLEMS,
})

export const decideProgramEvidence = defineContract({
  ...program,
  method: 'post',
  path: '/api/manager/program/evidence/:evidenceId/decision',
  operationId: 'decideProgramEvidence',
  summary: 'Accept or reject evidence',
  description: 'With a reason. Accepted evidence meets its requirement from the decision on. Audited.',
  params: EvidenceIdParamsSchema,
  body: DecisionBodySchema,
  responses: { 200: { description: 'The evidence.', schema: EvidenceSchema } },
  problems: {
    ...MANAGER_SESSION_PROBLEMS,
    evidence_not_found: 'No evidence has this id.',
    evidence_already_decided: 'A manager decided already.',
  },
})

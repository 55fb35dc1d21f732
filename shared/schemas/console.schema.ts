import { z } from 'zod'
import { AUDIT_ACTOR_TYPES } from '../domain/audit'
import { CountryCodeSchema } from '../domain/countries'
import { PARTNER_STATUSES } from '../domain/partner-statuses'
import { PORTAL_STATUSES } from '../domain/portal-statuses'
import { RATING_TIER_IDS, RETURN_STATUSES, BAD_LEAD_REASONS } from '../domain/rating'
import { REQUEST_CLOSE_REASONS, REQUEST_STATUSES } from '../domain/request-states'
import { REQUEST_TYPES } from '../domain/request-type-codes'
import { RESERVATION_STATES } from '../domain/reservation-state'
import { MAX_RESERVATIONS_PER_REQUEST } from '../domain/reservation-rules'
import { singleLine } from './text'
import { timestamp } from './timestamp'

// The manager console's lists, detail pages and dashboard. Lists never carry a client's contact details; those
// come only from the audited reveal.

/** `true` / `false` in a query string. */
const queryBoolean = z.enum(['true', 'false']).transform((value) => value === 'true')
const sortOrder = z.enum(['asc', 'desc'])
const pageLimit = z.coerce.number().int().min(1).max(200).default(50)
/** Whether an export carries contact columns: only for roles allowed to see contacts, and audited. */
const withContacts = queryBoolean
  .optional()
  .meta({ description: 'Add contact columns (roles allowed to see contacts only; audited).' })

/** The columns the partner list sorts by. */
export const PARTNER_SORTS = [
  'companyName',
  'partnerCode',
  'registeredCountry',
  'declaredStatus',
  'approved',
  'eligible',
  'suspended',
  'locations',
  'portalLinked',
  'score',
  'createdAt',
] as const
export type PartnerSort = (typeof PARTNER_SORTS)[number]

const partnerFilters = {
  search: singleLine(100, 0).optional().meta({ description: 'Part of the company name or partner id.' }),
  country: CountryCodeSchema.optional().meta({ description: 'Registered country.' }),
  location: CountryCodeSchema.optional().meta({ description: 'Covers this country (registered or additional).' }),
  status: z.enum(PARTNER_STATUSES).optional(),
  eligible: queryBoolean.optional(),
  suspended: queryBoolean.optional(),
  portalLinked: queryBoolean.optional(),
  scoreMin: z.coerce.number().min(0).max(100).optional(),
  scoreMax: z.coerce.number().min(0).max(100).optional(),
  tier: z.enum(RATING_TIER_IDS).optional(),
  sort: z.enum(PARTNER_SORTS).default('companyName'),
  order: sortOrder.default('asc'),
}
const scoreRange = {
  check: (query: { scoreMin?: number | undefined; scoreMax?: number | undefined }) =>
    query.scoreMin === undefined || query.scoreMax === undefined || query.scoreMin <= query.scoreMax,
  issue: { message: 'scoreMin must not be above scoreMax', path: ['scoreMin'] },
}

export const PartnerTableQuerySchema = z
  .strictObject({
    ...partnerFilters,
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    limit: pageLimit,
  })
  .refine(scoreRange.check, scoreRange.issue)
export const PartnerExportQuerySchema = z
  .strictObject({ ...partnerFilters, contacts: withContacts })
  .refine(scoreRange.check, scoreRange.issue)
export type PartnerTableQuery = z.output<typeof PartnerTableQuerySchema>

export const PartnerRowSchema = z
  .object({
    id: z.uuid(),
    partnerCode: z.string(),
    companyName: z.string(),
    registeredCountry: z.string(),
    additionalLocations: z.array(z.string()),
    declaredStatus: z.enum(PARTNER_STATUSES),
    approved: z.boolean(),
    tutorialCompletedAt: z.iso.datetime().nullable(),
    suspended: z.boolean().meta({ description: 'A suspension is in force now.' }),
    suspendedUntil: z.iso.datetime().nullable(),
    eligible: z.boolean(),
    portalLinked: z.boolean().meta({ description: 'A portal linked to the partner has the app installed.' }),
    score: z.number(),
    tier: z.enum(RATING_TIER_IDS),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'PartnerRow' })
export type PartnerRow = z.infer<typeof PartnerRowSchema>

export const PartnerTableSchema = z
  .object({ items: z.array(PartnerRowSchema), total: z.number().int(), offset: z.number().int() })
  .meta({ id: 'PartnerTable' })

export const REQUEST_SORTS = ['createdAt', 'reservedCount', 'country', 'usersCount'] as const
export type RequestSort = (typeof REQUEST_SORTS)[number]

const requestFilters = {
  country: CountryCodeSchema.optional(),
  type: z.enum(REQUEST_TYPES).optional(),
  status: z.enum(REQUEST_STATUSES).optional(),
  closeReason: z.enum(REQUEST_CLOSE_REASONS).optional(),
  createdFrom: timestamp().optional().meta({ description: 'Published at or after.' }),
  createdTo: timestamp().optional().meta({ description: 'Published before.' }),
  slotsMin: z.coerce.number().int().min(0).max(MAX_RESERVATIONS_PER_REQUEST).optional(),
  slotsMax: z.coerce.number().int().min(0).max(MAX_RESERVATIONS_PER_REQUEST).optional(),
  reported: queryBoolean.optional().meta({ description: 'A partner returned one of its reservations as a bad lead.' }),
  sort: z.enum(REQUEST_SORTS).default('createdAt'),
  order: sortOrder.default('desc'),
}
const slotRange = {
  check: (query: { slotsMin?: number | undefined; slotsMax?: number | undefined }) =>
    query.slotsMin === undefined || query.slotsMax === undefined || query.slotsMin <= query.slotsMax,
  issue: { message: 'slotsMin must not be above slotsMax', path: ['slotsMin'] },
}

export const RequestTableQuerySchema = z
  .strictObject({ ...requestFilters, cursor: z.string().max(300).optional(), limit: pageLimit })
  .refine(slotRange.check, slotRange.issue)
export const RequestExportQuerySchema = z
  .strictObject({ ...requestFilters, contacts: withContacts })
  .refine(slotRange.check, slotRange.issue)
export type RequestTableQuery = z.output<typeof RequestTableQuerySchema>

export const RequestRowSchema = z
  .object({
    id: z.uuid(),
    country: z.string(),
    city: z.string(),
    types: z.array(z.string()),
    usersCount: z.number().int(),
    status: z.enum(REQUEST_STATUSES),
    closeReason: z.enum(REQUEST_CLOSE_REASONS).nullable(),
    reservedCount: z.number().int(),
    returns: z.number().int().meta({ description: 'Bad-lead returns of its reservations.' }),
    createdAt: z.iso.datetime(),
    closedAt: z.iso.datetime().nullable(),
    erased: z.boolean(),
  })
  .meta({ id: 'RequestRow' })
export type RequestRow = z.infer<typeof RequestRowSchema>

export const RequestTableSchema = z
  .object({ items: z.array(RequestRowSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'RequestTable' })

export const ConsoleReservationSchema = z
  .object({
    id: z.uuid(),
    requestId: z.uuid(),
    partnerId: z.uuid(),
    partnerName: z.string(),
    reservedAt: z.iso.datetime(),
    releasedAt: z.iso.datetime().nullable(),
    state: z.enum(RESERVATION_STATES),
    crmLeadId: z.string().nullable(),
    crmDealId: z.string().nullable(),
    crmLastError: z.string().nullable(),
    outcome: z.enum(['won', 'lost']).nullable(),
    outcomeAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ConsoleReservation' })
export type ConsoleReservation = z.infer<typeof ConsoleReservationSchema>

export const RequestDetailSchema = RequestRowSchema.extend({
  description: z.string().meta({ description: 'Contact details typed into it are masked; reveal them explicitly.' }),
  preferredLanguage: z.string(),
  expiresAt: z.iso.datetime(),
  reservations: z.array(ConsoleReservationSchema),
}).meta({ id: 'RequestDetail' })

export const RevealedContactsSchema = z
  .object({
    requestId: z.uuid(),
    name: z.string(),
    company: z.string().nullable(),
    email: z.string(),
    phone: z.string(),
    description: z.string().meta({ description: 'As the client typed it.' }),
    erased: z.boolean().meta({ description: 'The client erased their data; the values are empty.' }),
  })
  .meta({ id: 'RevealedContacts' })

const returnFilters = { status: z.enum(RETURN_STATUSES).default('pending') }
export const ReturnQueueQuerySchema = z.strictObject({
  ...returnFilters,
  cursor: z.string().max(300).optional(),
  limit: pageLimit,
})
export const ReturnExportQuerySchema = z.strictObject(returnFilters)

export const ReturnQueueItemSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(RETURN_STATUSES),
    reason: z.enum(BAD_LEAD_REASONS),
    comment: z.string().nullable().meta({ description: "The partner's note, contact details masked." }),
    createdAt: z.iso.datetime(),
    decidedAt: z.iso.datetime().nullable(),
    decisionNote: z.string().nullable(),
    partner: z.object({ id: z.uuid(), companyName: z.string(), partnerCode: z.string() }),
    request: z.object({
      id: z.uuid(),
      country: z.string(),
      types: z.array(z.string()),
      status: z.enum(REQUEST_STATUSES),
      createdAt: z.iso.datetime(),
    }),
    reservation: z.object({
      id: z.uuid(),
      reservedAt: z.iso.datetime(),
      state: z.enum(RESERVATION_STATES),
      crmLeadId: z.string().nullable(),
      crmDealId: z.string().nullable(),
    }),
  })
  .meta({ id: 'ReturnQueueItem' })

export const ReturnQueueSchema = z
  .object({ items: z.array(ReturnQueueItemSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'ReturnQueue' })

const leadSyncFilters = { portalId: z.uuid().optional() }
export const LeadSyncFailureQuerySchema = z.strictObject({
  ...leadSyncFilters,
  cursor: z.string().max(300).optional(),
  limit: pageLimit,
})
export const LeadSyncExportQuerySchema = z.strictObject(leadSyncFilters)

export const LeadSyncFailureSchema = z
  .object({
    reservationId: z.uuid(),
    requestId: z.uuid(),
    partnerId: z.uuid(),
    partnerName: z.string(),
    portalId: z.uuid().nullable(),
    portalDomain: z.string().nullable(),
    reservedAt: z.iso.datetime(),
    lastError: z.string().nullable(),
    attempts: z.number().int(),
  })
  .meta({ id: 'LeadSyncFailure' })

export const LeadSyncFailurePageSchema = z
  .object({
    items: z.array(LeadSyncFailureSchema),
    byPortal: z.array(
      z.object({ portalId: z.uuid().nullable(), portalDomain: z.string().nullable(), failures: z.number().int() }),
    ),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'LeadSyncFailurePage' })

export const PortalStateQuerySchema = z.strictObject({ status: z.enum(PORTAL_STATUSES).optional() })

export const PortalStateSchema = z
  .object({
    id: z.uuid(),
    domain: z.string(),
    memberId: z.string(),
    status: z.enum(PORTAL_STATUSES),
    partnerId: z.uuid().nullable(),
    partnerName: z.string().nullable(),
    appVersion: z.number().int().nullable(),
    lastEventAt: z.iso.datetime().nullable().meta({ description: 'The last event the portal sent the app.' }),
    lastError: z.string().nullable(),
    installedAt: z.iso.datetime(),
    uninstalledAt: z.iso.datetime().nullable(),
    failedLeads: z.number().int(),
  })
  .meta({ id: 'PortalState' })

export const PortalStateListSchema = z.object({ items: z.array(PortalStateSchema) }).meta({ id: 'PortalStateList' })

export const RetryManyBodySchema = z
  .strictObject({
    reservationIds: z.array(z.uuid()).min(1).max(200).optional(),
    portalId: z.uuid().optional().meta({ description: 'Every failed lead of this portal.' }),
  })
  .refine((body) => (body.reservationIds === undefined) !== (body.portalId === undefined), {
    message: 'name either reservationIds or portalId',
  })
  .meta({ id: 'RetryManyBody' })

export const RetryManyResultSchema = z
  .object({ retried: z.array(z.uuid()), notFailed: z.array(z.uuid()) })
  .meta({ id: 'RetryManyResult' })

const auditFilters = {
  actorType: z.enum(AUDIT_ACTOR_TYPES).optional(),
  actorId: singleLine(80).optional(),
  entityType: singleLine(40).optional(),
  entityId: singleLine(80).optional(),
  action: singleLine(80).optional(),
  from: timestamp().optional().meta({ description: 'At or after.' }),
  to: timestamp().optional().meta({ description: 'Before.' }),
}
const auditPeriod = {
  check: (query: { from?: string | undefined; to?: string | undefined }) =>
    !query.from || !query.to || new Date(query.from) < new Date(query.to),
  issue: { message: 'from must be before to', path: ['from'] },
}

export const AuditSearchQuerySchema = z
  .strictObject({ ...auditFilters, cursor: z.string().max(200).optional(), limit: pageLimit })
  .refine(auditPeriod.check, auditPeriod.issue)
export const AuditExportQuerySchema = z.strictObject(auditFilters).refine(auditPeriod.check, auditPeriod.issue)
export type AuditSearchQuery = z.output<typeof AuditExportQuerySchema> & { cursor?: string | undefined; limit: number }

/** The longest period a chart covers; longer ones would scan years of requests for one screen. */
export const MAX_CHART_DAYS = 366

const DAY_MS = 86_400_000

export const ChartPeriodQuerySchema = z
  .strictObject({ from: timestamp(), to: timestamp() })
  .refine((query) => new Date(query.from) < new Date(query.to), { message: 'from must be before to', path: ['from'] })
  .refine((query) => new Date(query.to).getTime() - new Date(query.from).getTime() <= MAX_CHART_DAYS * DAY_MS, {
    message: `the period may cover at most ${MAX_CHART_DAYS} days`,
    path: ['to'],
  })
export type ChartPeriodQuery = z.output<typeof ChartPeriodQuerySchema>

export const DashboardQueuesSchema = z
  .object({
    returnsWaiting: z.number().int(),
    requestsToModerate: z.number().int().meta({ description: 'Requests sent to moderation by a confirmed return.' }),
    failedLeadPushes: z.number().int(),
    portalsNeedingReauth: z.number().int(),
    partnersAwaitingApproval: z.number().int(),
  })
  .meta({ id: 'DashboardQueues' })

const percentiles = z.object({
  p50: z.number().nullable(),
  p90: z.number().nullable(),
  count: z.number().int(),
})

export const DashboardChartsSchema = z
  .object({
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    requestsPerDay: z.array(z.object({ day: z.iso.date(), country: z.string(), requests: z.number().int() })),
    fillRate: z.object({
      requests: z.number().int(),
      bySlots: z
        .array(z.object({ slots: z.number().int(), requests: z.number().int() }))
        .meta({ description: `How many requests reached 0..${MAX_RESERVATIONS_PER_REQUEST} reservations.` }),
      shareWithNone: z.number().nullable(),
    }),
    firstReservationHours: percentiles.meta({ description: 'Hours from publication to the first reservation.' }),
    wonRate: z.array(
      z.object({
        tier: z.enum(RATING_TIER_IDS),
        country: z.string(),
        won: z.number().int(),
        lost: z.number().int(),
        rate: z.number().nullable(),
      }),
    ),
    leadSyncLagSeconds: percentiles.extend({ failed: z.number().int() }),
    fairness: z.array(
      z.object({
        country: z.string(),
        eligiblePartners: z.number().int(),
        reservations: z.number().int(),
        topPartners: z.number().int().meta({ description: 'The top 10% of eligible partners, at least one.' }),
        topShare: z.number().nullable().meta({ description: 'Share of reservations that went to them.' }),
      }),
    ),
  })
  .meta({ id: 'DashboardCharts' })

export const CsvSchema = z.string().meta({ description: 'CSV with a header row (RFC 4180, UTF-8).' })

export const FeedbackExportQuerySchema = z.strictObject({ partnerId: z.uuid().optional() })

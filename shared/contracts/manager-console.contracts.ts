import {
  AuditExportQuerySchema,
  ChartPeriodQuerySchema,
  CsvSchema,
  DashboardChartsSchema,
  DashboardQueuesSchema,
  FeedbackExportQuerySchema,
  LeadSyncExportQuerySchema,
  LeadSyncFailurePageSchema,
  LeadSyncFailureQuerySchema,
  PartnerExportQuerySchema,
  PartnerTableQuerySchema,
  PartnerTableSchema,
  PortalStateListSchema,
  PortalStateQuerySchema,
  RequestDetailSchema,
  RequestExportQuerySchema,
  RequestTableQuerySchema,
  RequestTableSchema,
  ReturnExportQuerySchema,
  ReturnQueueQuerySchema,
  ReturnQueueSchema,
  RevealedContactsSchema,
} from '../schemas/console.schema'
import { PartnerIdParamsSchema } from '../schemas/partner.schema'
import { PartnerOverviewSchema } from '../schemas/partner-overview.schema'
import { RequestIdParamsSchema } from '../schemas/reservation.schema'
import { defineContract } from './contract'
import { MANAGER_SESSION_PROBLEMS } from './session-problems'

/** The manager console's lists, pages and dashboard: reads only, never a client's contacts outside the reveal. */
const console_ = { tags: ['Console'], security: 'managerSession' } as const
const CURSOR = { invalid_cursor: 'The cursor was not returned by this API.' } as const
const INVALID = { validation_failed: 'A filter is invalid, one entry per field in `errors`.' } as const

export const listPartnerTable = defineContract({
  ...console_,
  method: 'get',
  path: '/api/manager/console/partners',
  operationId: 'listPartnerTable',
  summary: 'Partners, searched, filtered and sorted',
  description: 'Offset pages over a stable order (the sort column, then the id), with the total of matching partners.',
  query: PartnerTableQuerySchema,
  responses: { 200: { description: 'A page of partners.', schema: PartnerTableSchema } },
  problems: { ...MANAGER_SESSION_PROBLEMS, ...INVALID },
})

export const getPartnerOverview = defineContract({
  ...console_,
  method: 'get',
  path: '/api/manager/console/partners/:id',
  operationId: 'getPartnerOverview',
  summary: 'Everything about one partner',
  description:
    'Profile and contacts, status and approval, tutorial, locations, suspension, rating with adjustments, ' +
    'outcomes and history, recent reservations with their CRM state, portals, link codes (never the codes), ' +
    'client feedback and the latest audit entries about the partner.',
  params: PartnerIdParamsSchema,
  responses: { 200: { description: 'The partner page.', schema: PartnerOverviewSchema } },
  problems: { ...MANAGER_SESSION_PROBLEMS, partner_not_found: 'No partner has this id.' },
})

export const listRequestTable = defineContract({
  ...console_,
  method: 'get',
  path: '/api/manager/console/requests',
  operationId: 'listRequestTable',
  summary: 'Requests, filtered and sorted, without contacts',
  description: 'Keyset pages over a stable order (the sort column, then the id).',
  query: RequestTableQuerySchema,
  responses: { 200: { description: 'A page of requests.', schema: RequestTableSchema } },
  problems: { ...MANAGER_SESSION_PROBLEMS, ...INVALID, ...CURSOR },
})

export const getRequestDetail = defineContract({
  ...console_,
  method: 'get',
  path: '/api/manager/console/requests/:id',
  operationId: 'getRequestDetail',
  summary: 'A request with its reservations and their outcomes, without contacts',
  params: RequestIdParamsSchema,
  responses: { 200: { description: 'The request.', schema: RequestDetailSchema } },
  problems: { ...MANAGER_SESSION_PROBLEMS, request_not_found: 'No request has this id.' },
})

export const revealRequestContacts = defineContract({
  ...console_,
  method: 'post',
  path: '/api/manager/console/requests/:id/contacts',
  operationId: 'revealRequestContacts',
  summary: "Reveal a client's contact details",
  description:
    'Only for roles that may see contacts. Audited as `contacts.revealed` (once per request, manager and day), ' +
    'without the values.',
  params: RequestIdParamsSchema,
  responses: { 200: { description: 'The contacts.', schema: RevealedContactsSchema } },
  problems: {
    ...MANAGER_SESSION_PROBLEMS,
    request_not_found: 'No request has this id.',
    contacts_not_allowed: 'This role may not see client contact details.',
  },
})

export const listReturnQueue = defineContract({
  ...console_,
  method: 'get',
  path: '/api/manager/console/returns',
  operationId: 'listReturnQueue',
  summary: "Bad-lead returns with the partner's reason, the request and the CRM state",
  description: 'Oldest first, so the longest-waiting return is decided first.',
  query: ReturnQueueQuerySchema,
  responses: { 200: { description: 'A page of returns.', schema: ReturnQueueSchema } },
  problems: { ...MANAGER_SESSION_PROBLEMS, ...CURSOR },
})

export const listLeadSyncFailures = defineContract({
  ...console_,
  method: 'get',
  path: '/api/manager/console/lead-sync/failures',
  operationId: 'listLeadSyncFailures',
  summary: 'Leads that could not be written, per portal, with the error',
  query: LeadSyncFailureQuerySchema,
  responses: { 200: { description: 'Oldest first, with counts per portal.', schema: LeadSyncFailurePageSchema } },
  problems: { ...MANAGER_SESSION_PROBLEMS, ...CURSOR },
})

export const listPortalStates = defineContract({
  ...console_,
  method: 'get',
  path: '/api/manager/console/portals',
  operationId: 'listPortalStates',
  summary: 'Installed portals with their state, app version and last event',
  query: PortalStateQuerySchema,
  responses: { 200: { description: 'Newest installs first.', schema: PortalStateListSchema } },
  problems: MANAGER_SESSION_PROBLEMS,
})

export const getDashboardQueues = defineContract({
  ...console_,
  method: 'get',
  path: '/api/manager/console/dashboard/queues',
  operationId: 'getDashboardQueues',
  summary: 'What needs a person today',
  responses: { 200: { description: 'The queues and their counts.', schema: DashboardQueuesSchema } },
  problems: MANAGER_SESSION_PROBLEMS,
})

export const getDashboardCharts = defineContract({
  ...console_,
  method: 'get',
  path: '/api/manager/console/dashboard/charts',
  operationId: 'getDashboardCharts',
  summary: 'The charts over a period',
  description:
    'Requests per day and country, fill rate, time to the first reservation, Won rate by tier and country, ' +
    'lead-sync lag and the share of reservations going to the top 10% of eligible partners per country.',
  query: ChartPeriodQuerySchema,
  responses: { 200: { description: 'The series.', schema: DashboardChartsSchema } },
  problems: { ...MANAGER_SESSION_PROBLEMS, ...INVALID },
})

const csv = { 200: { description: 'The rows, streamed.', schema: CsvSchema, contentType: 'text/csv' } } as const
const EXPORT_PROBLEMS = {
  ...MANAGER_SESSION_PROBLEMS,
  ...INVALID,
  contacts_not_allowed: 'Contact columns were asked for by a role that may not see contacts.',
} as const

export const exportPartners = defineContract({
  ...console_,
  method: 'get',
  path: '/api/manager/console/exports/partners',
  operationId: 'exportPartners',
  summary: 'Partners as CSV, with the list filters',
  query: PartnerExportQuerySchema,
  responses: csv,
  problems: EXPORT_PROBLEMS,
})

export const exportRequests = defineContract({
  ...console_,
  method: 'get',
  path: '/api/manager/console/exports/requests',
  operationId: 'exportRequests',
  summary: 'Requests as CSV, with the list filters',
  query: RequestExportQuerySchema,
  responses: csv,
  problems: EXPORT_PROBLEMS,
})

export const exportReturns = defineContract({
  ...console_,
  method: 'get',
  path: '/api/manager/console/exports/returns',
  operationId: 'exportReturns',
  summary: 'Bad-lead returns as CSV',
  query: ReturnExportQuerySchema,
  responses: csv,
  problems: { ...MANAGER_SESSION_PROBLEMS, ...INVALID },
})

export const exportLeadSyncFailures = defineContract({
  ...console_,
  method: 'get',
  path: '/api/manager/console/exports/lead-sync-failures',
  operationId: 'exportLeadSyncFailures',
  summary: 'Failed lead pushes as CSV',
  query: LeadSyncExportQuerySchema,
  responses: csv,
  problems: { ...MANAGER_SESSION_PROBLEMS, ...INVALID },
})

export const exportAuditLog = defineContract({
  ...console_,
  method: 'get',
  path: '/api/manager/console/exports/audit-log',
  operationId: 'exportAuditLog',
  summary: 'The audit log as CSV, with the list filters',
  query: AuditExportQuerySchema,
  responses: csv,
  problems: { ...MANAGER_SESSION_PROBLEMS, ...INVALID },
})

export const exportClientFeedback = defineContract({
  ...console_,
  method: 'get',
  path: '/api/manager/console/exports/client-feedback',
  operationId: 'exportClientFeedback',
  summary: 'Client feedback as CSV',
  query: FeedbackExportQuerySchema,
  responses: csv,
  problems: { ...MANAGER_SESSION_PROBLEMS, ...INVALID },
})

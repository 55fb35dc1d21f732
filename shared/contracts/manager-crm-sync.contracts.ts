import { CrmSyncFailureListSchema, CrmSyncRetrySchema, ReservationIdParamsSchema } from '../schemas/crm-sync.schema'
import { RetryManyBodySchema, RetryManyResultSchema } from '../schemas/console.schema'
import { defineContract } from './contract'
import { MANAGER_SESSION_PROBLEMS } from './session-problems'

/** Managers see the leads that could not be written into partners' CRMs and try them again. */
const crmSync = { tags: ['CRM sync'], security: 'managerSession' } as const

export const listCrmSyncFailures = defineContract({
  ...crmSync,
  method: 'get',
  path: '/api/manager/crm-sync/failures',
  operationId: 'listCrmSyncFailures',
  summary: 'Leads that could not be written',
  description: 'Reservations whose lead is not in the partner’s CRM after about 24 hours of retries.',
  responses: { 200: { description: 'Oldest first.', schema: CrmSyncFailureListSchema } },
  problems: MANAGER_SESSION_PROBLEMS,
})

export const retryCrmSync = defineContract({
  ...crmSync,
  method: 'post',
  path: '/api/manager/crm-sync/reservations/:id/retry',
  operationId: 'retryCrmSync',
  summary: 'Write a failed lead again',
  description: 'Starts a fresh round of retries; the lead is still created at most once.',
  params: ReservationIdParamsSchema,
  responses: { 202: { description: 'Queued.', schema: CrmSyncRetrySchema } },
  problems: {
    ...MANAGER_SESSION_PROBLEMS,
    crm_sync_failure_not_found: 'The reservation has no failed sync.',
  },
})

export const retryCrmSyncMany = defineContract({
  ...crmSync,
  method: 'post',
  path: '/api/manager/crm-sync/retries',
  operationId: 'retryCrmSyncMany',
  summary: 'Write several failed leads again',
  description:
    'The reservations named, or every failed lead of one portal (up to 1,000). Each is audited like a single ' +
    'retry; those that are no longer failed are listed in `notFailed`.',
  body: RetryManyBodySchema,
  responses: { 202: { description: 'Queued.', schema: RetryManyResultSchema } },
  problems: { ...MANAGER_SESSION_PROBLEMS, validation_failed: 'Neither or both of reservationIds and portalId.' },
})

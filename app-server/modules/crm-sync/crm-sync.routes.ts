import {
  CrmSyncFailureListSchema,
  CrmSyncRetrySchema,
  ReservationIdParamsSchema,
} from '../../../shared/schemas/crm-sync.schema'
import type { AppContext } from '../../context'
import { managerOf } from '../../http/auth/actors'
import { route, type RouteGroup } from '../../http/route'
import { requireManager } from '../managers'
import { listFailures, retryFailedPush } from './crm-sync.service'

const UNAUTHORIZED = { status: 401, code: 'missing_session', description: 'No current manager session.' }

/** Managers see the leads that could not be written into partners' CRMs and try them again. */
export function crmSyncRoutes(ctx: AppContext): RouteGroup {
  return {
    prefix: '/api/manager/crm-sync',
    routes: [
      route({
        method: 'get',
        path: '/failures',
        operationId: 'listCrmSyncFailures',
        summary: 'Leads that could not be written',
        description: 'Reservations whose lead is not in the partner’s CRM after about 24 hours of retries.',
        tags: ['CRM sync'],
        security: ['managerSession'],
        before: [requireManager(ctx)],
        responses: { 200: { description: 'Oldest first.', schema: CrmSyncFailureListSchema } },
        problems: [UNAUTHORIZED],
        handler: async (_req, res) => {
          res.json(await listFailures(ctx))
        },
      }),
      route({
        method: 'post',
        path: '/reservations/:id/retry',
        operationId: 'retryCrmSync',
        summary: 'Write a failed lead again',
        description: 'Starts a fresh round of retries; the lead is still created at most once.',
        tags: ['CRM sync'],
        security: ['managerSession'],
        before: [requireManager(ctx)],
        params: ReservationIdParamsSchema,
        responses: { 202: { description: 'Queued.', schema: CrmSyncRetrySchema } },
        problems: [
          UNAUTHORIZED,
          { status: 404, code: 'crm_sync_failure_not_found', description: 'The reservation has no failed sync.' },
        ],
        handler: async (_req, res, { params }) => {
          res.status(202).json(await retryFailedPush(ctx, managerOf(res), params.id))
        },
      }),
    ],
  }
}

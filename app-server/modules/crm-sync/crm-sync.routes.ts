import * as contracts from '../../../shared/contracts/manager-crm-sync.contracts'
import type { AppContext } from '../../context'
import { managerOf } from '../../http/auth/actors'
import { implement, type RouteGroup } from '../../http/route'
import { requireManager } from '../managers'
import { listFailures, retryFailedPush, retryFailedPushes } from './crm-sync.service'

/** Managers see the leads that could not be written into partners' CRMs and try them again. */
export function crmSyncRoutes(ctx: AppContext): RouteGroup {
  const before = [requireManager(ctx)]
  return [
    implement(contracts.listCrmSyncFailures, {
      before,
      handler: async (_req, res) => {
        res.json(await listFailures(ctx))
      },
    }),
    implement(contracts.retryCrmSync, {
      before,
      handler: async (_req, res, { params }) => {
        res.status(202).json(await retryFailedPush(ctx, managerOf(res), params.id))
      },
    }),
    implement(contracts.retryCrmSyncMany, {
      before,
      handler: async (_req, res, { body }) => {
        res.status(202).json(await retryFailedPushes(ctx, managerOf(res), body))
      },
    }),
  ]
}

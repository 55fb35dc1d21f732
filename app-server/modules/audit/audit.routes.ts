import * as contracts from '../../../shared/contracts/manager-audit.contracts'
import type { AppContext } from '../../context'
import { implement, type RouteGroup } from '../../http/route'
import { requireManager } from '../managers'
import { listAudit } from './audit.service'

/** Managers read the append-only audit log. */
export function auditRoutes(ctx: AppContext): RouteGroup {
  return [
    implement(contracts.listAuditLog, {
      before: [requireManager(ctx)],
      handler: async (_req, res, { query }) => {
        res.json(await listAudit(ctx.db, query))
      },
    }),
  ]
}

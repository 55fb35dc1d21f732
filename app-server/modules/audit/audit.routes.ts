import { AuditListSchema, AuditQuerySchema } from '../../../shared/schemas/manager.schema'
import type { AppContext } from '../../context'
import { route, type RouteGroup } from '../../http/route'
import { NO_MANAGER_SESSION, requireManager } from '../managers'
import { listAudit } from './audit.service'

/** Managers read the append-only audit log. */
export function auditRoutes(ctx: AppContext): RouteGroup {
  return {
    prefix: '/api/manager',
    routes: [
      route({
        method: 'get',
        path: '/audit-log',
        operationId: 'listAuditLog',
        summary: 'Audit log',
        description:
          'Every reservation, release, contact reveal and manager change, newest first, with before and after.',
        tags: ['Audit'],
        security: ['managerSession'],
        before: [requireManager(ctx)],
        query: AuditQuerySchema,
        responses: { 200: { description: 'A page of entries.', schema: AuditListSchema } },
        problems: [NO_MANAGER_SESSION],
        handler: async (_req, res, { query }) => {
          res.json(await listAudit(ctx.db, query))
        },
      }),
    ],
  }
}

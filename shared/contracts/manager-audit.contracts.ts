import { AuditSearchQuerySchema } from '../schemas/console.schema'
import { AuditListSchema } from '../schemas/manager.schema'
import { defineContract } from './contract'
import { MANAGER_SESSION_PROBLEMS } from './session-problems'

/** Managers read the append-only audit log. */
export const listAuditLog = defineContract({
  method: 'get',
  path: '/api/manager/audit-log',
  operationId: 'listAuditLog',
  summary: 'Audit log',
  description:
    'Every reservation, release, contact reveal and manager change, newest first, with before and after; ' +
    'filtered by actor, entity, action and period.',
  tags: ['Audit'],
  security: 'managerSession',
  query: AuditSearchQuerySchema,
  responses: { 200: { description: 'A page of entries.', schema: AuditListSchema } },
  problems: {
    ...MANAGER_SESSION_PROBLEMS,
    validation_failed: 'A filter is invalid.',
    invalid_cursor: 'The cursor was not returned by this API.',
  },
})

import { AuditListSchema, AuditQuerySchema } from '../schemas/manager.schema'
import { defineContract } from './contract'
import { MANAGER_SESSION_PROBLEMS } from './session-problems'

/** Managers read the append-only audit log. */
export const listAuditLog = defineContract({
  method: 'get',
  path: '/api/manager/audit-log',
  operationId: 'listAuditLog',
  summary: 'Audit log',
  description: 'Every reservation, release, contact reveal and manager change, newest first, with before and after.',
  tags: ['Audit'],
  security: 'managerSession',
  query: AuditQuerySchema,
  responses: { 200: { description: 'A page of entries.', schema: AuditListSchema } },
  problems: { ...MANAGER_SESSION_PROBLEMS, invalid_cursor: 'The cursor was not returned by this API.' },
})

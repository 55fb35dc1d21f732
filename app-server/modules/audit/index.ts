export { auditRoutes } from './audit.routes'
export {
  listAudit,
  recordAudit,
  recordAudits,
  recordReveals,
  type ActorType,
  type AuditActor,
  type AuditEntry,
} from './audit.service'
export type { AuditAction, AuditEntityType } from '../../../shared/domain/audit'

export { auditRoutes } from './audit.routes'
export { listAudit, recordAudit, recordAudits, type ActorType, type AuditEntryInput } from './audit.service'

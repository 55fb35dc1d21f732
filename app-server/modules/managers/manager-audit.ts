import type { AuditAction, AuditEntityType } from '../../../shared/domain/audit'
import type { Executor } from '../../db/client'

/**
 * How this module writes the audit log. The audit module sits above this one (it authenticates its readers
 * here), so the composition root hands its `recordAudit` in. Entries name the account by id: never a password,
 * a secret or an e-mail address.
 */
export type RecordManagerAudit = (
  executor: Executor,
  entry: {
    at: Date
    actor: { type: 'manager'; id: string }
    action: AuditAction
    entity: { type: AuditEntityType; id: string }
    before?: unknown
    after?: unknown
  },
) => Promise<void>

import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm'
import { z } from 'zod'
import type { AuditAction, AuditActorType, AuditEntityType } from '../../../shared/domain/audit'
import type { Executor } from '../../db/client'
import { auditLog } from '../../db/schema'
import { fetchLimit, keysetCursor } from '../../http/keyset-page'
import { currentRequestId } from '../../request-context'

export type ActorType = AuditActorType

/** Who made a change; clients (acting by status token) and the app itself have no id. */
export interface AuditActor {
  type: AuditActorType
  id: string | null
}

/** One change or access worth keeping: who did what to which row, and the state before and after. */
export interface AuditEntry {
  at: Date
  actor: AuditActor
  action: AuditAction
  entity: { type: AuditEntityType; id: string }
  /** Never a client's contact values: the log is append-only, so an erasure could not remove them. */
  before?: unknown
  after?: unknown
}

/** Appends to the audit log in the caller's transaction, so the record exists exactly when the change does. */
export async function recordAudit(executor: Executor, entry: AuditEntry): Promise<void> {
  await recordAudits(executor, [entry])
}

export async function recordAudits(executor: Executor, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return
  const requestId = currentRequestId() ?? null
  await executor.insert(auditLog).values(entries.map((entry) => auditRow(entry, requestId)))
}

/**
 * Records that someone saw a client's contacts, at most once per entity, viewer and UTC day: a list shown again
 * and again is one access worth keeping, not one per page view (`audit_log_reveal_daily_unique`).
 */
export async function recordReveals(executor: Executor, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return
  const requestId = currentRequestId() ?? null
  await executor
    .insert(auditLog)
    .values(entries.map((entry) => auditRow(entry, requestId)))
    .onConflictDoNothing()
}

/** The `audit_log` row of an entry, stamped with the id of the HTTP request or job that made it. */
function auditRow(entry: AuditEntry, requestId: string | null): typeof auditLog.$inferInsert {
  return {
    at: entry.at,
    actorType: entry.actor.type,
    actorId: entry.actor.id,
    action: entry.action,
    entityType: entry.entity.type,
    entityId: entry.entity.id,
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId,
  }
}

const idCursor = keysetCursor({ id: z.number().int().positive() })

export interface AuditQuery {
  actorType?: AuditActorType | undefined
  actorId?: string | undefined
  from?: string | undefined
  to?: string | undefined
  entityType?: string | undefined
  entityId?: string | undefined
  action?: string | undefined
  cursor?: string | undefined
  limit: number
}

/**
 * Newest first, walked with an id cursor; filtered by actor, entity, action and period (`from` included, `to`
 * not). A filter naming no known type or action matches nothing.
 */
export async function listAudit(executor: Executor, query: AuditQuery) {
  const conditions: SQL[] = []
  if (query.entityType) conditions.push(eq(auditLog.entityType, query.entityType as AuditEntityType))
  if (query.entityId) conditions.push(eq(auditLog.entityId, query.entityId))
  if (query.action) conditions.push(eq(auditLog.action, query.action as AuditAction))
  if (query.actorType) conditions.push(eq(auditLog.actorType, query.actorType))
  if (query.actorId) conditions.push(eq(auditLog.actorId, query.actorId))
  if (query.from) conditions.push(gte(auditLog.at, new Date(query.from)))
  if (query.to) conditions.push(lt(auditLog.at, new Date(query.to)))
  const after = idCursor.decode(query.cursor)
  if (after) conditions.push(lt(auditLog.id, after.id))
  const rows = await executor
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(fetchLimit(query.limit))
  const page = idCursor.page(rows, query.limit, (row) => ({ id: row.id }))
  return {
    items: page.items.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      actorType: row.actorType,
      actorId: row.actorId,
      action: row.action,
      entityType: row.entityType,
      entityId: row.entityId,
      before: row.before,
      after: row.after,
    })),
    nextCursor: page.nextCursor,
  }
}

import { and, desc, eq, lt, type SQL } from 'drizzle-orm'
import { z } from 'zod'
import type { Executor } from '../../db/client'
import { auditLog } from '../../db/schema'
import { currentRequestId } from '../../request-context'
import { decodeCursor, encodeCursor } from '../../http/cursor'

export type ActorType = 'partner' | 'manager' | 'client' | 'system'

export interface AuditEntryInput {
  at: Date
  actorType: ActorType
  actorId: string | null
  action: string
  entityType: string
  entityId: string
  before?: unknown
  after?: unknown
}

/** Appends to the audit log in the caller's transaction, so the record exists exactly when the change does. */
export async function recordAudit(executor: Executor, entry: AuditEntryInput): Promise<void> {
  await recordAudits(executor, [entry])
}

export async function recordAudits(executor: Executor, entries: AuditEntryInput[]): Promise<void> {
  if (entries.length === 0) return
  const requestId = currentRequestId() ?? null
  await executor.insert(auditLog).values(
    entries.map((entry) => ({
      ...entry,
      before: entry.before ?? null,
      after: entry.after ?? null,
      requestId,
    })),
  )
}

const IdCursorSchema = z.object({ id: z.number().int().positive() })

export interface AuditQuery {
  entityType?: string | undefined
  entityId?: string | undefined
  action?: string | undefined
  cursor?: string | undefined
  limit: number
}

/** Newest first, walked with an id cursor. */
export async function listAudit(executor: Executor, query: AuditQuery) {
  const conditions: SQL[] = []
  if (query.entityType) conditions.push(eq(auditLog.entityType, query.entityType))
  if (query.entityId) conditions.push(eq(auditLog.entityId, query.entityId))
  if (query.action) conditions.push(eq(auditLog.action, query.action))
  const after = query.cursor ? decodeCursor(query.cursor, IdCursorSchema) : undefined
  if (after) conditions.push(lt(auditLog.id, after.id))
  const rows = await executor
    .select()
    .from(auditLog)
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(query.limit + 1)
  const page = rows.slice(0, query.limit)
  const last = page.at(-1)
  return {
    items: page.map((row) => ({
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
    nextCursor: rows.length > query.limit && last ? encodeCursor({ id: last.id }) : null,
  }
}

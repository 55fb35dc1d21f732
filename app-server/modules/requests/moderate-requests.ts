import { and, desc, eq, lt, lte, or, type SQL } from 'drizzle-orm'
import { z } from 'zod'
import { MAX_RESERVATIONS_PER_REQUEST } from '../../../shared/domain/reservation-rules'
import type { AppContext } from '../../context'
import { requests } from '../../db/schema'
import { withTransaction } from '../../db/transaction'
import { emit } from '../../events'
import { conflict, notFound } from '../../errors'
import type { ManagerActor } from '../../http/auth/actors'
import { decodeCursor, encodeCursor } from '../../http/cursor'
import { recordAudit } from '../audit'
import { presentModerated } from './requests.presenter'

const DAY_MS = 86_400_000
const CreatedCursorSchema = z.object({ createdAt: z.iso.datetime(), id: z.uuid() })

export interface ModerationQuery {
  status?: 'open' | 'closed' | undefined
  country?: string | undefined
  cursor?: string | undefined
  limit: number
}

/** Requests for moderation, newest first, with contacts (managers handle spam and complaints). */
export async function listRequestsForModeration(ctx: AppContext, query: ModerationQuery) {
  const conditions: SQL[] = []
  if (query.status) conditions.push(eq(requests.status, query.status))
  if (query.country) conditions.push(eq(requests.country, query.country))
  if (query.cursor) {
    const after = decodeCursor(query.cursor, CreatedCursorSchema)
    const at = new Date(after.createdAt)
    conditions.push(or(lt(requests.createdAt, at), and(eq(requests.createdAt, at), lt(requests.id, after.id)))!)
  }
  const rows = await ctx.db
    .select()
    .from(requests)
    .where(and(...conditions))
    .orderBy(desc(requests.createdAt), desc(requests.id))
    .limit(query.limit + 1)
  const page = rows.slice(0, query.limit)
  const last = page.at(-1)
  return {
    items: page.map(presentModerated),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null,
  }
}

export async function getRequestForModeration(ctx: AppContext, id: string) {
  const [row] = await ctx.db.select().from(requests).where(eq(requests.id, id))
  if (!row) throw notFound('request_not_found', 'No request has this id.')
  return presentModerated(row)
}

export type ModerationAction = 'close' | 'reopen' | 'reject_spam'

/**
 * Closes, reopens or rejects a request as spam. Reopening gives it a fresh lifetime; a spam rejection takes the
 * request out of the rating of every partner that held it (through the event `request.rejected_as_spam`). Audited.
 * @throws AppError `request_not_found` (404), `request_already_open` / `request_already_closed` / `request_fully_reserved` (409).
 */
export async function moderateRequest(
  ctx: AppContext,
  actor: ManagerActor,
  id: string,
  action: ModerationAction,
  note?: string,
) {
  return withTransaction(ctx.db, async (tx) => {
    const [before] = await tx.select().from(requests).where(eq(requests.id, id)).for('update')
    if (!before) throw notFound('request_not_found', 'No request has this id.')
    const now = ctx.clock.now()
    let changes: Partial<typeof requests.$inferInsert>
    if (action === 'reopen') {
      if (before.status === 'open') throw conflict('request_already_open', 'The request is open already.')
      if (before.reservedCount >= MAX_RESERVATIONS_PER_REQUEST) {
        throw conflict(
          'request_fully_reserved',
          `${MAX_RESERVATIONS_PER_REQUEST} partners hold this request; it cannot reopen.`,
        )
      }
      changes = {
        status: 'open',
        closeReason: null,
        closedAt: null,
        expiresAt: new Date(now.getTime() + ctx.config.REQUEST_TTL_DAYS * DAY_MS),
      }
    } else {
      if (before.status === 'closed' && action === 'close')
        throw conflict('request_already_closed', 'The request is closed already.')
      changes = {
        status: 'closed',
        closeReason: action === 'close' ? 'closed_by_manager' : 'rejected_spam',
        closedAt: now,
      }
    }
    const [after] = await tx
      .update(requests)
      .set({ ...changes, updatedAt: now })
      .where(eq(requests.id, id))
      .returning()
    const state = (row: typeof before) => ({
      status: row.status,
      closeReason: row.closeReason,
      expiresAt: row.expiresAt.toISOString(),
    })
    // A spam request is nobody's fault: the rating forgets it for every partner that held it.
    if (action === 'reject_spam') await emit(tx, 'request.rejected_as_spam', { requestId: id })
    await recordAudit(tx, {
      at: now,
      actorType: 'manager',
      actorId: actor.managerId,
      action: `request.${action}`,
      entityType: 'request',
      entityId: id,
      before: state(before),
      after: { ...state(after!), ...(note ? { note } : {}) },
    })
    return presentModerated(after!)
  })
}

/** Closes open requests whose lifetime has passed. @returns how many closed. */
export async function expireRequests(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now()
  const closed = await ctx.db
    .update(requests)
    .set({ status: 'closed', closeReason: 'expired', closedAt: now, updatedAt: now })
    .where(and(eq(requests.status, 'open'), lte(requests.expiresAt, now)))
    .returning({ id: requests.id })
  return closed.length
}

import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm'
import { z } from 'zod'
import { timestamp } from '../../../shared/schemas/timestamp'
import type { ModerationAction, RequestStatus } from '../../../shared/domain/request-states'
import { maskContactDetails } from '../../../shared/domain/mask-contacts'
import { MAX_RESERVATIONS_PER_REQUEST } from '../../../shared/domain/reservation-rules'
import type { AppContext } from '../../context'
import { requests } from '../../db/schema'
import { withTransaction } from '../../db/transaction'
import { emit } from '../../events'
import { conflict, notFound } from '../../errors'
import type { ManagerActor } from '../../http/auth/actors'
import { fetchLimit, keysetCursor } from '../../http/keyset-page'
import { recordAudit } from '../audit'
import { eraseContactMentions } from './erase-contact-mentions'
import { closeExpiredRequests, closeRequest, reopenRequest } from './request-lifecycle'
import { presentModerated, type RequestRow } from './requests.presenter'

const createdCursor = keysetCursor({ createdAt: timestamp(), id: z.uuid() })

export interface ModerationQuery {
  status?: RequestStatus | undefined
  country?: string | undefined
  cursor?: string | undefined
  limit: number
}

/** Requests for moderation, newest first, with contacts (managers handle spam and complaints). */
export async function listRequestsForModeration(ctx: AppContext, query: ModerationQuery) {
  const conditions: SQL[] = []
  if (query.status) conditions.push(eq(requests.status, query.status))
  if (query.country) conditions.push(eq(requests.country, query.country))
  const after = createdCursor.decode(query.cursor)
  if (after) {
    const at = new Date(after.createdAt)
    conditions.push(or(lt(requests.createdAt, at), and(eq(requests.createdAt, at), lt(requests.id, after.id)))!)
  }
  const rows = await ctx.db
    .select()
    .from(requests)
    .where(and(...conditions))
    .orderBy(desc(requests.createdAt), desc(requests.id))
    .limit(fetchLimit(query.limit))
  const page = createdCursor.page(rows, query.limit, (row) => ({ createdAt: row.createdAt.toISOString(), id: row.id }))
  return { items: page.items.map(presentModerated), nextCursor: page.nextCursor }
}

export async function getRequestForModeration(ctx: AppContext, id: string) {
  const [row] = await ctx.db.select().from(requests).where(eq(requests.id, id))
  if (!row) throw notFound('request_not_found', 'No request has this id.')
  return presentModerated(row)
}

/**
 * Closes, reopens or rejects a request as spam. Reopening gives it a fresh lifetime; a spam rejection takes the
 * request out of the rating of every partner that held it (through the event `request.rejected_as_spam`). Audited.
 * @throws AppError `request_not_found` (404), `request_already_open` / `request_already_closed` / `request_fully_reserved` /
 *   `request_erased` (409).
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
    let after: RequestRow | undefined
    if (action === 'reopen') {
      if (before.status === 'open') throw conflict('request_already_open', 'The request is open already.')
      if (before.reservedCount >= MAX_RESERVATIONS_PER_REQUEST) {
        throw conflict(
          'request_fully_reserved',
          `${MAX_RESERVATIONS_PER_REQUEST} partners hold this request; it cannot reopen.`,
        )
      }
      after = await reopenRequest(tx, id, now, ctx.config.REQUEST_TTL_DAYS)
    } else {
      if (before.status === 'closed' && action === 'close')
        throw conflict('request_already_closed', 'The request is closed already.')
      after = await closeRequest(tx, id, action === 'close' ? 'closed_by_manager' : 'rejected_spam', now)
    }
    const state = (row: typeof before) => ({
      status: row.status,
      closeReason: row.closeReason,
      expiresAt: row.expiresAt.toISOString(),
    })
    // A spam request is nobody's fault: the rating forgets it for every partner that held it.
    if (action === 'reject_spam') await emit(tx, 'request.rejected_as_spam', { requestId: id })
    await recordAudit(tx, {
      at: now,
      actor: { type: 'manager', id: actor.managerId },
      action: `request.${action}`,
      entity: { type: 'request', id: id },
      before: state(before),
      after: { ...state(after!), ...(note ? { note: noteWithoutContacts(note, before) } : {}) },
    })
    return presentModerated(after!)
  })
}

/**
 * A manager's note has no row of its own, so it goes into the append-only audit log, which no erasure reaches:
 * the client's own values and anything shaped like a contact detail are taken out before it is written.
 */
function noteWithoutContacts(note: string, row: RequestRow): string {
  const contacts = {
    name: row.contactName,
    company: row.contactCompany,
    email: row.contactEmail,
    phone: row.contactPhone,
  }
  return eraseContactMentions(maskContactDetails(note), contacts)
}

/** Closes open requests whose lifetime has passed. @returns how many closed. */
export const expireRequests = (ctx: AppContext): Promise<number> => closeExpiredRequests(ctx.db, ctx.clock.now())

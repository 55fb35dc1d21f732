import { and, asc, eq } from 'drizzle-orm'
import { returnDecision } from '../../../shared/domain/reservation-abilities'
import type { ReturnReservationBody } from '../../../shared/schemas/rating'
import type { AppContext } from '../../context'
import { reservationReturns, reservations } from '../../db/schema'
import { withTransaction } from '../../db/transaction'
import { conflict, notFound } from '../../errors'
import type { ManagerActor, PartnerActor } from '../../http/auth/actors'
import { recordAudit } from '../audit'
import { sendToReview } from '../requests'
import { endReservation, returnRefusalError, returnWindowEnd } from '../reservations'
import { countedOf, countReservation } from './rating-ledger'
import { presentReturn } from './rating.presenter'

/**
 * A partner returns its reservation of a request as a bad lead: the reservation ends at once (the slot frees,
 * the contacts end) and waits for a manager's decision.
 * @throws AppError `reservation_not_found` (404); `return_window_closed`, `won_cannot_be_returned` (422).
 */
export async function returnReservation(
  ctx: AppContext,
  actor: PartnerActor,
  requestId: string,
  body: ReturnReservationBody,
) {
  return withTransaction(ctx.db, async (tx) => {
    const now = ctx.clock.now()
    const [reservation] = await tx
      .select()
      .from(reservations)
      .where(
        and(
          eq(reservations.requestId, requestId),
          eq(reservations.partnerId, actor.partnerId),
          eq(reservations.status, 'active'),
        ),
      )
      .for('update')
    if (!reservation) throw notFound('reservation_not_found', 'You hold no active reservation of this request.')
    const decision = returnDecision({
      now,
      status: reservation.status,
      outcome: reservation.outcome,
      returnUntil: returnWindowEnd(reservation.reservedAt, ctx.config),
    })
    if (!decision.allowed) throw returnRefusalError(decision, ctx.config.RATING_RETURN_WINDOW_DAYS)
    await endReservation(tx, {
      where: { reservationId: reservation.id },
      reason: 'returned',
      now,
      actor: { type: 'partner', id: actor.partnerId },
    })
    const [created] = await tx
      .insert(reservationReturns)
      .values({
        reservationId: reservation.id,
        requestId,
        partnerId: actor.partnerId,
        reason: body.reason,
        comment: body.comment ?? null,
        createdAt: now,
      })
      .returning()
    await recordAudit(tx, {
      at: now,
      actor: { type: 'partner', id: actor.partnerId },
      action: 'reservation_return.created',
      entity: { type: 'reservation_return', id: created!.id },
      after: { reservationId: reservation.id, requestId, reason: body.reason },
    })
    return presentReturn(created!)
  })
}

export async function listReturns(
  ctx: AppContext,
  query: { status: 'pending' | 'confirmed' | 'rejected'; limit: number },
) {
  const rows = await ctx.db
    .select()
    .from(reservationReturns)
    .where(eq(reservationReturns.status, query.status))
    .orderBy(asc(reservationReturns.createdAt), asc(reservationReturns.id))
    .limit(query.limit)
  return { items: rows.map(presentReturn) }
}

/**
 * A manager decides a bad-lead return. Confirmed: the reservation stops counting in the rating for good, and
 * the request closes to new reservations as `under_review` for moderation. Rejected: the partner gave the lead
 * up without cause, so it counts as a Lost unless the CRM already decided it.
 * @throws AppError `return_not_found` (404), `return_already_decided` (409).
 */
export async function decideReturn(
  ctx: AppContext,
  actor: ManagerActor,
  returnId: string,
  decision: { decision: 'confirm' | 'reject'; note?: string | undefined },
) {
  return withTransaction(ctx.db, async (tx) => {
    const now = ctx.clock.now()
    const [before] = await tx.select().from(reservationReturns).where(eq(reservationReturns.id, returnId)).for('update')
    if (!before) throw notFound('return_not_found', 'No bad-lead return has this id.')
    if (before.status !== 'pending') {
      throw conflict('return_already_decided', `This return was ${before.status} already.`, {
        decision: before.status,
      })
    }
    const status = decision.decision === 'confirm' ? 'confirmed' : 'rejected'
    const [after] = await tx
      .update(reservationReturns)
      .set({ status, decidedAt: now, decidedBy: actor.managerId, decisionNote: decision.note ?? null })
      .where(eq(reservationReturns.id, returnId))
      .returning()
    if (status === 'confirmed') {
      await countReservation(tx, before.reservationId, null, now, { exclude: 'returned' })
      await sendToModeration(tx, before.requestId, now, actor)
    } else if (!(await countedOf(tx, before.reservationId))?.counted) {
      await countReservation(tx, before.reservationId, { outcome: 'lost', at: now }, now)
    }
    await recordAudit(tx, {
      at: now,
      actor: { type: 'manager', id: actor.managerId },
      action: `reservation_return.${status}`,
      entity: { type: 'reservation_return', id: returnId },
      before: { status: 'pending' },
      // The note stays in the return's row, where an erasure reaches it; the append-only log only says it exists.
      after: { status, reservationId: before.reservationId, ...(decision.note ? { noteRecorded: true } : {}) },
    })
    return presentReturn(after!)
  })
}

/** A confirmed bad lead leaves the feed until a manager reopens or rejects it in moderation. */
async function sendToModeration(
  tx: Parameters<typeof recordAudit>[0],
  requestId: string,
  now: Date,
  actor: ManagerActor,
) {
  const closed = await sendToReview(tx, requestId, now)
  if (!closed) return
  await recordAudit(tx, {
    at: now,
    actor: { type: 'manager', id: actor.managerId },
    action: 'request.under_review',
    entity: { type: 'request', id: requestId },
    before: { status: 'open' },
    after: { status: 'closed', closeReason: 'under_review' },
  })
}

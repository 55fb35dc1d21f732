import { and, asc, inArray, isNotNull } from 'drizzle-orm'
import type { AppContext } from '../../context'
import { reservations } from '../../db/schema'
import { withTransaction } from '../../db/transaction'
import { defineEventHandlers, type AppEventConsumer } from '../../events'
import { countReservations } from './rating-ledger'
import { excludeSpamRequest } from './spam-requests'

/** The rating's reactions: outcomes from the partners' CRMs, and requests rejected as spam. */
export function ratingEventHandlers(ctx: AppContext): AppEventConsumer {
  return defineEventHandlers('rating', {
    'reservation.outcome_recorded': {
      handle: async ({ reservationId }) => void (await countCurrentOutcomes(ctx, [reservationId])),
      handleBatch: async (events) =>
        void (await countCurrentOutcomes(
          ctx,
          events.map((e) => e.reservationId),
        )),
    },
    'request.rejected_as_spam': {
      handle: async ({ requestId }, { logger }) => {
        const excluded = await excludeSpamRequest(ctx, requestId)
        logger.info({ requestId, excluded }, 'spam request excluded from ratings')
      },
    },
  })
}

/**
 * Makes the rating count each reservation's outcome as the reservation holds it now, not as the event said.
 * Deliveries come at least once and in no fixed order (a deal won, then reopened and lost, are two events that may
 * be handled side by side or again after a crash), and the stored outcome is always the latest: counting it makes
 * every delivery idempotent and the last one right. Events are handled in batches of those the worker claims at
 * once, in one transaction, so a backlog costs a few statements per batch, not per event (this replaces the
 * former cursor over an outcome table: `npm run bench:rating` measures it).
 * @returns how many ratings changed.
 */
export async function countCurrentOutcomes(ctx: AppContext, reservationIds: string[]): Promise<number> {
  return withTransaction(ctx.db, async (tx) => {
    const rows = await tx
      .select({ id: reservations.id, outcome: reservations.outcome, outcomeAt: reservations.outcomeAt })
      .from(reservations)
      .where(and(inArray(reservations.id, [...new Set(reservationIds)]), isNotNull(reservations.outcome)))
      .orderBy(asc(reservations.id))
      .for('update')
    return countReservations(
      tx,
      rows.flatMap(({ id, outcome, outcomeAt }) =>
        outcome && outcomeAt ? [{ reservationId: id, next: { outcome, at: outcomeAt } }] : [],
      ),
      ctx.clock.now(),
    )
  })
}

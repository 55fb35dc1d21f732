import { and, asc, inArray, isNotNull } from 'drizzle-orm'
import type { AppContext } from '../../context'
import type { Executor } from '../../db/client'
import { reservations } from '../../db/schema'
import { withTransaction } from '../../db/transaction'
import { defineEventHandlers, type AppEventConsumer } from '../../events'
import { countReservations } from './rating-ledger'
import { excludeSpamRequest } from './spam-requests'

/**
 * The rating's reactions: outcomes from the partners' CRMs, and requests rejected as spam. An outcome is counted
 * when crm-sync stores it, in the same transaction (see index.ts); its event recounts what the reservation holds,
 * which changes nothing then, and repairs a count that was missed (an outcome stored before the rating counted
 * outcomes in that transaction, or written by another path).
 */
export function ratingEventHandlers(ctx: AppContext): AppEventConsumer {
  return defineEventHandlers('rating', {
    'reservation.outcome_recorded': {
      handle: async ({ reservationId }) => {
        await withTransaction(ctx.db, (tx) => countCurrentOutcomes(tx, [reservationId], ctx.clock.now()))
      },
      handleBatch: async (events, { tx }) => {
        await countCurrentOutcomes(
          tx,
          events.map((event) => event.reservationId),
          ctx.clock.now(),
        )
      },
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
 * Deliveries come at least once and in no fixed order (a deal won, then reopened and lost, are two events that
 * may be handled side by side, or again after a crash), and the stored outcome is always the latest: counting it
 * makes every delivery idempotent and the last one right.
 *
 * This replaces a cursor over an append-only outcome table, which `npm run bench:rating` did not show to be
 * needed: a backlog is handled in batches of up to 500 events per transaction, as the cursor read them, at about
 * 1,300 events per second per worker with 10,000 partners (the cursor, one reader at a time: 2,600), with a cost
 * per event that stays flat as partners grow. Outcomes arrive at a few per second at most.
 * @returns how many ratings changed.
 */
export async function countCurrentOutcomes(tx: Executor, reservationIds: string[], now: Date): Promise<number> {
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
    now,
  )
}

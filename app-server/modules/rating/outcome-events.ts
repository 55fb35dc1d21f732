import { asc, eq, gt, sql } from 'drizzle-orm'
import type { AppContext } from '../../context'
import { ratingEventCursor, reservationOutcomeEvents } from '../../db/schema'
import { withTransaction } from '../../db/transaction'
import { countReservations } from './rating-ledger'

const CONSUMER = 'rating'
export const OUTCOME_BATCH = 500

/**
 * Applies the Won/Lost events crm-sync appended since the last run, in order, a batch at a time; each event
 * touches only its own reservation and partner. The cursor moves in the same transaction, so an event is
 * applied exactly once.
 * @returns how many events were applied.
 */
export async function applyOutcomeEvents(ctx: AppContext, batch = OUTCOME_BATCH): Promise<number> {
  return withTransaction(ctx.db, async (tx) => {
    await tx.insert(ratingEventCursor).values({ consumer: CONSUMER, lastEventId: 0 }).onConflictDoNothing()
    // The row lock keeps two workers from applying the same events.
    const [cursor] = await tx
      .select()
      .from(ratingEventCursor)
      .where(eq(ratingEventCursor.consumer, CONSUMER))
      .for('update')
    const events = await tx
      .select()
      .from(reservationOutcomeEvents)
      .where(gt(reservationOutcomeEvents.id, cursor!.lastEventId))
      .orderBy(asc(reservationOutcomeEvents.id))
      .limit(batch)
    await countReservations(
      tx,
      events.map((event) => ({
        reservationId: event.reservationId,
        next: { outcome: event.outcome, at: event.occurredAt },
      })),
      ctx.clock.now(),
    )
    const last = events.at(-1)
    if (last) {
      await tx
        .update(ratingEventCursor)
        .set({ lastEventId: last.id, updatedAt: sql`now()` })
        .where(eq(ratingEventCursor.consumer, CONSUMER))
    }
    return events.length
  })
}

/** Applies every pending event, batch after batch. */
export async function applyAllOutcomeEvents(ctx: AppContext): Promise<number> {
  let total = 0
  for (;;) {
    const applied = await applyOutcomeEvents(ctx)
    total += applied
    if (applied < OUTCOME_BATCH) return total
  }
}

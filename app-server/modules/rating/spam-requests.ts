import { and, eq } from 'drizzle-orm'
import type { AppContext } from '../../context'
import { reservations } from '../../db/schema'
import { withTransaction } from '../../db/transaction'
import { recordAudit } from '../audit'
import { countReservations } from './rating-ledger'

/**
 * A request a manager rejected as spam counts for nobody: every reservation of it leaves the rating for good
 * (what it counted is undone, later outcomes are ignored) and no longer counts against any limit. Audited.
 * @returns how many reservations changed.
 */
export async function excludeSpamRequest(ctx: AppContext, requestId: string): Promise<number> {
  return withTransaction(ctx.db, async (tx) => {
    const now = ctx.clock.now()
    const held = await tx
      .select({ id: reservations.id })
      .from(reservations)
      .where(and(eq(reservations.requestId, requestId), eq(reservations.ratingExcluded, false)))
    const changed = await countReservations(
      tx,
      held.map(({ id }) => ({ reservationId: id, next: null, exclude: 'spam' as const })),
      now,
    )
    if (held.length > 0) {
      await recordAudit(tx, {
        at: now,
        actor: { type: 'system', id: null },
        action: 'rating.spam_request_excluded',
        entity: { type: 'request', id: requestId },
        after: { reservationIds: held.map(({ id }) => id) },
      })
    }
    return changed
  })
}

import { and, asc, eq, isNull, lte } from 'drizzle-orm'
import type { AppContext } from '../../context'
import { reservations } from '../../db/schema'
import { withTransaction } from '../../db/transaction'
import { endReservation, firstContactWindow, staleAfterMs } from '../reservations'
import { countReservation } from './rating-ledger'

const SWEEP_BATCH = 200

/**
 * Releases reservations whose lead showed no progress in the partner's CRM by the first-contact deadline plus
 * the grace period: the slot frees for other partners, the contacts end, and the rating counts it as expired
 * (at the time it should have been worked). Each reservation in its own short transaction.
 * @returns how many were released.
 */
export async function expireStaleReservations(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now()
  const cutoff = new Date(now.getTime() - staleAfterMs(ctx.config))
  // reserved_at <= synced_at, so the reserved_at bound lets the partial index pick the few candidates.
  const candidates = await ctx.db
    .select({ id: reservations.id })
    .from(reservations)
    .where(
      and(
        eq(reservations.status, 'active'),
        isNull(reservations.crmProgressAt),
        isNull(reservations.outcome),
        lte(reservations.reservedAt, cutoff),
        eq(reservations.crmStatus, 'in_crm'),
        lte(reservations.crmSyncedAt, cutoff),
      ),
    )
    .orderBy(asc(reservations.reservedAt))
    .limit(SWEEP_BATCH)
  let released = 0
  for (const { id } of candidates) {
    const done = await withTransaction(ctx.db, async (tx) => {
      // Re-read under the row lock: progress or an outcome may have arrived since the scan.
      const [row] = await tx.select().from(reservations).where(eq(reservations.id, id)).for('update')
      const window = row ? firstContactWindow(row, ctx.config) : null
      if (!row || !window || window.releaseAt.getTime() > now.getTime()) return false
      await endReservation(tx, {
        where: { reservationId: id },
        reason: 'expired',
        now,
        actor: { type: 'system', id: null },
      })
      await countReservation(tx, id, { outcome: 'expired', at: window.dueAt }, now)
      return true
    })
    if (done) released++
  }
  return released
}

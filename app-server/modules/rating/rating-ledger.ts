import { eq } from 'drizzle-orm'
import { applyOutcome, EMPTY_WEIGHTS, type CountedOutcome, type RatingWeights } from '../../../shared/domain/rating'
import type { Executor } from '../../db/client'
import { partnerRatings, reservations } from '../../db/schema'

/** What the rating should count for one reservation: an outcome and when it happened, or nothing. */
export type Counted = { outcome: CountedOutcome; at: Date } | null

const COUNT_COLUMN = { won: 'wonCount', lost: 'lostCount', expired: 'expiredCount' } as const

/**
 * Makes the rating count `next` for one reservation, undoing what it counted before: a constant amount of work
 * (the reservation row and the partner's rating row), whatever the number of partners or reservations.
 * A reservation excluded by a confirmed bad-lead return is never counted again.
 * @returns whether the partner's rating changed.
 */
export async function countReservation(
  tx: Executor,
  reservationId: string,
  next: Counted,
  now: Date,
  options: { exclude?: boolean } = {},
): Promise<boolean> {
  const [reservation] = await tx
    .select({
      partnerId: reservations.partnerId,
      counted: reservations.ratingCounted,
      countedAt: reservations.ratingCountedAt,
      excluded: reservations.ratingExcluded,
    })
    .from(reservations)
    .where(eq(reservations.id, reservationId))
    .for('update')
  if (!reservation) return false
  if (reservation.excluded) return false
  const target = options.exclude ? null : next
  const before =
    reservation.counted && reservation.countedAt ? { outcome: reservation.counted, at: reservation.countedAt } : null
  const unchanged =
    before?.outcome === target?.outcome && before?.at.getTime() === target?.at.getTime() && !options.exclude
  if (unchanged) return false

  const [row] = await tx
    .select()
    .from(partnerRatings)
    .where(eq(partnerRatings.partnerId, reservation.partnerId))
    .for('update')
  let weights: RatingWeights = row
    ? { won: row.wonWeight, lost: row.lostWeight, weightsAt: row.weightsAt }
    : EMPTY_WEIGHTS(now)
  const counts = {
    wonCount: row?.wonCount ?? 0,
    lostCount: row?.lostCount ?? 0,
    expiredCount: row?.expiredCount ?? 0,
    returnedCount: row?.returnedCount ?? 0,
  }
  if (before) {
    weights = applyOutcome(weights, before.outcome, before.at, now, -1)
    counts[COUNT_COLUMN[before.outcome]] = Math.max(0, counts[COUNT_COLUMN[before.outcome]] - 1)
  }
  if (target) {
    weights = applyOutcome(weights, target.outcome, target.at, now, 1)
    counts[COUNT_COLUMN[target.outcome]] += 1
  }
  if (options.exclude) counts.returnedCount += 1
  const values = {
    wonWeight: weights.won,
    lostWeight: weights.lost,
    weightsAt: weights.weightsAt,
    ...counts,
    updatedAt: now,
  }
  await tx
    .insert(partnerRatings)
    .values({ partnerId: reservation.partnerId, ...values })
    .onConflictDoUpdate({ target: partnerRatings.partnerId, set: values })
  await tx
    .update(reservations)
    .set({
      ratingCounted: target?.outcome ?? null,
      ratingCountedAt: target?.at ?? null,
      ...(options.exclude ? { ratingExcluded: true } : {}),
    })
    .where(eq(reservations.id, reservationId))
  return true
}

/** The reservation's counted outcome, for callers that only add one when nothing is counted yet. */
export async function countedOf(tx: Executor, reservationId: string) {
  const [row] = await tx
    .select({ counted: reservations.ratingCounted, excluded: reservations.ratingExcluded })
    .from(reservations)
    .where(eq(reservations.id, reservationId))
  return row
}

export const ratingRowOf = async (db: Executor, partnerId: string) =>
  (await db.select().from(partnerRatings).where(eq(partnerRatings.partnerId, partnerId)))[0]

export type RatingRow = typeof partnerRatings.$inferSelect

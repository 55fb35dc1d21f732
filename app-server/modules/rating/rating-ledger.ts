import { asc, eq, inArray, sql } from 'drizzle-orm'
import {
  applyOutcome,
  countedOutcomeDate,
  EMPTY_WEIGHTS,
  type CountedOutcome,
  type RatingWeights,
} from '../../../shared/domain/rating'
import type { Executor } from '../../db/client'
import { partnerRatings, ratingChanges, reservations } from '../../db/schema'
import { saveRatingMarks } from '../reservations'

/** What the rating should count for one reservation: an outcome and when it happened, or nothing. */
export type Counted = { outcome: CountedOutcome; at: Date } | null

/**
 * Why a reservation leaves the rating for good: a bad-lead return a manager confirmed (counted as returned), or
 * a request a manager rejected as spam.
 */
export type ExclusionReason = 'returned' | 'spam'

export interface CountChange {
  reservationId: string
  next: Counted
  /** Undo what is counted and never count this reservation again. */
  exclude?: ExclusionReason | undefined
}

const COUNT_KEY = { won: 'wonCount', lost: 'lostCount', expired: 'expiredCount' } as const

interface PartnerState {
  weights: RatingWeights
  counts: { wonCount: number; lostCount: number; expiredCount: number; returnedCount: number }
}

interface ReservationState {
  partnerId: string
  counted: Counted
  excluded: boolean
  reservedAt: Date
  changed: boolean
}

/**
 * Makes the rating count each change's outcome for its reservation, undoing what it counted before. The work is
 * per change and per partner touched: the reservations named and their partners' rating rows are read and
 * written in four statements, whatever the number of partners or reservations in the database. Changes apply in
 * order, so a reservation may change twice in one call (won, then lost). Excluded reservations are left alone.
 * An outcome's date is kept between the reservation and now (see countedOutcomeDate).
 * @returns how many changes altered a rating.
 */
export async function countReservations(tx: Executor, changes: CountChange[], now: Date): Promise<number> {
  if (changes.length === 0) return 0
  const ids = [...new Set(changes.map((change) => change.reservationId))]
  const rows = await tx
    .select({
      id: reservations.id,
      partnerId: reservations.partnerId,
      counted: reservations.ratingCounted,
      countedAt: reservations.ratingCountedAt,
      excluded: reservations.ratingExcluded,
      reservedAt: reservations.reservedAt,
    })
    .from(reservations)
    .where(inArray(reservations.id, ids))
    .orderBy(asc(reservations.id))
    .for('update')
  const held = new Map<string, ReservationState>(
    rows.map((row) => [
      row.id,
      {
        partnerId: row.partnerId,
        counted: row.counted && row.countedAt ? { outcome: row.counted, at: row.countedAt } : null,
        excluded: row.excluded,
        reservedAt: row.reservedAt,
        changed: false,
      },
    ]),
  )
  const partnerIds = [...new Set(rows.map((row) => row.partnerId))]
  const ratingRows = partnerIds.length
    ? await tx
        .select()
        .from(partnerRatings)
        .where(inArray(partnerRatings.partnerId, partnerIds))
        .orderBy(asc(partnerRatings.partnerId))
        .for('update')
    : []
  const stored = new Map(ratingRows.map((row) => [row.partnerId, row]))
  const partners = new Map<string, PartnerState>()
  for (const partnerId of partnerIds) {
    const row = stored.get(partnerId)
    partners.set(partnerId, {
      weights: row ? { won: row.wonWeight, lost: row.lostWeight, weightsAt: row.weightsAt } : EMPTY_WEIGHTS(now),
      counts: {
        wonCount: row?.wonCount ?? 0,
        lostCount: row?.lostCount ?? 0,
        expiredCount: row?.expiredCount ?? 0,
        returnedCount: row?.returnedCount ?? 0,
      },
    })
  }
  const touched = new Set<string>()
  let applied = 0
  for (const change of changes) {
    const reservation = held.get(change.reservationId)
    if (!reservation || reservation.excluded) continue
    const target =
      change.exclude || !change.next
        ? null
        : { outcome: change.next.outcome, at: countedOutcomeDate(change.next.at, reservation.reservedAt, now) }
    const before = reservation.counted
    const same = before?.outcome === target?.outcome && before?.at.getTime() === target?.at.getTime()
    if (same && !change.exclude) continue
    const partner = partners.get(reservation.partnerId)!
    if (before) {
      partner.weights = applyOutcome(partner.weights, before.outcome, before.at, now, -1)
      partner.counts[COUNT_KEY[before.outcome]] = Math.max(0, partner.counts[COUNT_KEY[before.outcome]] - 1)
    }
    if (target) {
      partner.weights = applyOutcome(partner.weights, target.outcome, target.at, now, 1)
      partner.counts[COUNT_KEY[target.outcome]] += 1
    }
    if (change.exclude) {
      if (change.exclude === 'returned') partner.counts.returnedCount += 1
      reservation.excluded = true
    }
    reservation.counted = target
    reservation.changed = true
    touched.add(reservation.partnerId)
    applied++
  }
  if (applied === 0) return 0
  await tx
    .insert(partnerRatings)
    .values(
      [...touched].map((partnerId) => {
        const { weights, counts } = partners.get(partnerId)!
        return {
          partnerId,
          wonWeight: weights.won,
          lostWeight: weights.lost,
          weightsAt: weights.weightsAt,
          ...counts,
          updatedAt: now,
        }
      }),
    )
    .onConflictDoUpdate({
      target: partnerRatings.partnerId,
      set: {
        wonWeight: sql`excluded.won_weight`,
        lostWeight: sql`excluded.lost_weight`,
        weightsAt: sql`excluded.weights_at`,
        wonCount: sql`excluded.won_count`,
        lostCount: sql`excluded.lost_count`,
        expiredCount: sql`excluded.expired_count`,
        returnedCount: sql`excluded.returned_count`,
        updatedAt: sql`excluded.updated_at`,
      },
    })
  // Each change at its time, for the history (rating-history.ts).
  await tx.insert(ratingChanges).values(
    [...touched].map((partnerId) => {
      const { weights } = partners.get(partnerId)!
      return { partnerId, at: now, wonWeight: weights.won, lostWeight: weights.lost, weightsAt: weights.weightsAt }
    }),
  )
  await saveRatingMarks(
    tx,
    [...held]
      .filter(([, state]) => state.changed)
      .map(([id, state]) => ({
        id,
        counted: state.counted?.outcome ?? null,
        countedAt: state.counted?.at ?? null,
        excluded: state.excluded,
      })),
  )
  return applied
}

/** One reservation's change; see countReservations. @returns whether the partner's rating changed. */
export async function countReservation(
  tx: Executor,
  reservationId: string,
  next: Counted,
  now: Date,
  options: { exclude?: ExclusionReason } = {},
): Promise<boolean> {
  return (await countReservations(tx, [{ reservationId, next, exclude: options.exclude }], now)) > 0
}

/** The reservation's counted outcome, for callers that only add one when nothing is counted yet. */
export async function countedOf(tx: Executor, reservationId: string) {
  const [row] = await tx
    .select({ counted: reservations.ratingCounted, excluded: reservations.ratingExcluded })
    .from(reservations)
    .where(eq(reservations.id, reservationId))
  return row
}

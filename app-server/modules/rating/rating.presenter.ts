import { nextTierStep, RATING_FORMULA, ratingScore, baseScore, tierFor } from '../../../shared/domain/rating'
import type { PartnerRating, RatingAdjustment, ReservationReturn } from '../../../shared/schemas/rating'
import type { ratingAdjustments } from '../../db/schema'
import type { RatingLimits, ReturnRow } from '../reservations'
import type { RatingRow } from './rating-ledger'

export type AdjustmentRow = typeof ratingAdjustments.$inferSelect

const round1 = (value: number) => Math.round(value * 10) / 10

export function presentReturn(row: ReturnRow): ReservationReturn {
  return {
    id: row.id,
    reservationId: row.reservationId,
    requestId: row.requestId,
    partnerId: row.partnerId,
    reason: row.reason,
    comment: row.comment,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt ? row.decidedAt.toISOString() : null,
    decisionNote: row.decisionNote,
  }
}

export const isActiveAdjustment = (row: AdjustmentRow, now: Date) =>
  row.expiresAt === null || row.expiresAt.getTime() > now.getTime()

export function presentAdjustment(row: AdjustmentRow, now: Date): RatingAdjustment {
  return {
    id: row.id,
    delta: row.delta,
    reason: row.reason,
    expiresAt: row.expiresAt ? row.expiresAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    active: isActiveAdjustment(row, now),
  }
}

export interface RatingFacts {
  limits: RatingLimits
  row: RatingRow | undefined
  activeAdjustments: AdjustmentRow[]
  history: PartnerRating['history']
  earlyAccessHours: number
  now: Date
}

/** The partner's rating as the API shows it: every number the limits use, and how to reach the next tier. */
export function presentRating(facts: RatingFacts): PartnerRating {
  const { limits, row, now } = facts
  const step = nextTierStep(limits.weights, limits.adjustmentDeltas, now, limits.tiers)
  return {
    score: limits.score,
    baseScore: round1(baseScore(limits.weights, now)),
    tier: limits.tier,
    limits: {
      open: { ...limits.open, resetsAt: null },
      monthly: {
        ...limits.monthly,
        resetsAt: limits.monthly.resetsAt ? limits.monthly.resetsAt.toISOString() : null,
        windowDays: 30,
      },
      earlyAccessHours: limits.tier.earlyAccessHours,
    },
    counts: {
      won: row?.wonCount ?? 0,
      lost: row?.lostCount ?? 0,
      open: limits.open.used,
      expired: row?.expiredCount ?? 0,
      returned: row?.returnedCount ?? 0,
    },
    adjustments: facts.activeAdjustments.map((adjustment) => presentAdjustment(adjustment, now)),
    nextTier: step ? { tier: step.tier, pointsNeeded: step.pointsNeeded, wonNeeded: step.wonNeeded } : null,
    history: facts.history,
    formula: { ...RATING_FORMULA },
    tiers: limits.tiers,
  }
}

/** A history point from a stored snapshot, scored with today's formula and tier bounds. */
export function historyPoint(
  snapshot: {
    day: string
    wonWeight: number
    lostWeight: number
    weightsAt: Date
    adjustmentTotal: number
    takenAt: Date
  },
  tiers: RatingLimits['tiers'],
) {
  const score = ratingScore(
    { won: snapshot.wonWeight, lost: snapshot.lostWeight, weightsAt: snapshot.weightsAt },
    [snapshot.adjustmentTotal],
    snapshot.takenAt,
  )
  return { date: snapshot.day, score, tier: tierFor(score, tiers).id }
}

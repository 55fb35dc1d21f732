import { nextTierStep, RATING_FORMULA, baseScore } from '../../../shared/domain/rating'
import type { PartnerRating, RatingAdjustment, ReservationReturn } from '../../../shared/schemas/rating'
import type { ratingAdjustments } from '../../db/schema'
import type { RatingLimits, ReturnRow } from '../reservations'

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
  activeAdjustments: AdjustmentRow[]
  history: PartnerRating['history']
  earlyAccessHours: number
  now: Date
}

/** The partner's rating as the API shows it: every number the limits use, and how to reach the next tier. */
export function presentRating(facts: RatingFacts): PartnerRating {
  const { limits, now } = facts
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
    // Open and counted come from one statement (loadRatingLimits), so they always add up.
    counts: { ...limits.counted, open: limits.open.used },
    adjustments: facts.activeAdjustments.map((adjustment) => presentAdjustment(adjustment, now)),
    nextTier: step ? { tier: step.tier, pointsNeeded: step.pointsNeeded, wonNeeded: step.wonNeeded } : null,
    history: facts.history,
    formula: { ...RATING_FORMULA },
    tiers: limits.tiers,
  }
}

/**
 * The partner rating (rules 5.2): the share of a partner's decided reservations that ended Won, smoothed
 * towards a published prior, with old outcomes fading by a published half-life, plus manager adjustments.
 * Pure and shared: the server enforces these numbers and the partner app shows the same ones.
 */

import type { RatingCount } from './reservation-columns'

export const RATING_FORMULA = {
  /** The win share a partner starts from, before any outcome is known. */
  priorWinShare: 0.3,
  /** How many outcomes the prior is worth: one Won or Lost moves a new partner only a little. */
  priorWeight: 10,
  /** An outcome this old counts half as much as one from today. */
  halfLifeDays: 90,
  /** A reservation released because nobody worked it counts as this many Losts. */
  expiredWeight: 1,
  /** Managers' adjustments add points; the sum of active ones is bounded by this, either way. */
  maxAdjustmentTotal: 50,
} as const

/** Reservations counted against the monthly limit are those made in this rolling window. */
export const RESERVATION_WINDOW_DAYS = 30

export const RATING_TIER_IDS = ['limited', 'standard', 'trusted', 'top'] as const
export type RatingTierId = (typeof RATING_TIER_IDS)[number]

export interface RatingTier {
  id: RatingTierId
  /** The lowest score (0–100) in this tier. */
  minScore: number
  /** Open (undecided) reservations held at once. */
  openLimit: number
  /** New reservations per rolling 30 days. */
  monthlyLimit: number
  /** Hours after publication before a new request appears in this tier's feed. */
  earlyAccessHours: number
}

/** The default tier table, lowest first; installations may override the limits and delays (never the bounds). */
export const DEFAULT_RATING_TIERS: readonly RatingTier[] = [
  { id: 'limited', minScore: 0, openLimit: 2, monthlyLimit: 6, earlyAccessHours: 24 },
  { id: 'standard', minScore: 20, openLimit: 5, monthlyLimit: 20, earlyAccessHours: 6 },
  { id: 'trusted', minScore: 40, openLimit: 8, monthlyLimit: 40, earlyAccessHours: 2 },
  { id: 'top', minScore: 60, openLimit: 10, monthlyLimit: 80, earlyAccessHours: 0 },
]

/**
 * Won and Lost weights, each already faded to `weightsAt`. Fading multiplies both by the same factor, so the
 * state stays a constant size and is updated per outcome without reading any other outcome.
 */
export interface RatingWeights {
  won: number
  lost: number
  weightsAt: Date
}

export const EMPTY_WEIGHTS = (at: Date): RatingWeights => ({ won: 0, lost: 0, weightsAt: at })

const DAY_MS = 86_400_000

/** How much an outcome at `from` still counts at `to`: 1 today, 0.5 one half-life later. */
export function fadeFactor(from: Date, to: Date, halfLifeDays: number = RATING_FORMULA.halfLifeDays): number {
  const ageDays = Math.max(0, to.getTime() - from.getTime()) / DAY_MS
  return 0.5 ** (ageDays / halfLifeDays)
}

/** The weights as they stand at `at` (never earlier than they were computed). */
export function fadeTo(weights: RatingWeights, at: Date): RatingWeights {
  if (at.getTime() <= weights.weightsAt.getTime()) return weights
  const factor = fadeFactor(weights.weightsAt, at)
  return { won: weights.won * factor, lost: weights.lost * factor, weightsAt: at }
}

/** What the rating counts for a reservation (its `rating_counted` column). */
export type CountedOutcome = RatingCount

/**
 * Adds (sign 1) or removes (sign -1) one outcome that happened at `occurredAt`, with the weights moved to `now`.
 * Removing is how a changed outcome (a deal reopened and lost) or a confirmed bad-lead return is undone.
 */
export function applyOutcome(
  weights: RatingWeights,
  outcome: CountedOutcome,
  occurredAt: Date,
  now: Date,
  sign: 1 | -1 = 1,
): RatingWeights {
  const base = fadeTo(weights, now)
  const at = base.weightsAt
  const weight = fadeFactor(occurredAt, at) * (outcome === 'expired' ? RATING_FORMULA.expiredWeight : 1)
  // Removing may leave a tiny negative rounding residue; a weight is never below zero.
  const next = (value: number) => Math.max(0, value + sign * weight)
  return outcome === 'won' ? { ...base, won: next(base.won) } : { ...base, lost: next(base.lost) }
}

/**
 * When an outcome counts from: the close date the CRM reports, but never before the reservation was made nor
 * after the app learnt of it. The close date is a field partners can edit; without the bounds a Lost back-dated
 * by years would weigh almost nothing, and a future one would stay at full weight.
 */
export function countedOutcomeDate(reportedAt: Date, reservedAt: Date, learntAt: Date): Date {
  const time = Math.min(Math.max(reportedAt.getTime(), reservedAt.getTime()), learntAt.getTime())
  return new Date(time)
}

/** The score before adjustments, 0–100: (won + prior) / (decided + prior weight). */
export function baseScore(weights: RatingWeights, now: Date): number {
  const { won, lost } = fadeTo(weights, now)
  const { priorWinShare, priorWeight } = RATING_FORMULA
  return (100 * (won + priorWinShare * priorWeight)) / (won + lost + priorWeight)
}

/** The sum of active adjustments, bounded so that adjustments cannot replace outcomes. */
export function adjustmentTotal(deltas: number[]): number {
  const sum = deltas.reduce((total, delta) => total + delta, 0)
  return Math.max(-RATING_FORMULA.maxAdjustmentTotal, Math.min(RATING_FORMULA.maxAdjustmentTotal, sum))
}

/** The published score: base score plus adjustments, clamped to 0–100 and rounded to one decimal. */
export function ratingScore(weights: RatingWeights, adjustmentDeltas: number[], now: Date): number {
  const raw = baseScore(weights, now) + adjustmentTotal(adjustmentDeltas)
  return Math.round(Math.max(0, Math.min(100, raw)) * 10) / 10
}

/** The tier a score falls in: the highest whose lower bound it reaches. */
export function tierFor(score: number, tiers: readonly RatingTier[] = DEFAULT_RATING_TIERS): RatingTier {
  let found = tiers[0]!
  for (const tier of tiers) if (score >= tier.minScore) found = tier
  return found
}

export interface NextTierStep {
  tier: RatingTier
  /** Points the score must still gain. */
  pointsNeeded: number
  /** Won outcomes from today (and no Lost) that would reach it; null when Wons alone cannot. */
  wonNeeded: number | null
}

/** What it takes to reach the tier above the current one; null at the top. */
export function nextTierStep(
  weights: RatingWeights,
  adjustmentDeltas: number[],
  now: Date,
  tiers: readonly RatingTier[] = DEFAULT_RATING_TIERS,
): NextTierStep | null {
  const score = ratingScore(weights, adjustmentDeltas, now)
  const index = tiers.indexOf(tierFor(score, tiers))
  const tier = tiers[index + 1]
  if (!tier) return null
  const { won, lost } = fadeTo(weights, now)
  const { priorWinShare, priorWeight } = RATING_FORMULA
  // Solve 100 (won + k + a) / (won + lost + k + b) + adjustment >= target for the number of Wons k.
  const share = (tier.minScore - adjustmentTotal(adjustmentDeltas)) / 100
  const prior = priorWinShare * priorWeight
  let wonNeeded: number | null
  if (share <= 0) wonNeeded = 0
  else if (share >= 1) wonNeeded = null
  else wonNeeded = Math.max(0, Math.ceil((share * (won + lost + priorWeight) - won - prior) / (1 - share) - 1e-9))
  return { tier, pointsNeeded: Math.round((tier.minScore - score) * 10) / 10, wonNeeded }
}

/** When a request published at `createdAt` appears for a partner of this tier. */
export function visibleAt(createdAt: Date, tier: Pick<RatingTier, 'earlyAccessHours'>): Date {
  return new Date(createdAt.getTime() + tier.earlyAccessHours * 3_600_000)
}

/**
 * Until when a request stays ahead of lower tiers: new requests reach each tier `earlyAccessHours` after they
 * arrive, so my tier has it to itself (and the tiers above) until the next slower tier sees it. Null when no
 * slower tier exists or that moment has passed.
 */
export function earlyAccessEnds(
  createdAt: Date,
  myTier: Pick<RatingTier, 'earlyAccessHours'>,
  tiers: readonly Pick<RatingTier, 'earlyAccessHours'>[],
  now: Date,
): Date | null {
  const slower = tiers
    .map((tier) => tier.earlyAccessHours)
    .filter((hours) => hours > myTier.earlyAccessHours)
    .sort((a, b) => a - b)[0]
  if (slower === undefined) return null
  const ends = visibleAt(createdAt, { earlyAccessHours: slower })
  return ends.getTime() > now.getTime() ? ends : null
}

/**
 * When each tier slower than mine sees a request published at `createdAt`, for the tiers still waiting at `now`,
 * soonest first: what "other partners see it later" means, tier by tier, from the tier table in force.
 */
export function laterTierAccess(
  createdAt: Date,
  myTier: Pick<RatingTier, 'earlyAccessHours'>,
  tiers: readonly Pick<RatingTier, 'id' | 'earlyAccessHours'>[],
  now: Date,
): { tier: RatingTierId; visibleAt: Date }[] {
  return tiers
    .filter((tier) => tier.earlyAccessHours > myTier.earlyAccessHours)
    .map((tier) => ({ tier: tier.id, visibleAt: visibleAt(createdAt, tier) }))
    .filter((entry) => entry.visibleAt.getTime() > now.getTime())
    .sort((a, b) => a.visibleAt.getTime() - b.visibleAt.getTime())
}

/** Why a reservation stopped counting as open; `partner` is a plain release. */
export const RELEASE_REASONS = ['partner', 'expired', 'returned'] as const
export type ReleaseReason = (typeof RELEASE_REASONS)[number]

/** Why a partner returns a reservation as a bad lead. */
export const BAD_LEAD_REASONS = ['unreachable', 'spam', 'duplicate', 'out_of_scope'] as const
export type BadLeadReason = (typeof BAD_LEAD_REASONS)[number]

export const RETURN_STATUSES = ['pending', 'confirmed', 'rejected'] as const
export type ReturnStatus = (typeof RETURN_STATUSES)[number]

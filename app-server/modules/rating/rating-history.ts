import { EMPTY_WEIGHTS, ratingScore, tierFor, type RatingTier, type RatingWeights } from '../../../shared/domain/rating'
import type { PartnerRating } from '../../../shared/schemas/rating'

/** The outcome weights as they stood from `at` on: a stored change, or a daily snapshot from before changes were kept. */
export interface WeightsEntry {
  at: Date
  weights: RatingWeights
}

export interface DatedAdjustment {
  delta: number
  createdAt: Date
  expiresAt: Date | null
}

export interface HistoryInput {
  /** Changes and snapshots of the weights, in any order. */
  entries: WeightsEntry[]
  /** Every adjustment of the partner: each counts from its creation until it expires. */
  adjustments: DatedAdjustment[]
  /** Where the chart begins; earlier entries only give the state at that moment. */
  since: Date
  now: Date
  /** The score the screen shows now; the series ends on it. */
  current: { score: number; tier: RatingTier }
  tiers: RatingTier[]
}

/**
 * The score at every moment it changed within the window: each stored change of the weights, each adjustment
 * that began or ended, each daily snapshot (outcomes fade day by day), and now. Each point is scored with today's
 * formula from the weights in force and the adjustments active at that moment; a point that does not move the
 * score is left out, so what the chart joins are real changes.
 */
export function ratingHistory(input: HistoryInput): PartnerRating['history'] {
  const { since, now, tiers } = input
  const entries = [...input.entries].sort((a, b) => a.at.getTime() - b.at.getTime())
  const inWindow = (at: Date) => at.getTime() >= since.getTime() && at.getTime() < now.getTime()
  const moments = new Set<number>()
  for (const entry of entries) if (inWindow(entry.at)) moments.add(entry.at.getTime())
  for (const adjustment of input.adjustments) {
    if (inWindow(adjustment.createdAt)) moments.add(adjustment.createdAt.getTime())
    if (adjustment.expiresAt && inWindow(adjustment.expiresAt)) moments.add(adjustment.expiresAt.getTime())
  }
  const points: PartnerRating['history'] = []
  let next = 0
  let weights: RatingWeights | null = null
  for (const time of [...moments].sort((a, b) => a - b)) {
    while (next < entries.length && entries[next]!.at.getTime() <= time) weights = entries[next++]!.weights
    const at = new Date(time)
    const deltas = input.adjustments
      .filter((a) => a.createdAt.getTime() <= time && (a.expiresAt === null || a.expiresAt.getTime() > time))
      .map((a) => a.delta)
    const score = ratingScore(weights ?? EMPTY_WEIGHTS(at), deltas, at)
    if (points.at(-1)?.score === score) continue
    points.push({ at: at.toISOString(), score, tier: tierFor(score, tiers).id })
  }
  points.push({ at: now.toISOString(), score: input.current.score, tier: input.current.tier.id })
  return points
}

import { describe, expect, it } from 'vitest'
import {
  applyOutcome,
  countedOutcomeDate,
  DEFAULT_RATING_TIERS,
  EMPTY_WEIGHTS,
  fadeTo,
  nextTierStep,
  RATING_FORMULA,
  ratingScore,
  tierFor,
  type CountedOutcome,
  type RatingWeights,
} from '../../../shared/domain/rating'

const NOW = new Date('2026-06-01T00:00:00Z')
const DAY = 86_400_000
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY)

/** The weights after these outcomes, each `days` before NOW, added one by one as the ledger does. */
function weightsOf(outcomes: [CountedOutcome, number][]): RatingWeights {
  return outcomes.reduce<RatingWeights>(
    (weights, [outcome, days]) => applyOutcome(weights, outcome, daysAgo(days), NOW),
    EMPTY_WEIGHTS(NOW),
  )
}
const many = (outcome: CountedOutcome, count: number, days = 0): [CountedOutcome, number][] =>
  Array.from({ length: count }, () => [outcome, days])

describe('rating score (Bayesian average with a published prior, faded by a published half-life)', () => {
  it('publishes its constants', () => {
    expect(RATING_FORMULA).toMatchObject({ priorWinShare: 0.3, priorWeight: 10, halfLifeDays: 90, expiredWeight: 1 })
  })

  it.each<[string, [CountedOutcome, number][], number[], number, string]>([
    ['a new partner starts at the prior', [], [], 30, 'standard'],
    ['one Lost does not ruin a new partner', [['lost', 0]], [], 27.3, 'standard'],
    ['one Won does not make a champion', [['won', 0]], [], 36.4, 'standard'],
    ['two Wons reach trusted', many('won', 2), [], 41.7, 'trusted'],
    ['ten Wons and nothing lost reach the top', many('won', 10), [], 65, 'top'],
    ['ten Losts fall to limited', many('lost', 10), [], 15, 'limited'],
    ['an expiry counts like a Lost', [['expired', 0]], [], 27.3, 'standard'],
    ['ten Won and ten Lost stay above the prior', [...many('won', 10), ...many('lost', 10)], [], 43.3, 'trusted'],
    ['a Won one half-life ago counts half', [['won', 90]], [], 33.3, 'standard'],
    ['a Lost two half-lives ago counts a quarter', [['lost', 180]], [], 29.3, 'standard'],
    ['old Losts weigh less than the recent Wons', [...many('lost', 10, 360), ...many('won', 5)], [], 51.2, 'trusted'],
    ['recent Losts outweigh old Wons', [...many('won', 10, 360), ...many('lost', 5)], [], 23.2, 'standard'],
    ['an adjustment adds points', [], [10], 40, 'trusted'],
    ['a negative adjustment takes points', [], [-15], 15, 'limited'],
    ['adjustments sum, bounded at 50 either way', many('lost', 10), [40, 40], 65, 'top'],
    ['the score never goes below 0', many('lost', 30), [-50], 0, 'limited'],
    ['the score never goes above 100', many('won', 40), [50], 100, 'top'],
  ])('%s', (_name, outcomes, deltas, score, tier) => {
    const result = ratingScore(weightsOf(outcomes), deltas, NOW)
    expect(result).toBe(score)
    expect(tierFor(result).id).toBe(tier)
  })

  it('fades stored weights with time: ten Wons count five after one half-life', () => {
    const weights = weightsOf(many('won', 10))
    const later = new Date(NOW.getTime() + 90 * DAY)
    expect(fadeTo(weights, later).won).toBeCloseTo(5, 10)
    expect(ratingScore(weights, [], later)).toBe(53.3)
  })

  it('adding and then removing an outcome gives the same score back, also later in time', () => {
    const weights = weightsOf([...many('won', 3, 10), ...many('lost', 2, 40)])
    const later = new Date(NOW.getTime() + 30 * DAY)
    const added = applyOutcome(weights, 'lost', daysAgo(5), NOW)
    const removed = applyOutcome(added, 'lost', daysAgo(5), later, -1)
    expect(ratingScore(removed, [], later)).toBe(ratingScore(weights, [], later))
  })
})

describe('the date an outcome counts from', () => {
  const reservedAt = daysAgo(20)
  it.each<[string, Date, Date]>([
    ['a close date after the reservation counts as reported', daysAgo(5), daysAgo(5)],
    ['a close date before the reservation counts from the reservation', daysAgo(2000), reservedAt],
    ['a close date in the future counts from when the app learnt it', new Date(NOW.getTime() + 400 * DAY), NOW],
  ])('%s', (_name, reported, expected) => {
    expect(countedOutcomeDate(reported, reservedAt, NOW)).toEqual(expected)
  })
})

describe('rating tiers', () => {
  it.each([
    [0, 'limited'],
    [19.9, 'limited'],
    [20, 'standard'],
    [39.9, 'standard'],
    [40, 'trusted'],
    [59.9, 'trusted'],
    [60, 'top'],
    [100, 'top'],
  ])('a score of %s is %s', (score, tier) => {
    expect(tierFor(score).id).toBe(tier)
  })

  it('higher tiers unlock more: open and monthly limits grow, the early-access delay shrinks', () => {
    for (let i = 1; i < DEFAULT_RATING_TIERS.length; i++) {
      const [lower, higher] = [DEFAULT_RATING_TIERS[i - 1]!, DEFAULT_RATING_TIERS[i]!]
      expect(higher.minScore).toBeGreaterThan(lower.minScore)
      expect(higher.openLimit).toBeGreaterThan(lower.openLimit)
      expect(higher.monthlyLimit).toBeGreaterThan(lower.monthlyLimit)
      expect(higher.earlyAccessHours).toBeLessThan(lower.earlyAccessHours)
    }
  })

  it.each<[string, [CountedOutcome, number][], number[], string | null, number | null]>([
    ['a new partner needs 2 Wons for trusted', [], [], 'trusted', 2],
    ['after 3 Losts, 4 Wons for trusted', many('lost', 3), [], 'trusted', 4],
    ['trusted needs Wons for the top', many('won', 2), [], 'top', 6],
    ['at the top there is no next tier', many('won', 20), [], null, null],
  ])('%s', (_name, outcomes, deltas, next, wonNeeded) => {
    const weights = weightsOf(outcomes)
    const step = nextTierStep(weights, deltas, NOW)
    expect(step?.tier.id ?? null).toBe(next)
    expect(step?.wonNeeded ?? null).toBe(wonNeeded)
    if (step && step.wonNeeded !== null) {
      // The promised number of Wons really reaches the tier, and one fewer does not.
      const reach = (k: number) => ratingScore(weightsOf([...outcomes, ...many('won', k)]), deltas, NOW)
      expect(reach(step.wonNeeded)).toBeGreaterThanOrEqual(step.tier.minScore)
      if (step.wonNeeded > 0) expect(reach(step.wonNeeded - 1)).toBeLessThan(step.tier.minScore)
    }
  })
})

import { describe, expect, it } from 'vitest'
import { DEFAULT_RATING_TIERS, tierFor } from '../../shared/domain/rating'
import { ratingHistory, type HistoryInput } from '../../app-server/modules/rating/rating-history'

const tiers = [...DEFAULT_RATING_TIERS]
const DAY = 86_400_000
const at = (iso: string) => new Date(iso)
const now = at('2026-11-21T12:00:00.000Z')
const since = new Date(now.getTime() - 180 * DAY)
const current = (score: number) => ({ score, tier: tierFor(score, tiers) })
const weights = (won: number, lost: number, iso: string) => ({ won, lost, weightsAt: at(iso) })
const history = (input: Partial<HistoryInput>) =>
  ratingHistory({ entries: [], adjustments: [], since, now, current: current(30), tiers, ...input })

describe('ratingHistory', () => {
  it('a new partner has one point: the score now', () => {
    expect(history({})).toEqual([{ at: now.toISOString(), score: 30, tier: 'standard' }])
  })

  it('four changes in one day are four points at their times, not one for the day', () => {
    const points = history({
      entries: [
        { at: at('2026-11-20T08:00:00.000Z'), weights: weights(1, 0, '2026-11-20T08:00:00.000Z') },
        { at: at('2026-11-20T10:00:00.000Z'), weights: weights(1, 1, '2026-11-20T10:00:00.000Z') },
        { at: at('2026-11-20T13:00:00.000Z'), weights: weights(2, 1, '2026-11-20T13:00:00.000Z') },
        { at: at('2026-11-20T17:00:00.000Z'), weights: weights(2, 2, '2026-11-20T17:00:00.000Z') },
      ],
      current: current(30.8),
    })
    expect(points.map((point) => [point.at.slice(11, 16), point.score])).toEqual([
      ['08:00', 36.4], // (1 + 3) / 11
      ['10:00', 33.3], // (1 + 3) / 12
      ['13:00', 38.5], // (2 + 3) / 13
      ['17:00', 35.7], // (2 + 3) / 14
      ['12:00', 30.8],
    ])
  })

  it('an adjustment is a point when it begins and when it ends, scored with the weights in force then', () => {
    const points = history({
      entries: [{ at: at('2026-10-01T00:00:00.000Z'), weights: weights(0, 0, '2026-10-01T00:00:00.000Z') }],
      adjustments: [
        { delta: 10, createdAt: at('2026-11-01T09:00:00.000Z'), expiresAt: at('2026-11-10T09:00:00.000Z') },
      ],
    })
    expect(points).toEqual([
      { at: '2026-10-01T00:00:00.000Z', score: 30, tier: 'standard' },
      { at: '2026-11-01T09:00:00.000Z', score: 40, tier: 'trusted' },
      { at: '2026-11-10T09:00:00.000Z', score: 30, tier: 'standard' },
      { at: now.toISOString(), score: 30, tier: 'standard' },
    ])
  })

  it('a moment that leaves the score as it was adds no point; the state before the window gives its start', () => {
    const points = history({
      entries: [
        // Before the window: the state the first moment inside it starts from.
        { at: new Date(since.getTime() - DAY), weights: weights(0, 0, '2026-01-01T00:00:00.000Z') },
        { at: at('2026-11-02T00:00:00.000Z'), weights: weights(0, 0, '2026-11-02T00:00:00.000Z') },
        { at: at('2026-11-03T00:00:00.000Z'), weights: weights(0, 0, '2026-11-03T00:00:00.000Z') },
      ],
    })
    expect(points.map((point) => point.at)).toEqual(['2026-11-02T00:00:00.000Z', now.toISOString()])
  })
})

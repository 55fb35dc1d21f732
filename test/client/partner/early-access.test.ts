import { describe, expect, it } from 'vitest'
import { DEFAULT_RATING_TIERS, earlyAccessEnds as endsAt, type RatingTier } from '@shared/domain/rating'
import { timeLeft } from '../../../app-client/partner/countdown'

const [limited, standard, trusted, top] = DEFAULT_RATING_TIERS
const created = '2026-11-22T10:00:00.000Z'
const at = (iso: string) => new Date(iso).getTime()
/** The server works out when early access ends (shared/domain/rating.ts); the app counts down to it. */
const earlyAccessEnds = (createdAt: string, ...rest: [RatingTier, readonly RatingTier[], number]) =>
  endsAt(new Date(createdAt), rest[0], rest[1], new Date(rest[2]))

describe('early access countdown', () => {
  it('When my tier sees requests at once, then the request is mine until the next slower tier (2 h) sees it', () => {
    const ends = earlyAccessEnds(created, top!, DEFAULT_RATING_TIERS, at('2026-11-22T10:30:00.000Z'))
    expect(ends?.toISOString()).toBe('2026-11-22T12:00:00.000Z')
    expect(timeLeft(ends!, at('2026-11-22T10:30:00.000Z'))).toEqual({ hours: 1, minutes: 30 })
  })

  it('When the standard tier sees it after 6 h, then its lead over the limited tier lasts until 24 h', () => {
    expect(earlyAccessEnds(created, standard!, DEFAULT_RATING_TIERS, at(created))?.toISOString()).toBe(
      '2026-11-23T10:00:00.000Z',
    )
    expect(earlyAccessEnds(created, trusted!, DEFAULT_RATING_TIERS, at(created))?.toISOString()).toBe(
      '2026-11-22T16:00:00.000Z',
    )
  })

  it('When the slowest tier already sees it, or mine is the slowest, then there is no countdown', () => {
    expect(earlyAccessEnds(created, top!, DEFAULT_RATING_TIERS, at('2026-11-22T12:00:00.000Z'))).toBeNull()
    expect(earlyAccessEnds(created, limited!, DEFAULT_RATING_TIERS, at(created))).toBeNull()
  })

  it('When less than a minute is left, then it still says one minute', () => {
    expect(timeLeft(new Date(at(created) + 10_000), at(created))).toEqual({ hours: 0, minutes: 1 })
  })
})

import type { RatingTier } from '@shared/domain/rating'

/**
 * Until when a request stays ahead of lower tiers: new requests reach each tier `earlyAccessHours` after they
 * arrive, so my tier has it to itself (and the tiers above) until the next slower tier sees it. Null when no
 * slower tier exists or that moment has passed.
 */
export function earlyAccessEnds(
  createdAt: string,
  myTier: RatingTier,
  tiers: readonly RatingTier[],
  now: number,
): Date | null {
  const slower = tiers
    .map((tier) => tier.earlyAccessHours)
    .filter((hours) => hours > myTier.earlyAccessHours)
    .sort((a, b) => a - b)[0]
  if (slower === undefined) return null
  const ends = new Date(new Date(createdAt).getTime() + slower * 3_600_000)
  return ends.getTime() > now ? ends : null
}

/** Hours and minutes left until `until`, at least one minute. */
export function timeLeft(until: Date, now: number): { hours: number; minutes: number } {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now) / 60_000))
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 }
}

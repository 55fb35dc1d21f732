import { DEFAULT_RATING_TIERS, RESERVATION_WINDOW_DAYS, type RatingTier } from '../../../shared/domain/rating'
import type { Config } from '../../config'
import type { LeadOutcome } from '../../../shared/domain/reservation-columns'

const HOUR_MS = 3_600_000
const DAY_MS = 86_400_000

// The rules the rating sets on reservations (tiers and their limits, the first-contact deadline, the return
// window) live with reservations, which apply them; the rating module, above, imports them from here.

/**
 * The tier table this installation enforces: the shared bounds with the configured limits and delays.
 * `RESERVATION_OPEN_LIMIT` stays a ceiling over every tier's open limit.
 */
export function ratingTiers(config: Config): RatingTier[] {
  return DEFAULT_RATING_TIERS.map((tier, index) => ({
    ...tier,
    openLimit: Math.min(config.RATING_OPEN_LIMITS[index] ?? tier.openLimit, config.RESERVATION_OPEN_LIMIT),
    monthlyLimit: config.RATING_MONTHLY_LIMITS[index] ?? tier.monthlyLimit,
    earlyAccessHours: config.RATING_EARLY_ACCESS_HOURS[index] ?? tier.earlyAccessHours,
  }))
}

export const reservationWindowStart = (now: Date) => new Date(now.getTime() - RESERVATION_WINDOW_DAYS * DAY_MS)

/** What the first-contact rule needs to know of a reservation. */
export interface FirstContactFacts {
  status: 'active' | 'released'
  crmStatus: 'not_synced' | 'pending' | 'in_crm' | 'failed'
  crmSyncedAt: Date | null
  crmProgressAt: Date | null
  outcome: LeadOutcome | null
}

/**
 * The first-contact deadline, counted from when the lead reached the partner's CRM; none once the lead shows
 * progress or an outcome, and none while there is no lead in the CRM (the partner has nothing to work on yet).
 */
export function firstContactWindow(facts: FirstContactFacts, config: Config) {
  if (facts.status !== 'active' || facts.crmStatus !== 'in_crm' || !facts.crmSyncedAt) return null
  if (facts.crmProgressAt || facts.outcome) return null
  const dueAt = new Date(facts.crmSyncedAt.getTime() + config.RATING_FIRST_CONTACT_HOURS * HOUR_MS)
  return { dueAt, releaseAt: new Date(dueAt.getTime() + config.RATING_STALE_GRACE_HOURS * HOUR_MS) }
}

/** The end of the window in which a reservation may be returned as a bad lead. */
export const returnWindowEnd = (reservedAt: Date, config: Config) =>
  new Date(reservedAt.getTime() + config.RATING_RETURN_WINDOW_DAYS * DAY_MS)

/** How long before now a stale reservation must have reached the CRM: the deadline plus the grace period. */
export const staleAfterMs = (config: Config) =>
  (config.RATING_FIRST_CONTACT_HOURS + config.RATING_STALE_GRACE_HOURS) * HOUR_MS

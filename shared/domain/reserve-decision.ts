import type { RequestCloseReason } from '../schemas/request.schema'
import { ineligibilities, type EligibilityFacts } from './eligibility'
import { visibleAt, type RatingTierId } from './rating'
import { MAX_RESERVATIONS_PER_REQUEST, type ReserveDenialCode } from './reservation-rules'

/** Everything that decides whether a partner may reserve one request right now, as plain values. */
export interface ReserveFacts {
  now: Date
  partner: EligibilityFacts
  /** Countries the partner covers: the registered one and its additional locations, less restricted ones. */
  coverage: readonly string[]
  /** The partner's own reservation of this request, if it ever made one (one per partner and request, ever). */
  existing: 'active' | 'released' | null
  /** The partner's rating tier and how much of its reservation limits is used. */
  quota: {
    tier: RatingTierId
    open: { limit: number; used: number }
    monthly: { limit: number; used: number; resetsAt: Date | null }
  }
  /** How many hours after publication the partner's tier may reserve a new request (early access). */
  earlyAccessHours: number
  request: {
    country: string
    status: 'open' | 'closed'
    closeReason: RequestCloseReason | null
    reservedCount: number
    createdAt: Date
  }
}

type Refusal<Code extends ReserveDenialCode, Extensions = unknown> = { allowed: false; code: Code } & Extensions

/** Why the partner may not reserve, with what the partner needs to know to act on it. */
export type ReserveRefusal =
  | Refusal<'partner_not_approved' | 'tutorial_not_completed'>
  | Refusal<'partner_suspended', { until: Date | null }>
  | Refusal<'already_reserved' | 'reservation_previously_released'>
  | Refusal<
      'reservation_quota_exceeded',
      { quota: 'open' | 'monthly'; tier: RatingTierId; limit: number; used: number; resetsAt: Date | null }
    >
  | Refusal<'territory_not_covered' | 'request_closed'>
  | Refusal<'request_fully_reserved', { limit: number }>
  | Refusal<'early_access_pending', { tier: RatingTierId; visibleAt: Date }>

export type ReserveDecision = { allowed: true } | ReserveRefusal

/**
 * Whether a partner may reserve a request now: the one answer the reserve endpoint throws, the feed turns into
 * `abilities` and the partner app shows. The first failing check wins, in this order:
 * 1. eligibility: approved, tutorial completed, not suspended (rules 5.2, 13.4);
 * 2. the partner's own reservation: held now (`already_reserved`) or released before (a slot goes back to others);
 * 3. the rating tier's limits: open reservations at once, then new ones per 30 days;
 * 4. the request: in one of the partner's countries, not fully reserved (5 partners, rules 5.2), not closed;
 * 5. early access: lower tiers see a new request some hours after higher ones.
 * The database still guards the 5-partner cap under concurrency (the slot-taking statement); this decides the rest.
 */
export function reserveDecision(facts: ReserveFacts): ReserveDecision {
  return (
    eligibilityRefusal(facts) ??
    existingRefusal(facts) ??
    quotaRefusal(facts) ??
    requestRefusal(facts) ??
    earlyAccessRefusal(facts) ?? { allowed: true }
  )
}

function eligibilityRefusal({ partner, now }: ReserveFacts): ReserveRefusal | undefined {
  const [reason] = ineligibilities(partner, now)
  if (!reason) return undefined
  return reason.code === 'partner_suspended'
    ? { allowed: false, code: reason.code, until: reason.until }
    : { allowed: false, code: reason.code }
}

function existingRefusal({ existing }: ReserveFacts): ReserveRefusal | undefined {
  if (existing === 'active') return { allowed: false, code: 'already_reserved' }
  if (existing === 'released') return { allowed: false, code: 'reservation_previously_released' }
  return undefined
}

function quotaRefusal({ quota }: ReserveFacts): ReserveRefusal | undefined {
  const { open, monthly, tier } = quota
  const code = 'reservation_quota_exceeded' as const
  // The open limit frees on a release or an outcome, so it has no reset time.
  if (open.used >= open.limit) return { allowed: false, code, quota: 'open', tier, ...open, resetsAt: null }
  if (monthly.used >= monthly.limit) return { allowed: false, code, quota: 'monthly', tier, ...monthly }
  return undefined
}

function requestRefusal({ request, coverage }: ReserveFacts): ReserveRefusal | undefined {
  if (!coverage.includes(request.country)) return { allowed: false, code: 'territory_not_covered' }
  // A fully served request that lost a holder after its lifetime stays closed, and still says why.
  if (request.reservedCount >= MAX_RESERVATIONS_PER_REQUEST || request.closeReason === 'fully_served') {
    return { allowed: false, code: 'request_fully_reserved', limit: MAX_RESERVATIONS_PER_REQUEST }
  }
  if (request.status !== 'open') return { allowed: false, code: 'request_closed' }
  return undefined
}

function earlyAccessRefusal({ request, earlyAccessHours, quota, now }: ReserveFacts): ReserveRefusal | undefined {
  const at = visibleAt(request.createdAt, { earlyAccessHours })
  if (at.getTime() <= now.getTime()) return undefined
  return { allowed: false, code: 'early_access_pending', tier: quota.tier, visibleAt: at }
}

/** What a screen needs to show the reserve button or say why not: the `abilities` of a feed item. */
export interface ReserveAbilities {
  reserve: boolean
  reserveDeniedReason?: ReserveDenialCode
}

/** The decision as `abilities`: the refusal's code, never a second opinion. */
export function reserveAbilities(decision: ReserveDecision): ReserveAbilities {
  return decision.allowed ? { reserve: true } : { reserve: false, reserveDeniedReason: decision.code }
}

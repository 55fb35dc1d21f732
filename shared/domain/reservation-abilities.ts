import type { LeadOutcome } from './reservation-columns'

/**
 * What a partner may still do with its own reservation. The CRM's outcome ends the partner's choices:
 * - a **Won** lead is the partner's client: releasing it would hide the contacts of its own customer and give a
 *   slot of a served client to someone else, and it was no bad lead, so it can be neither released nor returned;
 * - a **Lost** lead is finished and counted: releasing it changes nothing for the client or the rating, so it is
 *   not offered; it may still be returned as a bad lead within the window (an unreachable client is usually
 *   marked junk in the CRM first), and a confirmed return keeps it out of the rating (docs/rating.md);
 * - an undecided held reservation may be released, and returned within the window.
 * A released, expired or returned reservation (a return ends it at once) offers nothing. The server refuses exactly what this refuses.
 */
export interface ReservationAbilityFacts {
  now: Date
  status: 'active' | 'released'
  /** The CRM's outcome of the lead (or its deal), if one is known. */
  outcome: LeadOutcome | null
  /** The end of the bad-lead return window (`RATING_RETURN_WINDOW_DAYS` after reserving). */
  returnUntil: Date
}

export type ReleaseDecision =
  | { allowed: true }
  | { allowed: false; code: 'reservation_not_found' }
  | { allowed: false; code: 'lead_outcome_final'; outcome: LeadOutcome }

export type ReturnDecision =
  | { allowed: true }
  | { allowed: false; code: 'reservation_not_found' }
  | { allowed: false; code: 'won_cannot_be_returned' }
  | { allowed: false; code: 'return_window_closed'; returnUntil: Date }

/** Whether the partner may release the reservation: only while it is held and its lead undecided. */
export function releaseDecision(facts: ReservationAbilityFacts): ReleaseDecision {
  if (facts.status !== 'active') return { allowed: false, code: 'reservation_not_found' }
  if (facts.outcome) return { allowed: false, code: 'lead_outcome_final', outcome: facts.outcome }
  return { allowed: true }
}

/** Whether the partner may return the reservation as a bad lead: held, not Won, within the window. */
export function returnDecision(facts: ReservationAbilityFacts): ReturnDecision {
  if (facts.status !== 'active') return { allowed: false, code: 'reservation_not_found' }
  if (facts.outcome === 'won') return { allowed: false, code: 'won_cannot_be_returned' }
  if (facts.now.getTime() > facts.returnUntil.getTime()) {
    return { allowed: false, code: 'return_window_closed', returnUntil: facts.returnUntil }
  }
  return { allowed: true }
}

/** The `abilities` of a reservation: the two decisions, never a second opinion. */
export interface ReservationAbilities {
  release: boolean
  returnAsBadLead: boolean
  /** Shown while a return is still possible: the end of the window. */
  returnUntil: Date | null
}

export function reservationAbilities(facts: ReservationAbilityFacts): ReservationAbilities {
  const canReturn = returnDecision(facts).allowed
  return {
    release: releaseDecision(facts).allowed,
    returnAsBadLead: canReturn,
    returnUntil: canReturn ? facts.returnUntil : null,
  }
}

/** What decides whether a partner may see and reserve implementation requests (rules 5.2, 13.4). */
export interface EligibilityFacts {
  approved: boolean
  tutorialCompletedAt: Date | null
  suspension: { until: Date | null } | null
}

export type Ineligibility =
  | { code: 'partner_not_approved' }
  | { code: 'tutorial_not_completed' }
  | { code: 'partner_suspended'; until: Date | null }

/** Whether a suspension is in force at `now`; one without an end date is permanent. */
export function isSuspended(suspension: EligibilityFacts['suspension'], now: Date): boolean {
  return suspension !== null && (suspension.until === null || suspension.until.getTime() > now.getTime())
}

/**
 * Every condition that keeps the partner away from requests, in the order a partner would fix them.
 * An empty list means the partner is eligible.
 */
export function ineligibilities(facts: EligibilityFacts, now: Date): Ineligibility[] {
  const reasons: Ineligibility[] = []
  if (!facts.approved) reasons.push({ code: 'partner_not_approved' })
  if (!facts.tutorialCompletedAt) reasons.push({ code: 'tutorial_not_completed' })
  if (facts.suspension && isSuspended(facts.suspension, now)) {
    reasons.push({ code: 'partner_suspended', until: facts.suspension.until })
  }
  return reasons
}

import type { CountedOutcome, ReleaseReason } from './rating'
import type { LeadOutcome } from './reservation-columns'

/**
 * The one word every screen and the API use for where a reservation stands:
 * - `not_synced` held, made outside a portal, so no lead is written; `syncing` held, its lead on the way to the
 *   partner's CRM; `sync_failed` held, the lead could not be written after every retry; `in_crm` held, the lead
 *   is in the CRM and undecided;
 * - `won` / `lost` the outcome in the partner's CRM, or what the rating counts (a rejected bad-lead return
 *   counts as lost); `expired` released for no progress in the CRM in time;
 * - `released` given up by the partner; `returned` handed back as a bad lead (waiting for a manager or confirmed);
 * - `rejected_spam` its request was rejected as spam: it counts for nobody.
 */
export const RESERVATION_STATES = [
  'not_synced',
  'syncing',
  'sync_failed',
  'in_crm',
  'won',
  'lost',
  'expired',
  'released',
  'returned',
  'rejected_spam',
] as const
export type ReservationState = (typeof RESERVATION_STATES)[number]

/** The columns of a reservation that make its state. */
export interface ReservationStateFacts {
  status: 'active' | 'released'
  crmStatus: 'not_synced' | 'pending' | 'in_crm' | 'failed'
  outcome: LeadOutcome | null
  releaseReason: ReleaseReason | null
  ratingCounted: CountedOutcome | null
  ratingExcluded: boolean
}

const HELD_STATES = {
  not_synced: 'not_synced',
  pending: 'syncing',
  failed: 'sync_failed',
  in_crm: 'in_crm',
} as const satisfies Record<ReservationStateFacts['crmStatus'], ReservationState>

/**
 * A reservation's state, the first that applies:
 * 1. the rating excludes it for good: a confirmed bad-lead return (`returned`) or a request rejected as spam;
 * 2. an outcome: the CRM's Won or Lost, else what the rating counts (a rejected return's Lost, an expiry), so the
 *    CRM's word wins over a pending return or an expiry, as it does in the rating;
 * 3. how it was released: returned (waiting for a decision), expired, or by the partner;
 * 4. while held, where its lead stands in the CRM.
 */
export function reservationState(facts: ReservationStateFacts): ReservationState {
  if (facts.ratingExcluded) return facts.releaseReason === 'returned' ? 'returned' : 'rejected_spam'
  const outcome = facts.outcome ?? facts.ratingCounted
  if (outcome) return outcome
  if (facts.releaseReason === 'returned') return 'returned'
  if (facts.releaseReason === 'expired') return 'expired'
  if (facts.status === 'released') return 'released'
  return HELD_STATES[facts.crmStatus]
}

/**
 * How the rating screen for managers sums a reservation up: its state, with every held state as `open` and a
 * return still waiting for a manager's decision as `return_pending` (it counts for nothing until then).
 */
export const RATING_OUTCOME_KINDS = [
  'won',
  'lost',
  'expired',
  'returned',
  'return_pending',
  'rejected_spam',
  'open',
  'released',
] as const
export type RatingOutcomeKind = (typeof RATING_OUTCOME_KINDS)[number]

const KIND_OF_STATE = {
  not_synced: 'open',
  syncing: 'open',
  sync_failed: 'open',
  in_crm: 'open',
  won: 'won',
  lost: 'lost',
  expired: 'expired',
  released: 'released',
  returned: 'returned',
  rejected_spam: 'rejected_spam',
} as const satisfies Record<ReservationState, RatingOutcomeKind>

export function ratingOutcomeKind(facts: ReservationStateFacts): RatingOutcomeKind {
  const state = reservationState(facts)
  return state === 'returned' && !facts.ratingExcluded ? 'return_pending' : KIND_OF_STATE[state]
}

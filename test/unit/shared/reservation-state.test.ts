import { describe, expect, it } from 'vitest'
import {
  RESERVATION_STATES,
  ratingOutcomeKind,
  reservationState,
  type RatingOutcomeKind,
  type ReservationState,
  type ReservationStateFacts,
} from '../../../shared/domain/reservation-state'

const held: ReservationStateFacts = {
  status: 'active',
  crmStatus: 'in_crm',
  outcome: null,
  releaseReason: null,
  ratingCounted: null,
  ratingExcluded: false,
}
const released = (releaseReason: ReservationStateFacts['releaseReason']): Partial<ReservationStateFacts> => ({
  status: 'released',
  releaseReason,
})

const cases: [string, Partial<ReservationStateFacts>, ReservationState, RatingOutcomeKind][] = [
  ['held, made outside a portal', { crmStatus: 'not_synced' }, 'not_synced', 'open'],
  ['held, lead on its way', { crmStatus: 'pending' }, 'syncing', 'open'],
  ['held, lead failed after every retry', { crmStatus: 'failed' }, 'sync_failed', 'open'],
  ['held, lead in the CRM', {}, 'in_crm', 'open'],
  ['Won in the CRM', { outcome: 'won' }, 'won', 'won'],
  ['Lost in the CRM, counted', { outcome: 'lost', ratingCounted: 'lost' }, 'lost', 'lost'],
  ['Won counted before the CRM column was read back', { ratingCounted: 'won' }, 'won', 'won'],
  ['released by the partner', released('partner'), 'released', 'released'],
  ['released by the partner, Won later', { ...released('partner'), outcome: 'won' }, 'won', 'won'],
  ['expired for no progress', { ...released('expired'), ratingCounted: 'expired' }, 'expired', 'expired'],
  ['expired, Lost in the CRM afterwards', { ...released('expired'), outcome: 'lost' }, 'lost', 'lost'],
  ['returned, waiting for a manager', released('returned'), 'returned', 'return_pending'],
  ['returned, Lost in the CRM meanwhile', { ...released('returned'), outcome: 'lost' }, 'lost', 'lost'],
  ['returned, the return rejected', { ...released('returned'), ratingCounted: 'lost' }, 'lost', 'lost'],
  [
    'returned, the return confirmed',
    { ...released('returned'), outcome: 'lost', ratingExcluded: true },
    'returned',
    'returned',
  ],
  ['held, its request rejected as spam', { ratingExcluded: true }, 'rejected_spam', 'rejected_spam'],
  [
    'Lost, its request rejected as spam',
    { outcome: 'lost', ratingCounted: null, ratingExcluded: true },
    'rejected_spam',
    'rejected_spam',
  ],
]

describe("a reservation's displayed state", () => {
  it.each(cases)('%s: %s', (_label, change, state, kind) => {
    const facts = { ...held, ...change }
    expect(reservationState(facts)).toBe(state)
    expect(ratingOutcomeKind(facts)).toBe(kind)
  })

  it('reaches every state', () => {
    const reached = new Set(cases.map(([, change]) => reservationState({ ...held, ...change })))
    expect(RESERVATION_STATES.filter((state) => !reached.has(state))).toEqual([])
  })
})

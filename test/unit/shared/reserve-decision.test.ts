import { describe, expect, it } from 'vitest'
import {
  reserveAbilities,
  reserveDecision,
  type ReserveDecision,
  type ReserveFacts,
} from '../../../shared/domain/reserve-decision'
import { RESERVE_DENIAL_CODES } from '../../../shared/domain/reservation-rules'

const now = new Date('2026-06-01T12:00:00Z')
const HOUR = 3_600_000
const resetsAt = new Date('2026-06-10T00:00:00Z')

/** An approved partner with room in its limits, asking for an open request in its country published a day ago. */
const base: ReserveFacts = {
  now,
  partner: { approved: true, tutorialCompletedAt: new Date('2026-01-01'), suspension: null },
  coverage: ['DE', 'AT'],
  existing: null,
  quota: { tier: 'standard', open: { limit: 5, used: 1 }, monthly: { limit: 20, used: 3, resetsAt: null } },
  earlyAccessHours: 6,
  request: {
    country: 'DE',
    status: 'open',
    closeReason: null,
    reservedCount: 2,
    createdAt: new Date(now.getTime() - 24 * HOUR),
  },
}

type Nested = 'partner' | 'quota' | 'request'
type Change = Partial<Omit<ReserveFacts, Nested>> & { [K in Nested]?: Partial<ReserveFacts[K]> }
const facts = (change: Change): ReserveFacts => ({
  ...base,
  ...change,
  partner: { ...base.partner, ...change.partner },
  quota: { ...base.quota, ...change.quota },
  request: { ...base.request, ...change.request },
})

const cases: [string, Change, ReserveDecision][] = [
  ['an eligible partner with room, an open request of its country', {}, { allowed: true }],
  ['not approved', { partner: { approved: false } }, { allowed: false, code: 'partner_not_approved' }],
  [
    'tutorial not completed',
    { partner: { tutorialCompletedAt: null } },
    { allowed: false, code: 'tutorial_not_completed' },
  ],
  [
    'suspended until a date',
    { partner: { suspension: { until: resetsAt } } },
    { allowed: false, code: 'partner_suspended', until: resetsAt },
  ],
  [
    'suspended for good',
    { partner: { suspension: { until: null } } },
    { allowed: false, code: 'partner_suspended', until: null },
  ],
  ['a suspension that ended', { partner: { suspension: { until: new Date(now.getTime() - 1) } } }, { allowed: true }],
  ['holding it already', { existing: 'active' }, { allowed: false, code: 'already_reserved' }],
  ['released it before', { existing: 'released' }, { allowed: false, code: 'reservation_previously_released' }],
  [
    'as many open reservations as the tier allows',
    { quota: { open: { limit: 5, used: 5 } } },
    {
      allowed: false,
      code: 'reservation_quota_exceeded',
      quota: 'open',
      tier: 'standard',
      limit: 5,
      used: 5,
      resetsAt: null,
    },
  ],
  [
    'as many reservations in 30 days as the tier allows',
    { quota: { monthly: { limit: 20, used: 20, resetsAt } } },
    {
      allowed: false,
      code: 'reservation_quota_exceeded',
      quota: 'monthly',
      tier: 'standard',
      limit: 20,
      used: 20,
      resetsAt,
    },
  ],
  ['a request outside my countries', { request: { country: 'CH' } }, { allowed: false, code: 'territory_not_covered' }],
  [
    'a request 5 partners hold',
    { request: { reservedCount: 5, status: 'closed', closeReason: 'fully_served' } },
    { allowed: false, code: 'request_fully_reserved', limit: 5 },
  ],
  [
    'a fully served request that lost a holder after its lifetime',
    { request: { reservedCount: 4, status: 'closed', closeReason: 'fully_served' } },
    { allowed: false, code: 'request_fully_reserved', limit: 5 },
  ],
  [
    'a withdrawn request',
    { request: { status: 'closed', closeReason: 'withdrawn' } },
    { allowed: false, code: 'request_closed' },
  ],
  [
    'a request under review',
    { request: { status: 'closed', closeReason: 'under_review' } },
    { allowed: false, code: 'request_closed' },
  ],
  [
    'a request published 2 hours ago, my tier sees it after 6',
    { request: { createdAt: new Date(now.getTime() - 2 * HOUR) } },
    { allowed: false, code: 'early_access_pending', tier: 'standard', visibleAt: new Date(now.getTime() + 4 * HOUR) },
  ],
  [
    'a request published exactly when my tier starts seeing it',
    { request: { createdAt: new Date(now.getTime() - 6 * HOUR) } },
    { allowed: true },
  ],
  ['a brand new request for the top tier', { earlyAccessHours: 0, request: { createdAt: now } }, { allowed: true }],
  // The order: eligibility, then my reservation, then my limits, then the request, then early access.
  [
    'not approved and holding it',
    { partner: { approved: false }, existing: 'active' },
    { allowed: false, code: 'partner_not_approved' },
  ],
  [
    'released before and over the quota',
    { existing: 'released', quota: { open: { limit: 5, used: 5 } } },
    { allowed: false, code: 'reservation_previously_released' },
  ],
  [
    'over the quota and outside my countries',
    { quota: { monthly: { limit: 20, used: 20, resetsAt } }, request: { country: 'CH' } },
    {
      allowed: false,
      code: 'reservation_quota_exceeded',
      quota: 'monthly',
      tier: 'standard',
      limit: 20,
      used: 20,
      resetsAt,
    },
  ],
  [
    'outside my countries and closed',
    { request: { country: 'CH', status: 'closed', closeReason: 'expired' } },
    { allowed: false, code: 'territory_not_covered' },
  ],
  [
    'closed and too new for my tier',
    { request: { status: 'closed', closeReason: 'withdrawn', createdAt: now } },
    { allowed: false, code: 'request_closed' },
  ],
]

describe('may this partner reserve this request now (rules 5.2, 13.4)', () => {
  it.each(cases)('%s', (_label, change, expected) => {
    expect(reserveDecision(facts(change))).toEqual(expected)
  })

  it('answers every refusal code the API and the partner app know', () => {
    const answered = new Set(cases.map(([, change]) => reserveDecision(facts(change))).map((d) => !d.allowed && d.code))
    expect([...RESERVE_DENIAL_CODES].filter((code) => !answered.has(code))).toEqual([])
  })

  it('turns the decision into abilities with the same code', () => {
    expect(reserveAbilities(reserveDecision(base))).toEqual({ reserve: true })
    expect(reserveAbilities(reserveDecision(facts({ existing: 'active' })))).toEqual({
      reserve: false,
      reserveDeniedReason: 'already_reserved',
    })
  })
})

import type { FeedItem, FeedPage } from '@shared/schemas/feed.schema'
import type { PartnerProfile } from '@shared/schemas/partner.schema'
import type { PartnerRating } from '@shared/schemas/rating'
import { DEFAULT_RATING_TIERS, RATING_FORMULA } from '@shared/domain/rating'
import type { Reservation } from '@shared/schemas/reservation.schema'
import type { Session } from '@shared/schemas/session.schema'
import { reservationState } from '@shared/domain/reservation-state'

/** Response bodies as the partner API returns them, for mocks of the typed client. */
export function feedItem(overrides: Partial<FeedItem> = {}): FeedItem {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    country: 'DE',
    city: 'Berlin',
    types: ['training'],
    description: 'Training for 40 people. Call me on [hidden until reserved].',
    usersCount: 40,
    preferredLanguage: 'de',
    createdAt: '2026-11-20T10:00:00.000Z',
    reservations: { taken: 2, limit: 5 },
    heldByMe: false,
    abilities: { reserve: true },
    earlyAccessUntil: null,
    laterTiers: [],
    ...overrides,
  }
}

/** A feed page: no request waiting for my tier unless `upcoming` says otherwise. */
export function feedPage(items: FeedItem[], overrides: Partial<FeedPage> = {}): FeedPage {
  return { items, nextCursor: null, upcoming: { count: 0, nextVisibleAt: null }, ...overrides }
}

export function reservation(overrides: Partial<Reservation> = {}): Reservation {
  const item = feedItem()
  const body: Omit<Reservation, 'state'> = {
    id: '00000000-0000-4000-8000-0000000000a1',
    status: 'active',
    reservedAt: '2026-11-21T10:00:00.000Z',
    releasedAt: null,
    releaseReason: null,
    // The request as the feed shows it to its holder.
    request: {
      ...item,
      reservations: { taken: 3, limit: 5 },
      heldByMe: true,
      abilities: { reserve: false, reserveDeniedReason: 'already_reserved' },
    },
    contact: { name: 'Jana Richter', company: 'Studio Richter', email: 'jana@example.test', phone: '+49301234567' },
    crm: { status: 'in_crm', leadId: '7', dealId: null, outcome: null, outcomeAt: null },
    firstContact: null,
    return: null,
    abilities: { release: true, returnAsBadLead: true, returnUntil: '2026-11-28T10:00:00.000Z' },
    ...overrides,
  }
  // The server sends the state of every reservation; here it follows the fixture's columns as it would there.
  const state = reservationState({
    status: body.status,
    crmStatus: body.crm.status === 'syncing' ? 'pending' : body.crm.status,
    outcome: body.crm.outcome,
    releaseReason: body.releaseReason,
    ratingCounted: null,
    ratingExcluded: false,
  })
  return { ...body, state: overrides.state ?? state }
}

export function profile(overrides: Partial<PartnerProfile> = {}): PartnerProfile {
  return {
    id: '00000000-0000-4000-8000-0000000000b1',
    partnerCode: 'acme',
    companyName: 'Acme Integrators GmbH',
    declaredStatus: 'bronze',
    approved: true,
    tutorialCompletedAt: '2026-10-01T00:00:00.000Z',
    suspension: null,
    locations: { registered: 'DE', additional: ['AT'], maxAdditional: 3, locked: false },
    eligibility: { eligible: true, reasons: [] },
    reservationQuota: { limit: 5, used: 1 },
    restrictedCountries: [],
    ...overrides,
  }
}

export function session(linked: boolean, overrides: Partial<Session> = {}): Session {
  return {
    token: linked ? 'linked-token' : 'portal-token',
    expiresAt: '2026-11-22T20:00:00.000Z',
    portal: { id: '00000000-0000-4000-8000-0000000000c1', domain: 'acme.bitrix24.com', linked },
    user: { id: '1', isAdmin: true },
    ...overrides,
  }
}

/** A rating with `open` open reservations of a limit of 5, and the Won and Lost given. */
export function rating(counts: { open: number; won?: number; lost?: number } = { open: 1 }): PartnerRating {
  const tier = DEFAULT_RATING_TIERS[1]!
  return {
    score: 36.4,
    baseScore: 36.4,
    tier,
    limits: {
      open: { limit: 5, used: counts.open, resetsAt: null },
      monthly: { limit: 10, used: 2, resetsAt: null, windowDays: 30 },
      earlyAccessHours: tier.earlyAccessHours,
    },
    counts: {
      won: counts.won ?? 0,
      lost: counts.lost ?? 0,
      open: counts.open,
      expired: 0,
      returned: 0,
      returnPending: 0,
    },
    adjustments: [],
    nextTier: null,
    history: [
      { at: '2026-11-20T08:00:00.000Z', score: 30, tier: 'standard' },
      { at: '2026-11-20T09:30:00.000Z', score: 36.4, tier: 'standard' },
    ],
    formula: { ...RATING_FORMULA },
    tiers: [...DEFAULT_RATING_TIERS],
  }
}

import { describe, expect, it } from 'vitest'
import {
  releaseDecision,
  reservationAbilities,
  returnDecision,
  type ReservationAbilityFacts,
} from '../../../shared/domain/reservation-abilities'
import { DEFAULT_RATING_TIERS, laterTierAccess } from '../../../shared/domain/rating'

const now = new Date('2026-06-01T12:00:00Z')
const DAY = 86_400_000
const returnUntil = new Date(now.getTime() + 3 * DAY)

/** A held reservation whose lead is undecided, inside its return window. */
const held: ReservationAbilityFacts = { now, status: 'active', outcome: null, returnUntil }

describe('what a partner may do with its reservation', () => {
  it.each<
    [string, Partial<ReservationAbilityFacts>, ReturnType<typeof releaseDecision>, ReturnType<typeof returnDecision>]
  >([
    ['held and undecided', {}, { allowed: true }, { allowed: true }],
    [
      'Won: the client is the partner’s',
      { outcome: 'won' },
      { allowed: false, code: 'lead_outcome_final', outcome: 'won' },
      { allowed: false, code: 'won_cannot_be_returned' },
    ],
    [
      'Lost: finished, still returnable as a bad lead',
      { outcome: 'lost' },
      { allowed: false, code: 'lead_outcome_final', outcome: 'lost' },
      { allowed: true },
    ],
    [
      'past the return window',
      { returnUntil: new Date(now.getTime() - 1) },
      { allowed: true },
      { allowed: false, code: 'return_window_closed', returnUntil: new Date(now.getTime() - 1) },
    ],
    [
      'released (by the partner, an expiry or a return)',
      { status: 'released' },
      { allowed: false, code: 'reservation_not_found' },
      { allowed: false, code: 'reservation_not_found' },
    ],
    [
      'released and Won later',
      { status: 'released', outcome: 'won' },
      { allowed: false, code: 'reservation_not_found' },
      { allowed: false, code: 'reservation_not_found' },
    ],
  ])('When the reservation is %s, then release and return are decided as expected', (_case, facts, release, back) => {
    expect(releaseDecision({ ...held, ...facts })).toEqual(release)
    expect(returnDecision({ ...held, ...facts })).toEqual(back)
  })

  it('When abilities are sent, then they are the two decisions, with the window end only while a return is possible', () => {
    expect(reservationAbilities(held)).toEqual({ release: true, returnAsBadLead: true, returnUntil })
    expect(reservationAbilities({ ...held, outcome: 'won' })).toEqual({
      release: false,
      returnAsBadLead: false,
      returnUntil: null,
    })
    expect(reservationAbilities({ ...held, outcome: 'lost' })).toEqual({
      release: false,
      returnAsBadLead: true,
      returnUntil,
    })
  })
})

describe('when each lower tier sees a request (early access)', () => {
  const [limited, standard, , top] = DEFAULT_RATING_TIERS
  const created = new Date('2026-06-01T09:00:00Z')
  const at = (hours: number) => new Date(created.getTime() + hours * 3_600_000)

  it('When a top partner looks at a request published 30 minutes ago, then every lower tier is listed, soonest first', () => {
    expect(laterTierAccess(created, top!, DEFAULT_RATING_TIERS, at(0.5))).toEqual([
      { tier: 'trusted', visibleAt: at(2) },
      { tier: 'standard', visibleAt: at(6) },
      { tier: 'limited', visibleAt: at(24) },
    ])
  })

  it('When some lower tiers see it already, then only those still waiting are listed', () => {
    expect(laterTierAccess(created, top!, DEFAULT_RATING_TIERS, at(7))).toEqual([
      { tier: 'limited', visibleAt: at(24) },
    ])
    expect(laterTierAccess(created, standard!, DEFAULT_RATING_TIERS, at(7))).toEqual([
      { tier: 'limited', visibleAt: at(24) },
    ])
  })

  it('When mine is the slowest tier, or every tier sees it, then nobody is waiting', () => {
    expect(laterTierAccess(created, limited!, DEFAULT_RATING_TIERS, at(0))).toEqual([])
    expect(laterTierAccess(created, top!, DEFAULT_RATING_TIERS, at(24))).toEqual([])
  })
})

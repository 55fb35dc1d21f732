import { describe, expect, it } from 'vitest'
import { ineligibilities, isSuspended } from '../../../shared/domain/eligibility'

const now = new Date('2026-06-01T00:00:00Z')
const eligible = { approved: true, tutorialCompletedAt: new Date('2026-01-01'), suspension: null }

describe('partner eligibility for requests (rules 5.2, 13.4)', () => {
  it.each([
    ['eligible partner', eligible, []],
    ['not approved', { ...eligible, approved: false }, [{ code: 'partner_not_approved' }]],
    ['tutorial not done', { ...eligible, tutorialCompletedAt: null }, [{ code: 'tutorial_not_completed' }]],
    [
      'suspended until later',
      { ...eligible, suspension: { until: new Date('2026-07-01') } },
      [{ code: 'partner_suspended', until: new Date('2026-07-01') }],
    ],
    [
      'suspended permanently',
      { ...eligible, suspension: { until: null } },
      [{ code: 'partner_suspended', until: null }],
    ],
    ['suspension ended', { ...eligible, suspension: { until: new Date('2026-05-01') } }, []],
    [
      'everything wrong',
      { approved: false, tutorialCompletedAt: null, suspension: { until: null } },
      [
        { code: 'partner_not_approved' },
        { code: 'tutorial_not_completed' },
        { code: 'partner_suspended', until: null },
      ],
    ],
  ])('%s', (_label, facts, expected) => {
    expect(ineligibilities(facts, now)).toEqual(expected)
  })

  it('ends a suspension exactly at its end time', () => {
    expect(isSuspended({ until: now }, now)).toBe(false)
    expect(isSuspended({ until: new Date(now.getTime() + 1) }, now)).toBe(true)
  })
})

import type { B24Frame } from '@bitrix24/b24jssdk'
import { describe, expect, it, vi } from 'vitest'
import { DEFAULT_RATING_TIERS } from '@shared/domain/rating'
import type { PartnerRating } from '@shared/schemas/rating'
import type * as frameModule from '../../../app-client/bitrix24/frame'
import { connectToPortal, portalUtcOffset, utcOffsetOf } from '../../../app-client/bitrix24/frame'
import RatingHistoryChart from '../../../app-client/partner/components/RatingHistoryChart.vue'
import { de } from '../../../app-client/partner/i18n/de'
import { en } from '../../../app-client/partner/i18n/en'
import { es } from '../../../app-client/partner/i18n/es'
import { usePortalStore } from '../../../app-client/partner/stores/portal'
import { mountWithApp } from '../support/mount-with-app'

vi.mock('../../../app-client/bitrix24/frame', async (original) => ({
  ...(await original<typeof frameModule>()),
  connectToPortal: vi.fn(),
  portalUtcOffset: vi.fn(),
  portalDomain: () => 'acme.bitrix24.de',
  portalLanguage: () => 'de',
  framePlacement: () => ({ code: 'DEFAULT', entityId: null }),
  isPortalAdmin: () => false,
}))

/** Four changes in one day, from 62.3 back to 62.3, then the score now. */
const history: PartnerRating['history'] = [
  { at: '2026-11-20T07:15:00.000Z', score: 62.3, tier: 'trusted' },
  { at: '2026-11-20T09:40:00.000Z', score: 58.1, tier: 'trusted' },
  { at: '2026-11-20T13:05:00.000Z', score: 49.95, tier: 'standard' },
  { at: '2026-11-20T22:30:00.000Z', score: 62.3, tier: 'trusted' },
  { at: '2026-11-21T10:00:00.000Z', score: 62.3, tier: 'trusted' },
]

async function inPortalAt(offsetMinutes: number) {
  vi.mocked(connectToPortal).mockResolvedValue({ kind: 'ready', frame: {} as B24Frame })
  vi.mocked(portalUtcOffset).mockResolvedValue(offsetMinutes)
  await usePortalStore().connect()
}

describe('the rating history', () => {
  it('When the score changed four times in a day, then each change is a point with its own time and score, in German', async () => {
    await inPortalAt(180)
    const { wrapper } = await mountWithApp(
      RatingHistoryChart,
      { messages: { en, de, es }, locale: 'de' },
      { props: { history, tiers: [...DEFAULT_RATING_TIERS] } },
    )
    const points = wrapper.findAll('[data-testid="history-point"]')
    expect(points).toHaveLength(5)
    // Points sit at their times: the change at 22:30 is far right of the one at 13:05, not one step along.
    const xs = points.map((point) => Number(point.attributes('cx')))
    expect(xs).toEqual([...xs].sort((a, b) => a - b))
    expect(xs[3]! - xs[2]!).toBeGreaterThan(2 * (xs[2]! - xs[1]!))
    // Times in the portal's zone (UTC+3): 07:15 UTC is 10:15 there; 22:30 UTC is already the next day.
    expect(points[0]!.find('title').text()).toBe('20.11.2026, 10:15: 62,3 (Vertrauenswürdig)')
    expect(points[2]!.find('title').text()).toContain('20.11.2026, 16:05: 50,0')
    expect(points[3]!.find('title').text()).toContain('21.11.2026, 01:30: 62,3')
    expect(wrapper.find('[data-testid="history-list"]').findAll('li')).toHaveLength(5)
    expect(wrapper.find('figcaption').text()).toContain('62,3')
    expect(wrapper.find('figcaption').text()).not.toContain('62.3')
  })

  it('When the same history is shown in Spanish, then the scores use a decimal comma too', async () => {
    await inPortalAt(-300)
    const { wrapper } = await mountWithApp(
      RatingHistoryChart,
      { messages: { en, de, es }, locale: 'es' },
      { props: { history, tiers: [...DEFAULT_RATING_TIERS] } },
    )
    const first = wrapper.findAll('[data-testid="history-point"]')[0]!.find('title').text()
    // UTC−5: 07:15 UTC is 02:15 in the portal.
    expect(first).toContain('2:15')
    expect(first).toContain('62,3')
  })
})

describe('utcOffsetOf', () => {
  it.each([
    ['2024-08-05T09:02:13+00:00', 0],
    ['2024-08-05T11:02:13+02:00', 120],
    ['2024-08-05T04:32:13-04:30', -270],
    ['2024-08-05T14:32:13+0530', 330],
    ['2024-08-05T09:02:13Z', 0],
    ['2024-08-05 09:02:13', null],
  ])('%s is %s minutes from UTC', (text, minutes) => {
    expect(utcOffsetOf(text)).toBe(minutes)
  })
})

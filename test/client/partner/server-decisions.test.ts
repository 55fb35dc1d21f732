import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../../app-client/common/api/api-error'
import { partnerApi } from '../../../app-client/partner/api/partner-client'
import CrmStatusBadge from '../../../app-client/partner/components/CrmStatusBadge.vue'
import RequestDetailModal from '../../../app-client/partner/components/RequestDetailModal.vue'
import { de } from '../../../app-client/partner/i18n/de'
import { en } from '../../../app-client/partner/i18n/en'
import { es } from '../../../app-client/partner/i18n/es'
import RequestsView from '../../../app-client/partner/views/RequestsView.vue'
import { mountWithApp } from '../support/mount-with-app'
import { feedItem, feedPage, profile, reservation } from './fixtures'

vi.mock('../../../app-client/partner/api/partner-client', () => ({
  partnerApi: { getProfile: vi.fn(), listFeed: vi.fn(), reserve: vi.fn(), getRating: vi.fn() },
  useSessionToken: vi.fn(),
  onSessionExpired: vi.fn(),
}))

const api = vi.mocked(partnerApi)
const messages = { en, de, es }

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset()
  api.getProfile.mockResolvedValue(profile())
  api.getRating.mockRejectedValue(new ApiError({ status: 503, code: 'service_unavailable', title: 'Unavailable' }))
})

afterEach(() => {
  vi.useRealTimers()
  document.body.innerHTML = ''
})

/** The dialog renders into the page's body. */
async function openDetail(item: ReturnType<typeof feedItem>) {
  await mountWithApp(RequestDetailModal, { messages }, { props: { item }, attachTo: document.body })
  await flushPromises()
  const text = document.body.textContent ?? ''
  const buttons = [...document.body.querySelectorAll('button')].map((button) => button.textContent?.trim())
  return { text, reserveButton: buttons.includes('Reserve'), denial: document.querySelector('[data-testid="denial"]') }
}

describe('the reserve button and its refusal come from the abilities the server sends', () => {
  it('When the server allows reserving, then the button is offered and nothing is refused', async () => {
    const detail = await openDetail(feedItem())
    expect(detail.reserveButton).toBe(true)
    expect(detail.denial).toBeNull()
  })

  it('When the server refuses, then the button is gone and the refusal says why in the code it gives', async () => {
    const detail = await openDetail(
      feedItem({ abilities: { reserve: false, reserveDeniedReason: 'reservation_quota_exceeded' } }),
    )
    expect(detail.reserveButton).toBe(false)
    expect(detail.denial?.textContent).toContain('You hold as many open reservations as allowed.')
  })

  it('When the request is mine already, then there is no button and no refusal', async () => {
    const detail = await openDetail(reservation().request)
    expect(detail.reserveButton).toBe(false)
    expect(detail.denial).toBeNull()
  })
})

describe('early access says when each lower tier sees a request, from the times the server sends', () => {
  it('When slower tiers still wait, then the card names each with its time left, and a request all tiers see says nothing', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-11-22T10:30:00.000Z'))
    api.listFeed.mockResolvedValue(
      feedPage([
        feedItem({
          earlyAccessUntil: '2026-11-22T12:00:00.000Z',
          laterTiers: [
            { tier: 'trusted', visibleAt: '2026-11-22T12:00:00.000Z' },
            { tier: 'standard', visibleAt: '2026-11-22T16:00:00.000Z' },
            { tier: 'limited', visibleAt: '2026-11-23T10:00:00.000Z' },
          ],
        }),
        feedItem({ id: '00000000-0000-4000-8000-000000000002', earlyAccessUntil: null, laterTiers: [] }),
      ]),
    )
    const routes = [{ path: '/', name: 'requests', component: RequestsView }]
    const { wrapper } = await mountWithApp(RequestsView, { messages, routes })
    await flushPromises()

    const countdowns = wrapper.findAll('[data-testid="early-access-countdown"]')
    expect(countdowns).toHaveLength(1)
    expect(countdowns[0]?.text()).toBe(
      'Early access: lower tiers see it later: Trusted in 1 h 30 min, Standard in 5 h 30 min, and Limited in 23 h 30 min.',
    )
  })
})

describe('after reserving, the dialog shows the contacts the reserve call answered with', () => {
  it('When the reservation succeeds, then the contacts are shown and the text no longer says they are hidden', async () => {
    api.reserve.mockResolvedValue(reservation({ crm: { ...reservation().crm, status: 'syncing' } }))
    const routes = [
      { path: '/', name: 'requests', component: { render: () => null } },
      { path: '/reservations', name: 'reservations', component: { render: () => null } },
    ]
    await mountWithApp(
      RequestDetailModal,
      { messages, routes },
      { props: { item: feedItem() }, attachTo: document.body },
    )
    await flushPromises()
    expect(document.body.textContent).toContain('Contact details in the text are hidden until you reserve.')
    const click = (label: string) =>
      [...document.body.querySelectorAll('button')].find((button) => button.textContent?.trim() === label)!.click()
    click('Reserve')
    await flushPromises()
    click('Reserve and create lead')
    await flushPromises()

    const contact = document.querySelector('[data-testid="contact"]')
    expect(contact?.textContent).toContain('jana@example.test')
    expect(contact?.textContent).toContain('+49301234567')
    expect(document.body.textContent).not.toContain('hidden until you reserve')
    expect(document.body.textContent).toContain('The lead is being created in your CRM')
  })
})

describe('the reservation badge shows the state the server sends', () => {
  it.each([
    ['rejected_spam', 'Request rejected as spam'],
    ['sync_failed', 'CRM sync failing'],
    ['returned', 'Returned'],
  ] as const)('When the state is %s, then the badge says "%s"', async (state, label) => {
    const { wrapper } = await mountWithApp(
      CrmStatusBadge,
      { messages },
      { props: { reservation: reservation({ state }) } },
    )
    expect(wrapper.get('[data-crm-status]').attributes('data-crm-status')).toBe(state)
    expect(wrapper.text()).toBe(label)
  })
})

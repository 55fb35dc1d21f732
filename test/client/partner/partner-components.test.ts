import { flushPromises } from '@vue/test-utils'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../../app-client/common/api/api-error'
import { partnerApi } from '../../../app-client/partner/api/partner-client'
import CrmStatusBadge from '../../../app-client/partner/components/CrmStatusBadge.vue'
import LoadError from '../../../app-client/partner/components/LoadError.vue'
import PartnerNav from '../../../app-client/partner/components/PartnerNav.vue'
import EligibilityNotice from '../../../app-client/partner/components/EligibilityNotice.vue'
import ReservationCard from '../../../app-client/partner/components/ReservationCard.vue'
import { de } from '../../../app-client/partner/i18n/de'
import { en } from '../../../app-client/partner/i18n/en'
import { es } from '../../../app-client/partner/i18n/es'
import { useProfileStore } from '../../../app-client/partner/stores/profile'
import { useRatingStore } from '../../../app-client/partner/stores/rating'
import LocationsView from '../../../app-client/partner/views/LocationsView.vue'
import RequestsView from '../../../app-client/partner/views/RequestsView.vue'
import { mountWithApp } from '../support/mount-with-app'
import { feedPage, feedItem, profile, rating, reservation } from './fixtures'

vi.mock('../../../app-client/partner/api/partner-client', () => ({
  partnerApi: {
    getProfile: vi.fn(),
    listFeed: vi.fn(),
    reserve: vi.fn(),
    getRating: vi.fn(),
    listReservations: vi.fn(),
    setLocations: vi.fn(),
  },
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

describe('EligibilityNotice', () => {
  it('When the partner is suspended until a date and not approved, then both reasons and what to do are shown', async () => {
    const store = useProfileStore()
    api.getProfile.mockResolvedValue(
      profile({
        eligibility: {
          eligible: false,
          reasons: [{ code: 'partner_not_approved' }, { code: 'partner_suspended', until: '2026-12-06T00:00:00.000Z' }],
        },
      }),
    )
    await store.load()

    const { wrapper } = await mountWithApp(EligibilityNotice, { messages })

    expect(wrapper.findAll('[data-reason]')).toHaveLength(2)
    expect(wrapper.text()).toContain('Your access to requests is suspended until December 6, 2026.')
    expect(wrapper.text()).toContain('Requests appear here again on December 6, 2026 by themselves.')
    expect(wrapper.text()).toContain('waiting for your partner manager’s approval')
  })

  it('When the portal speaks Spanish, then the reasons are in Spanish', async () => {
    api.getProfile.mockResolvedValue(
      profile({ eligibility: { eligible: false, reasons: [{ code: 'tutorial_not_completed' }] } }),
    )
    await useProfileStore().load()

    const { wrapper } = await mountWithApp(EligibilityNotice, { messages, locale: 'es' })

    expect(wrapper.text()).toContain('Su empresa no ha completado el Bitrix Partner Program Tutorial.')
  })

  it('When the partner is eligible, then nothing is shown', async () => {
    await useProfileStore().load()
    const { wrapper } = await mountWithApp(EligibilityNotice, { messages })
    expect(wrapper.find('[data-testid="eligibility"]').exists()).toBe(false)
  })
})

describe('CrmStatusBadge', () => {
  it.each([
    [reservation({ crm: { ...reservation().crm, status: 'syncing' } }), 'syncing', 'Syncing to CRM'],
    [reservation(), 'in_crm', 'In the CRM'],
    [reservation({ crm: { ...reservation().crm, outcome: 'won' } }), 'won', 'Won'],
    [reservation({ crm: { ...reservation().crm, outcome: 'lost' } }), 'lost', 'Lost'],
    [reservation({ status: 'released', releaseReason: 'expired' }), 'expired', 'Expired'],
    [reservation({ status: 'released', releaseReason: 'returned' }), 'returned', 'Returned'],
    [reservation({ status: 'released', releaseReason: 'partner' }), 'released', 'Released'],
  ])('When the reservation is %#, then the badge says %s', async (value, key, label) => {
    const { wrapper } = await mountWithApp(CrmStatusBadge, { messages }, { props: { reservation: value } })
    expect(wrapper.get('[data-crm-status]').attributes('data-crm-status')).toBe(key)
    expect(wrapper.text()).toBe(label)
  })
})

describe('ReservationCard', () => {
  it('When the first-contact deadline passed, then it warns when the reservation will be released', async () => {
    const overdue = reservation({
      firstContact: { dueAt: '2026-11-24T10:00:00.000Z', releaseAt: '2026-11-26T10:00:00.000Z', overdue: true },
    })
    const { wrapper } = await mountWithApp(ReservationCard, { messages }, { props: { reservation: overdue } })

    expect(wrapper.get('[data-first-contact]').attributes('data-first-contact')).toBe('overdue')
    expect(wrapper.text()).toContain('The first-contact deadline passed.')
  })

  it('When the lead is in the CRM, then its contacts show and the buttons open it, return it and release it', async () => {
    const { wrapper } = await mountWithApp(ReservationCard, { messages }, { props: { reservation: reservation() } })

    expect(wrapper.get('[data-testid="contact"]').text()).toContain('jana@example.test')
    await wrapper.get('[data-testid="open-crm"]').trigger('click')
    await wrapper.get('[data-testid="return"]').trigger('click')
    await wrapper.get('[data-testid="release"]').trigger('click')
    expect(wrapper.emitted('openCrm')).toEqual([['lead', '7']])
    expect(wrapper.emitted('returnLead')).toHaveLength(1)
    expect(wrapper.emitted('release')).toHaveLength(1)
  })

  it('When the lead became a deal, then the button opens the deal', async () => {
    const converted = reservation({ crm: { ...reservation().crm, dealId: '12' } })
    const { wrapper } = await mountWithApp(ReservationCard, { messages }, { props: { reservation: converted } })
    await wrapper.get('[data-testid="open-crm"]').trigger('click')
    expect(wrapper.emitted('openCrm')).toEqual([['deal', '12']])
  })
})

describe('what a reservation offers follows the abilities the server sends for its outcome', () => {
  it('When the lead is Won, then neither release nor return is offered, and the card says the reservation stays', async () => {
    const won = reservation({
      crm: { ...reservation().crm, outcome: 'won', outcomeAt: '2026-11-23T10:00:00.000Z' },
      abilities: { release: false, returnAsBadLead: false, returnUntil: null },
    })
    const { wrapper } = await mountWithApp(ReservationCard, { messages }, { props: { reservation: won } })
    expect(wrapper.find('[data-testid="release"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="return"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="state-note"]').text()).toContain('the client is yours')
    expect(wrapper.find('[data-testid="contact"]').exists()).toBe(true)
  })

  it('When the lead is Lost within the return window, then only the return is offered', async () => {
    const lost = reservation({
      crm: { ...reservation().crm, outcome: 'lost', outcomeAt: '2026-11-23T10:00:00.000Z' },
      abilities: { release: false, returnAsBadLead: true, returnUntil: '2026-11-28T10:00:00.000Z' },
    })
    const { wrapper } = await mountWithApp(ReservationCard, { messages }, { props: { reservation: lost } })
    expect(wrapper.find('[data-testid="release"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="return"]').exists()).toBe(true)
    expect(wrapper.get('[data-testid="state-note"]').text()).toContain('finished and counts in your rating')
  })
})

describe('LoadError offers a retry only when trying again can help', () => {
  it.each([
    [new ApiError({ status: 403, code: 'partner_not_approved', title: 'Forbidden' }), false],
    [new ApiError({ status: 0, code: 'network_error', title: 'Network' }), true],
    [new ApiError({ status: 503, code: 'service_unavailable', title: 'Unavailable' }), true],
  ])('When the error is %s, then a retry is offered: %s', async (error, retry) => {
    const { wrapper } = await mountWithApp(LoadError, { messages }, { props: { error } })
    expect(wrapper.find('button').exists()).toBe(retry)
  })
})

describe('RequestsView', () => {
  const routes = [
    { path: '/', name: 'requests', component: RequestsView },
    { path: '/reservations', name: 'reservations', component: { render: () => null } },
  ]

  it('When requests arrive, then each shows its place and how many of 5 places are taken', async () => {
    api.listFeed.mockResolvedValue(
      feedPage([feedItem(), feedItem({ id: '00000000-0000-4000-8000-000000000002', city: 'Wien', country: 'AT' })]),
    )
    const { wrapper } = await mountWithApp(RequestsView, { messages, routes })
    await flushPromises()

    const cards = wrapper.findAll('[data-testid="request-card"]')
    expect(cards).toHaveLength(2)
    expect(cards[0]?.text()).toContain('Berlin, Germany')
    expect(cards[0]?.get('[data-testid="taken"]').text()).toContain('2 of 5 taken')
    expect(cards[1]?.text()).toContain('Wien, Austria')
  })

  it('When there are none and none is coming, then the empty state says so', async () => {
    api.listFeed.mockResolvedValue(feedPage([]))
    const { wrapper } = await mountWithApp(RequestsView, { messages, routes })
    await flushPromises()
    expect(wrapper.get('[data-testid="empty"]').text()).toContain('No open requests in your locations right now.')
  })

  it('When none is visible yet but early access holds some back, then it says how many and when the next shows', async () => {
    api.listFeed.mockResolvedValue(feedPage([], { upcoming: { count: 3, nextVisibleAt: '2026-11-22T14:20:00.000Z' } }))
    const { wrapper } = await mountWithApp(RequestsView, { messages, routes })
    await flushPromises()
    const empty = wrapper.get('[data-testid="empty"]')
    expect(empty.attributes('data-empty')).toBe('upcoming')
    expect(empty.text()).toContain('3 requests in your locations become visible to you later; the next at Nov 22, 2026')
    expect(empty.text()).not.toContain('No open requests')
  })

  it('When filters hide every request, then the empty state names the filters', async () => {
    api.listFeed.mockResolvedValue(feedPage([]))
    const { wrapper } = await mountWithApp(RequestsView, { messages, routes })
    await flushPromises()
    await wrapper.get('select[name="type"]').setValue('training')
    await flushPromises()
    expect(wrapper.get('[data-testid="empty"]').text()).toContain('No open requests match these filters.')
  })

  it('When the feed is refused for eligibility, then only the eligibility notice explains it: no error box, no retry', async () => {
    api.getProfile.mockResolvedValue(
      profile({ eligibility: { eligible: false, reasons: [{ code: 'partner_suspended', until: null }] } }),
    )
    api.listFeed.mockRejectedValue(new ApiError({ status: 403, code: 'partner_suspended', title: 'Forbidden' }))
    const { wrapper } = await mountWithApp(RequestsView, { messages, routes, locale: 'de' })
    await flushPromises()
    expect(wrapper.find('[data-testid="load-error"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="empty"]').exists()).toBe(false)
    expect(wrapper.text()).not.toContain('Erneut versuchen')
  })

  it('When the feed fails for a passing reason, then the translated reason and a retry are shown (German)', async () => {
    api.listFeed
      .mockRejectedValueOnce(new ApiError({ status: 503, code: 'service_unavailable', title: 'Unavailable' }))
      .mockResolvedValueOnce(feedPage([feedItem()]))
    const { wrapper } = await mountWithApp(RequestsView, { messages, routes, locale: 'de' })
    await flushPromises()

    const error = wrapper.get('[data-testid="load-error"]')
    await error.get('button').trigger('click')
    await flushPromises()
    expect(wrapper.findAll('[data-testid="request-card"]')).toHaveLength(1)
  })

  it('When loading, then a loading state is shown', async () => {
    api.listFeed.mockReturnValue(new Promise(() => {}))
    const { wrapper } = await mountWithApp(RequestsView, { messages, routes })
    await flushPromises()
    expect(wrapper.find('[data-testid="loading"]').exists()).toBe(true)
  })
})

describe('refusal messages with the dates the server gives', () => {
  const problem = (code: string, extensions: Record<string, unknown>) =>
    ApiError.fromProblem({ type: 'about:blank', title: 'Forbidden', status: 403, code, ...extensions })

  it.each([
    [problem('partner_suspended', { until: '2026-12-06T09:00:00.000Z' }), 'suspended until Dec 6, 2026'],
    [
      problem('reservation_quota_exceeded', { quota: 'monthly', resetsAt: '2026-12-01T09:00:00.000Z' }),
      'allows in 30 days; the next one frees on Dec 1, 2026',
    ],
    [problem('reservation_quota_exceeded', { quota: 'open', resetsAt: null }), 'You hold as many open reservations'],
    [problem('early_access_pending', { visibleAt: '2026-11-22T16:00:00.000Z' }), 'opens to your tier on Nov 22, 2026'],
    [problem('country_restricted', { countries: ['IR', 'KP'] }), 'does not operate in Iran and North Korea'],
  ])('When the refusal is %#, then the message says it with its date', async (error, text) => {
    const { wrapper } = await mountWithApp(LoadError, { messages }, { props: { error } })
    expect(wrapper.text()).toContain(text)
  })
})

describe('LocationsView', () => {
  const withLocations = (locations: Partial<ReturnType<typeof profile>['locations']>, restrictedCountries: string[]) =>
    profile({
      locations: { registered: 'DE', additional: ['AT', 'IR'], maxAdditional: 3, locked: false, ...locations },
      restrictedCountries,
    })

  it('When a held location became restricted, then it is marked and explained, and restricted countries are not offered', async () => {
    api.getProfile.mockResolvedValue(withLocations({}, ['IR', 'KP']))
    await useProfileStore().load()
    const { wrapper } = await mountWithApp(LocationsView, { messages })
    await flushPromises()

    expect(wrapper.get('[data-testid="registered"]').text()).toBe('Germany')
    expect(wrapper.findAll('[data-testid="restricted-badge"]')).toHaveLength(1)
    expect(wrapper.text()).toContain('The Partner Program no longer operates in Iran: it brings no requests.')
    expect(wrapper.get('[data-testid="restricted-list"]').text()).toContain('Iran, North Korea')
    const offered = wrapper.findAll('select option').map((option) => option.attributes('value'))
    expect(offered).toContain('FR')
    expect(offered).not.toContain('KP')
    expect(offered).not.toContain('DE')
  })

  it('When a manager locked the locations, then they are explained and cannot be changed', async () => {
    api.getProfile.mockResolvedValue(withLocations({ additional: ['AT'], locked: true }, []))
    await useProfileStore().load()
    const { wrapper } = await mountWithApp(LocationsView, { messages })
    await flushPromises()

    expect(wrapper.find('[data-testid="locked"]').exists()).toBe(true)
    expect(wrapper.find('select').exists()).toBe(false)
    expect(wrapper.find('[data-testid="restricted-list"]').exists()).toBe(false)
  })

  it('When saving is refused for a restricted country, then the message names it', async () => {
    api.getProfile.mockResolvedValue(withLocations({ additional: [] }, []))
    api.setLocations.mockRejectedValue(
      ApiError.fromProblem({
        type: 'about:blank',
        title: 'x',
        status: 422,
        code: 'country_restricted',
        countries: ['RU'],
      }),
    )
    await useProfileStore().load()
    const { wrapper } = await mountWithApp(LocationsView, { messages, locale: 'de' })
    await flushPromises()

    await wrapper.get('select').setValue('RU')
    await wrapper.get('form').trigger('submit')
    const save = wrapper.findAll('button').find((button) => button.text() === 'Standorte speichern')
    await save!.trigger('click')
    await flushPromises()
    expect(wrapper.get('[role="alert"]').text()).toContain('In Russland ist das Partnerprogramm nicht tätig.')
  })
})

const navRoutes = ['home', 'requests', 'reservations', 'rating', 'locations'].map((name) => ({
  path: name === 'home' ? '/' : `/${name}`,
  name,
  component: { render: () => null },
}))

describe('PartnerNav', () => {
  it('When the partner is kept from requests, then the header says no new reservations instead of a count', async () => {
    api.getProfile.mockResolvedValue(
      profile({ eligibility: { eligible: false, reasons: [{ code: 'partner_suspended' }] } }),
    )
    api.getRating.mockResolvedValue(rating({ open: 2 }))
    await useProfileStore().load()
    await useRatingStore().load()

    const { wrapper } = await mountWithApp(PartnerNav, { messages, routes: navRoutes })

    expect(wrapper.get('[data-testid="quota"]').text()).toContain('No new reservations now')
    expect(wrapper.get('[data-testid="quota"]').text()).not.toContain('reservations left')
  })

  it('When the partner may reserve, then the header counts the open reservations left from the rating', async () => {
    api.getRating.mockResolvedValue(rating({ open: 2 }))
    await useProfileStore().load()
    await useRatingStore().load()

    const { wrapper } = await mountWithApp(PartnerNav, { messages, routes: navRoutes })

    expect(wrapper.get('[data-testid="quota"]').text()).toMatch(/\d+ of \d+ reservations left/)
  })
})

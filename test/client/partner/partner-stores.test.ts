import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../../../app-client/common/api/api-error'
import { partnerApi, useSessionToken } from '../../../app-client/partner/api/partner-client'
import { useFeedStore } from '../../../app-client/partner/stores/feed'
import { useRatingStore } from '../../../app-client/partner/stores/rating'
import { useReservationsStore } from '../../../app-client/partner/stores/reservations'
import { useSessionStore } from '../../../app-client/partner/stores/session'
import { usePortalStore } from '../../../app-client/partner/stores/portal'
import { feedPage, feedItem, profile, rating, reservation, session } from './fixtures'

vi.mock('../../../app-client/partner/api/partner-client', () => ({
  partnerApi: {
    createSession: vi.fn(),
    linkPortal: vi.fn(),
    getProfile: vi.fn(),
    setLocations: vi.fn(),
    listFeed: vi.fn(),
    reserve: vi.fn(),
    release: vi.fn(),
    returnAsBadLead: vi.fn(),
    getRating: vi.fn(),
    listReservations: vi.fn(),
  },
  useSessionToken: vi.fn(),
  onSessionExpired: vi.fn(),
}))

const api = vi.mocked(partnerApi)

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset()
  vi.mocked(useSessionToken).mockReset()
  api.getProfile.mockResolvedValue(profile())
  api.getRating.mockResolvedValue(rating())
})

describe('session store', () => {
  it('When started, then it exchanges the frame credentials for a session and uses its token', async () => {
    const portal = usePortalStore()
    vi.spyOn(portal, 'credentials').mockResolvedValue({ domain: 'acme', memberId: 'm1', accessToken: 'frame-token' })
    api.createSession.mockResolvedValue(session(false))
    const store = useSessionStore()

    await store.start()

    expect(api.createSession).toHaveBeenCalledWith({ domain: 'acme', memberId: 'm1', accessToken: 'frame-token' })
    expect(store.state).toBe('ready')
    expect(store.linked).toBe(false)
    expect(useSessionToken).toHaveBeenCalledWith('portal-token')
  })

  it('When the portal refuses the token, then the state is failed with the error, and a retry can succeed', async () => {
    const portal = usePortalStore()
    vi.spyOn(portal, 'credentials').mockResolvedValue({ domain: 'acme', memberId: 'm1', accessToken: 't' })
    const refusal = new ApiError({ status: 401, code: 'invalid_portal_token', title: 'Unauthorized' })
    api.createSession.mockRejectedValueOnce(refusal).mockResolvedValueOnce(session(true))
    const store = useSessionStore()

    await store.start()
    expect(store.state).toBe('failed')
    expect(store.error).toBe(refusal)

    await store.start()
    expect(store.state).toBe('ready')
    expect(store.linked).toBe(true)
  })

  it('When a code links the portal, then the new session bound to the partner replaces the old one', async () => {
    api.linkPortal.mockResolvedValue(session(true))
    const store = useSessionStore()

    await store.link('  ZJPN-K2QV-9ECD ')

    expect(api.linkPortal).toHaveBeenCalledWith('ZJPN-K2QV-9ECD')
    expect(store.linked).toBe(true)
    expect(useSessionToken).toHaveBeenLastCalledWith('linked-token')
  })
})

describe('feed store', () => {
  it('When filters change, then the first page is loaded again with them', async () => {
    api.listFeed.mockResolvedValue(feedPage([feedItem()], { nextCursor: 'c2' }))
    const feed = useFeedStore()

    await feed.setFilters({ type: 'training', country: 'AT' })

    expect(api.listFeed).toHaveBeenLastCalledWith({ type: 'training', country: 'AT' })
    expect(feed.items).toHaveLength(1)
    expect(feed.nextCursor).toBe('c2')
  })

  it('When more is loaded, then the next page is appended with the same filters', async () => {
    api.listFeed
      .mockResolvedValueOnce(feedPage([feedItem()], { nextCursor: 'c2' }))
      .mockResolvedValueOnce(feedPage([feedItem({ id: '00000000-0000-4000-8000-000000000002' })]))
    const feed = useFeedStore()
    await feed.setFilters({ country: 'DE' })

    await feed.loadMore()

    expect(api.listFeed).toHaveBeenLastCalledWith({ type: undefined, country: 'DE', cursor: 'c2' })
    expect(feed.items).toHaveLength(2)
    expect(feed.nextCursor).toBeNull()
  })

  it('When the feed is refused, then the error is kept for the screen and the items stay empty', async () => {
    api.listFeed.mockRejectedValue(new ApiError({ status: 403, code: 'partner_suspended', title: 'Forbidden' }))
    const feed = useFeedStore()

    await feed.load()

    expect(feed.items).toEqual([])
    expect((feed.error as ApiError).code).toBe('partner_suspended')
  })

  it('When a request is reserved, then it shows as mine with the new count, assigned to the chosen user', async () => {
    api.listFeed.mockResolvedValue(feedPage([feedItem()]))
    api.reserve.mockResolvedValue(reservation())
    const feed = useFeedStore()
    await feed.load()

    await feed.reserve(feedItem().id, '2')

    expect(api.reserve).toHaveBeenCalledWith(feedItem().id, '2')
    expect(feed.items[0]).toMatchObject({ heldByMe: true, reservations: { taken: 3, limit: 5 } })
    // The counters come again from their one source, the rating.
    expect(api.getRating).toHaveBeenCalled()
  })

  it('When the request is fully reserved meanwhile, then the refusal reaches the caller and nothing changes', async () => {
    api.listFeed.mockResolvedValue(feedPage([feedItem()]))
    api.reserve.mockRejectedValue(new ApiError({ status: 409, code: 'request_fully_reserved', title: 'Conflict' }))
    const feed = useFeedStore()
    await feed.load()

    await expect(feed.reserve(feedItem().id)).rejects.toMatchObject({ code: 'request_fully_reserved' })
    expect(feed.items[0]?.heldByMe).toBe(false)
  })
})

describe('profile and reservations stores', () => {
  it('When the rating loads, then the reservations left are its open limit minus the open ones', async () => {
    api.getRating.mockResolvedValue(rating({ open: 1 }))
    const store = useRatingStore()
    await store.load()
    expect(store.openLeft).toEqual({ left: 4, limit: 5 })
  })

  it('When a reservation is released, then the released one replaces it without contacts', async () => {
    api.listReservations.mockResolvedValue({ items: [reservation()], nextCursor: null })
    api.release.mockResolvedValue(reservation({ status: 'released', contact: null, releaseReason: 'partner' }))
    const store = useReservationsStore()
    await store.load()

    await store.release(reservation().request.id)

    expect(store.items[0]).toMatchObject({ status: 'released', contact: null })
  })

  it('When the CRM tab asks for a lead, then the reservations are searched page by page', async () => {
    api.listReservations.mockResolvedValueOnce({ items: [reservation()], nextCursor: 'p2' }).mockResolvedValueOnce({
      items: [reservation({ id: '00000000-0000-4000-8000-0000000000a2', crm: { ...reservation().crm, leadId: '42' } })],
      nextCursor: null,
    })
    const store = useReservationsStore()

    const found = await store.findByCrmRecord('lead', '42')

    expect(found?.id).toBe('00000000-0000-4000-8000-0000000000a2')
    expect(api.listReservations).toHaveBeenLastCalledWith('p2')

    api.listReservations.mockResolvedValueOnce({ items: [reservation()], nextCursor: null })
    expect(await store.findByCrmRecord('deal', '42')).toBeNull()
  })
})

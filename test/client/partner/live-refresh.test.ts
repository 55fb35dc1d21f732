import { effectScope, nextTick, ref } from 'vue'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { partnerApi } from '../../../app-client/partner/api/partner-client'
import { LIVE_REFRESH_MS, useLiveRefresh } from '../../../app-client/partner/composables/useLiveRefresh'
import { useFeedStore } from '../../../app-client/partner/stores/feed'
import { useLiveStore } from '../../../app-client/partner/stores/live'
import { useProfileStore } from '../../../app-client/partner/stores/profile'
import { useRatingStore } from '../../../app-client/partner/stores/rating'
import { useReservationsStore } from '../../../app-client/partner/stores/reservations'
import { feedItem, feedPage, profile, rating, reservation } from './fixtures'

vi.mock('../../../app-client/partner/api/partner-client', () => ({
  partnerApi: { getRating: vi.fn(), listFeed: vi.fn(), listReservations: vi.fn(), getProfile: vi.fn() },
  useSessionToken: vi.fn(),
  onSessionExpired: vi.fn(),
}))
const api = vi.mocked(partnerApi)

let visibility: DocumentVisibilityState = 'visible'
function setVisibility(next: DocumentVisibilityState): void {
  visibility = next
  document.dispatchEvent(new Event('visibilitychange'))
}

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset()
  api.getProfile.mockResolvedValue(profile())
  visibility = 'visible'
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility })
})
afterEach(() => vi.useRealTimers())

describe('useLiveRefresh', () => {
  function start(enabled = ref(true)) {
    const refresh = vi.fn().mockResolvedValue(undefined)
    const scope = effectScope()
    scope.run(() => useLiveRefresh(refresh, { enabled }))
    return { refresh, stop: () => scope.stop() }
  }

  it('When the page is visible, then it refreshes every interval without any action', async () => {
    vi.useFakeTimers()
    const { refresh, stop } = start()
    await vi.advanceTimersByTimeAsync(LIVE_REFRESH_MS * 3)
    expect(refresh).toHaveBeenCalledTimes(3)
    stop()
  })

  it('When the page is hidden, then it stops; when it shows again, then it refreshes at once and goes on', async () => {
    vi.useFakeTimers()
    const { refresh, stop } = start()
    await vi.advanceTimersByTimeAsync(LIVE_REFRESH_MS)
    expect(refresh).toHaveBeenCalledTimes(1)
    setVisibility('hidden')
    await nextTick()
    await vi.advanceTimersByTimeAsync(LIVE_REFRESH_MS * 10)
    expect(refresh).toHaveBeenCalledTimes(1)
    setVisibility('visible')
    await nextTick()
    await vi.advanceTimersByTimeAsync(0)
    expect(refresh).toHaveBeenCalledTimes(2)
    await vi.advanceTimersByTimeAsync(LIVE_REFRESH_MS)
    expect(refresh).toHaveBeenCalledTimes(3)
    stop()
  })

  it('When it is not enabled (no linked session) or the scope ended, then it never refreshes', async () => {
    vi.useFakeTimers()
    const disabled = start(ref(false))
    await vi.advanceTimersByTimeAsync(LIVE_REFRESH_MS * 4)
    expect(disabled.refresh).not.toHaveBeenCalled()
    disabled.stop()
    const stopped = start()
    stopped.stop()
    await vi.advanceTimersByTimeAsync(LIVE_REFRESH_MS * 4)
    expect(stopped.refresh).not.toHaveBeenCalled()
  })

  it('When a refresh is slow or fails, then it is not asked twice at once and the next interval tries again', async () => {
    vi.useFakeTimers()
    let finish: () => void = () => undefined
    const refresh = vi
      .fn()
      .mockImplementationOnce(() => new Promise<void>((resolve) => (finish = resolve)))
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValue(undefined)
    const scope = effectScope()
    scope.run(() => useLiveRefresh(refresh, { enabled: ref(true) }))
    await vi.advanceTimersByTimeAsync(LIVE_REFRESH_MS * 3)
    expect(refresh).toHaveBeenCalledTimes(1)
    finish()
    await vi.advanceTimersByTimeAsync(LIVE_REFRESH_MS * 2)
    expect(refresh).toHaveBeenCalledTimes(3)
    scope.stop()
  })
})

describe('live store: the counters and the lists from one refresh', () => {
  it('When a lead was Lost, then the header counter, the rating counts and the badge change in the same update', async () => {
    const ratingStore = useRatingStore()
    const reservations = useReservationsStore()
    api.getRating.mockResolvedValueOnce(rating({ open: 1 }))
    api.listReservations.mockResolvedValueOnce({ items: [reservation()], nextCursor: null })
    await Promise.all([ratingStore.load(), reservations.load()])
    expect(ratingStore.openLeft).toEqual({ left: 4, limit: 5 })

    // The list answers later than the rating: nothing shows until both are there.
    let answerList: () => void = () => undefined
    api.getRating.mockResolvedValueOnce(rating({ open: 0, lost: 1 }))
    api.listReservations.mockImplementationOnce(
      () =>
        new Promise((resolve) => {
          answerList = () =>
            resolve({
              items: [
                reservation({
                  state: 'lost',
                  abilities: { release: false, returnAsBadLead: false, returnUntil: null },
                }),
              ],
              nextCursor: null,
            })
        }),
    )
    const refreshed = useLiveStore().refresh(['reservations'])
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(ratingStore.rating?.counts).toMatchObject({ open: 1, lost: 0 })
    expect(ratingStore.openLeft).toEqual({ left: 4, limit: 5 })
    answerList()
    await refreshed

    expect(reservations.items[0]?.state).toBe('lost')
    expect(ratingStore.rating?.counts).toMatchObject({ open: 0, lost: 1 })
    // The header reads the same answer as the rating: one more reservation left.
    expect(ratingStore.openLeft).toEqual({ left: 5, limit: 5 })
  })

  it('When a refresh fails, then what the screen shows stays as it was', async () => {
    const ratingStore = useRatingStore()
    api.getRating.mockResolvedValueOnce(rating({ open: 2 }))
    await ratingStore.load()
    api.getRating.mockRejectedValueOnce(new Error('offline'))
    await expect(useLiveStore().refresh([])).rejects.toThrow('offline')
    expect(ratingStore.rating?.counts.open).toBe(2)
    expect(ratingStore.error).toBeNull()
  })

  it('When the feed was scrolled to a second page, then a refresh fetches as many again, with the same filters', async () => {
    const feed = useFeedStore()
    const second = feedItem({ id: '00000000-0000-4000-8000-0000000000c2' })
    api.listFeed
      .mockResolvedValueOnce(feedPage([feedItem()], { nextCursor: 'p2' }))
      .mockResolvedValueOnce(feedPage([second]))
    await feed.setFilters({ country: 'AT' })
    await feed.loadMore()
    expect(feed.items).toHaveLength(2)

    api.getRating.mockResolvedValue(rating())
    api.listFeed
      .mockResolvedValueOnce(
        feedPage([feedItem({ reservations: { taken: 5, limit: 5 } })], {
          nextCursor: 'p2',
          upcoming: { count: 2, nextVisibleAt: '2026-12-03T14:20:00.000Z' },
        }),
      )
      .mockResolvedValueOnce(feedPage([second]))
    await useLiveStore().refresh(['feed'])

    expect(feed.items).toHaveLength(2)
    expect(feed.items[0]?.reservations.taken).toBe(5)
    // What early access holds back is refreshed with the list.
    expect(feed.upcoming).toEqual({ count: 2, nextVisibleAt: '2026-12-03T14:20:00.000Z' })
    expect(api.listFeed).toHaveBeenLastCalledWith({ country: 'AT', type: undefined, cursor: 'p2' })
  })

  it('When a manager suspends the partner meanwhile, then the refresh shows it; an unchanged profile stays the same object', async () => {
    const profileStore = useProfileStore()
    api.getRating.mockResolvedValue(rating())
    await profileStore.load()
    const before = profileStore.profile
    await useLiveStore().refresh([])
    expect(profileStore.profile).toBe(before)

    const suspension = { since: '2026-11-20T08:00:00.000Z', until: null, reason: 'Complaints' }
    api.getProfile.mockResolvedValue(
      profile({
        suspension,
        eligibility: { eligible: false, reasons: [{ code: 'partner_suspended', until: null }] },
      }),
    )
    await useLiveStore().refresh([])
    expect(profileStore.profile?.eligibility.eligible).toBe(false)
  })
})

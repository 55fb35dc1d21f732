import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { FeedItem, FeedPage } from '@shared/schemas/feed.schema'
import type { Reservation } from '@shared/schemas/reservation.schema'
import type { RequestType } from '@shared/domain/request-types'
import { partnerApi } from '../api/partner-client'
import { useLoadState } from './load-state'
import { pullPages } from './pull-pages'
import { useRatingStore } from './rating'

export interface FeedFilterValues {
  type: RequestType | null
  country: string | null
}

/** The feed of open requests in my locations, its filters, and reserving from it. */
export const useFeedStore = defineStore('feed', () => {
  const items = shallowRef<FeedItem[]>([])
  const nextCursor = ref<string | null>(null)
  /** Requests in my locations that early access still hides from my tier: how many, and when the next shows. */
  const upcoming = shallowRef<FeedPage['upcoming']>({ count: 0, nextVisibleAt: null })
  const filters = ref<FeedFilterValues>({ type: null, country: null })
  const { loading, loaded, error, track } = useLoadState()
  const rating = useRatingStore()

  const query = () => ({ type: filters.value.type ?? undefined, country: filters.value.country ?? undefined })

  /** Loads the first page for the current filters. */
  function load(): Promise<void> {
    return track(async () => {
      const page = await partnerApi.listFeed(query())
      items.value = page.items
      nextCursor.value = page.nextCursor
      upcoming.value = page.upcoming
    })
  }

  function loadMore(): Promise<void> {
    const cursor = nextCursor.value
    if (!cursor) return Promise.resolve()
    return track(async () => {
      const page = await partnerApi.listFeed({ ...query(), cursor })
      items.value = [...items.value, ...page.items]
      nextCursor.value = page.nextCursor
      upcoming.value = page.upcoming
    })
  }

  /**
   * Fetches again the pages the screen shows, for a background refresh: requests reserved by others, filled or
   * new. The returned function shows them; it keeps the list as it is if the filters changed meanwhile.
   */
  async function pull(): Promise<() => void> {
    const asked = query()
    let firstUpcoming: FeedPage['upcoming'] | undefined
    const pages = await pullPages(async (cursor) => {
      const page = await partnerApi.listFeed({ ...asked, cursor })
      // What early access still holds back is counted over the whole feed, so the first page says it.
      firstUpcoming ??= page.upcoming
      return page
    }, items.value.length)
    return () => {
      if (asked.type !== query().type || asked.country !== query().country) return
      items.value = pages.items
      nextCursor.value = pages.nextCursor
      if (firstUpcoming) upcoming.value = firstUpcoming
      loaded.value = true
      error.value = null
    }
  }

  function setFilters(next: Partial<FeedFilterValues>): Promise<void> {
    filters.value = { ...filters.value, ...next }
    return load()
  }

  /**
   * Reserves a request, the lead assigned to `assignTo` (the current user when omitted).
   * @throws ApiError with the refusal code (fully reserved, quota, suspended…) for the dialog to explain.
   */
  async function reserve(requestId: string, assignTo?: string): Promise<Reservation> {
    const reservation = await partnerApi.reserve(requestId, assignTo)
    // The answer carries the request as the feed shows it now: held by me, with the server's abilities.
    items.value = items.value.map((item) => (item.id === requestId ? reservation.request : item))
    // The reservations left changed; the rating is the one place that counts them.
    void rating.load()
    return reservation
  }

  return { items, nextCursor, upcoming, filters, loading, loaded, error, load, loadMore, pull, setFilters, reserve }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useFeedStore, import.meta.hot))

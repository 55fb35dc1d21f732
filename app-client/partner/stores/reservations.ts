import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { Reservation } from '@shared/schemas/reservation.schema'
import type { ReturnReservationBody } from '@shared/schemas/rating'
import { partnerApi } from '../api/partner-client'
import { useLoadState } from './load-state'
import { pullPages } from './pull-pages'
import { useRatingStore } from './rating'

/** My reservations with their contacts and where their leads stand in the CRM. */
export const useReservationsStore = defineStore('reservations', () => {
  const items = shallowRef<Reservation[]>([])
  const nextCursor = ref<string | null>(null)
  const { loading, loaded, error, track } = useLoadState()
  const rating = useRatingStore()

  function load(): Promise<void> {
    return track(async () => {
      const page = await partnerApi.listReservations()
      items.value = page.items
      nextCursor.value = page.nextCursor
    })
  }

  function loadMore(): Promise<void> {
    const cursor = nextCursor.value
    if (!cursor) return Promise.resolve()
    return track(async () => {
      const page = await partnerApi.listReservations(cursor)
      items.value = [...items.value, ...page.items]
      nextCursor.value = page.nextCursor
    })
  }

  /**
   * Fetches again the pages the screen shows, for a background refresh: where each lead stands in the CRM now.
   * The returned function shows them.
   */
  async function pull(): Promise<() => void> {
    const pages = await pullPages((cursor) => partnerApi.listReservations(cursor), items.value.length)
    return () => {
      items.value = pages.items
      nextCursor.value = pages.nextCursor
      loaded.value = true
      error.value = null
    }
  }

  /** Releases a reservation: the slot frees for another partner and the contacts disappear. */
  async function release(requestId: string): Promise<void> {
    const released = await partnerApi.release(requestId)
    items.value = items.value.map((item) => (item.id === released.id ? released : item))
    void rating.load()
  }

  /** Returns a reservation as a bad lead; the list is reloaded, since the reservation ends and shows the return. */
  async function returnAsBadLead(requestId: string, body: ReturnReservationBody): Promise<void> {
    await partnerApi.returnAsBadLead(requestId, body)
    await load()
    void rating.load()
  }

  /**
   * The reservation whose lead or deal is `entityId` in this portal's CRM (the CRM detail tabs), searching
   * page by page.
   */
  async function findByCrmRecord(kind: 'lead' | 'deal', entityId: string): Promise<Reservation | null> {
    let cursor: string | undefined
    do {
      const page = await partnerApi.listReservations(cursor)
      const match = page.items.find((item) => (kind === 'lead' ? item.crm.leadId : item.crm.dealId) === entityId)
      if (match) return match
      cursor = page.nextCursor ?? undefined
    } while (cursor)
    return null
  }

  return {
    items,
    nextCursor,
    loading,
    loaded,
    error,
    load,
    loadMore,
    pull,
    release,
    returnAsBadLead,
    findByCrmRecord,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useReservationsStore, import.meta.hot))

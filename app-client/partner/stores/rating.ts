import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import type { PartnerRating } from '@shared/schemas/rating'
import { partnerApi } from '../api/partner-client'
import { useLoadState } from './load-state'

/**
 * My rating: score, tier and what it unlocks, counts, adjustments, the next tier and the history. It is the one
 * source of every counter the app shows (the header's reservations left, the rating's counts and limits): the
 * server reads them in one statement, so they always add up, and no other store counts.
 */
export const useRatingStore = defineStore('rating', () => {
  const rating = shallowRef<PartnerRating | null>(null)
  const { loading, loaded, error, track } = useLoadState()

  function load(): Promise<void> {
    return track(async () => {
      rating.value = await partnerApi.getRating()
    })
  }

  /** Fetches the rating for a background refresh; the returned function shows it (see stores/live.ts). */
  async function pull(): Promise<() => void> {
    const next = await partnerApi.getRating()
    return () => {
      rating.value = next
      loaded.value = true
      error.value = null
    }
  }

  /** Open reservations I may still make: what the header shows. */
  const openLeft = computed(() => {
    const open = rating.value?.limits.open
    return open ? { left: Math.max(0, open.limit - open.used), limit: open.limit } : null
  })

  return { rating, loading, loaded, error, openLeft, load, pull }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useRatingStore, import.meta.hot))

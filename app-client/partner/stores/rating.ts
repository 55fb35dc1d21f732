import { acceptHMRUpdate, defineStore } from 'pinia'
import { shallowRef } from 'vue'
import type { PartnerRating } from '@shared/schemas/rating'
import { partnerApi } from '../api/partner-client'
import { useLoadState } from './load-state'

/** My rating: score, tier and what it unlocks, counts, adjustments, the next tier and the history. */
export const useRatingStore = defineStore('rating', () => {
  const rating = shallowRef<PartnerRating | null>(null)
  const { loading, loaded, error, track } = useLoadState()

  function load(): Promise<void> {
    return track(async () => {
      rating.value = await partnerApi.getRating()
    })
  }

  return { rating, loading, loaded, error, load }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useRatingStore, import.meta.hot))

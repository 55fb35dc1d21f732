import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, shallowRef } from 'vue'
import type { PartnerProfile } from '@shared/schemas/partner.schema'
import { partnerApi } from '../api/partner-client'
import { useLoadState } from './load-state'

/** The partner's own profile: eligibility with every failing condition, locations and the reservation quota. */
export const useProfileStore = defineStore('profile', () => {
  const profile = shallowRef<PartnerProfile | null>(null)
  const { loading, loaded, error, track } = useLoadState()

  function load(): Promise<void> {
    return track(async () => {
      profile.value = await partnerApi.getProfile()
    })
  }

  /** Saves the additional locations; refusals (locked, restricted, too many) are thrown for the form to show. */
  async function saveLocations(additional: string[]): Promise<void> {
    profile.value = await partnerApi.setLocations(additional)
  }

  const quotaLeft = computed(() =>
    profile.value ? Math.max(0, profile.value.reservationQuota.limit - profile.value.reservationQuota.used) : null,
  )

  return { profile, loading, loaded, error, quotaLeft, load, saveLocations }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useProfileStore, import.meta.hot))

import { acceptHMRUpdate, defineStore } from 'pinia'
import { shallowRef } from 'vue'
import type { PartnerProfile } from '@shared/schemas/partner.schema'
import { partnerApi } from '../api/partner-client'
import { useLoadState } from './load-state'

/**
 * The partner's own profile: eligibility with every failing condition and locations. Its reservation quota is not
 * shown: the counters come from the rating store alone, so that no two screens count differently.
 */
export const useProfileStore = defineStore('profile', () => {
  const profile = shallowRef<PartnerProfile | null>(null)
  const { loading, loaded, error, track } = useLoadState()

  function load(): Promise<void> {
    return track(async () => {
      profile.value = await partnerApi.getProfile()
    })
  }

  /**
   * Fetches the profile for a background refresh (a manager approved, suspended or moved the partner meanwhile);
   * the returned function shows it. An unchanged profile keeps its object, so a form built from it (the locations
   * being edited) is not reset by a refresh that changed nothing.
   */
  async function pull(): Promise<() => void> {
    const next = await partnerApi.getProfile()
    return () => {
      if (JSON.stringify(next) !== JSON.stringify(profile.value)) profile.value = next
      loaded.value = true
      error.value = null
    }
  }

  /** Saves the additional locations; refusals (locked, restricted, too many) are thrown for the form to show. */
  async function saveLocations(additional: string[]): Promise<void> {
    profile.value = await partnerApi.setLocations(additional)
  }

  return { profile, loading, loaded, error, load, pull, saveLocations }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useProfileStore, import.meta.hot))

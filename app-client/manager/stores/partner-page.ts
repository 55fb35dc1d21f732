import { acceptHMRUpdate, defineStore } from 'pinia'
import { ref, shallowRef } from 'vue'
import type { z } from 'zod'
import type { PartnerOverviewSchema } from '@shared/schemas/partner-overview.schema'
import type { UpdatePartnerBodySchema } from '@shared/schemas/partner.schema'
import { managerApi } from '../api/manager-api'

export type PartnerOverview = z.infer<typeof PartnerOverviewSchema>

/** One partner's page and every action on it; each action reloads the page so it shows what the server holds. */
export const usePartnerPageStore = defineStore('console-partner', () => {
  const overview = shallowRef<PartnerOverview | null>(null)
  const error = shallowRef<unknown>(null)
  const isLoading = ref(false)
  let currentId: string | null = null

  async function load(id: string): Promise<void> {
    if (currentId !== id) overview.value = null
    currentId = id
    isLoading.value = true
    try {
      const answer = await managerApi.getPartnerOverview({ params: { id } })
      if (currentId !== id) return
      overview.value = answer
      error.value = null
    } catch (cause) {
      if (currentId === id) error.value = cause
    } finally {
      isLoading.value = false
    }
  }

  async function thenReload<T>(work: Promise<T>): Promise<T> {
    const result = await work
    if (currentId) await load(currentId)
    return result
  }

  const update = (id: string, body: z.input<typeof UpdatePartnerBodySchema>) =>
    thenReload(managerApi.updatePartner({ params: { id }, body }))
  const setLocations = (id: string, additional: string[], locked: boolean) =>
    thenReload(managerApi.setPartnerLocations({ params: { id }, body: { additional, locked } }))
  const suspend = (id: string, until: string | null, reason: string) =>
    thenReload(managerApi.suspendPartner({ params: { id }, body: { until, reason } }))
  const lift = (id: string) => thenReload(managerApi.restorePartner({ params: { id } }))
  const adjustRating = (id: string, delta: number, reason: string, expiresAt?: string) =>
    thenReload(
      managerApi.adjustPartnerRating({
        params: { id },
        body: expiresAt ? { delta, reason, expiresAt } : { delta, reason },
      }),
    )
  const issueLinkCode = (id: string) => thenReload(managerApi.issueLinkCode({ params: { id } }))

  return { overview, error, isLoading, load, update, setLocations, suspend, lift, adjustRating, issueLinkCode }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(usePartnerPageStore, import.meta.hot))

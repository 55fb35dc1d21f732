import { acceptHMRUpdate, defineStore } from 'pinia'
import { readonly, ref, shallowRef } from 'vue'
import type { Health } from '@shared/schemas/health.schema'
import { managerApi } from '../api/manager-api'

/** The service's own health report, as the console last saw it. */
export const useSystemStatusStore = defineStore('system-status', () => {
  const health = ref<Health | null>(null)
  // Errors are class instances (ApiError); a shallow ref keeps them as they are.
  const error = shallowRef<unknown>(null)
  const isLoading = ref(false)
  const checkedAt = ref<Date | null>(null)
  let inFlight: Promise<void> | undefined

  async function runCheck(): Promise<void> {
    isLoading.value = true
    try {
      health.value = await managerApi.getHealth()
      error.value = null
    } catch (cause) {
      health.value = null
      error.value = cause
    } finally {
      checkedAt.value = new Date()
      isLoading.value = false
    }
  }

  /** Asks `GET /api/health`; callers during a running check share it. */
  function check(): Promise<void> {
    inFlight ??= runCheck().finally(() => {
      inFlight = undefined
    })
    return inFlight
  }

  return {
    health: readonly(health),
    error: readonly(error),
    isLoading: readonly(isLoading),
    checkedAt: readonly(checkedAt),
    check,
  }
})

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useSystemStatusStore, import.meta.hot))

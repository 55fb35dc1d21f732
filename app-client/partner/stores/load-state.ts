import { ref, shallowRef } from 'vue'

/** Loading, loaded or failed: what every screen shows while its data arrives. */
export function useLoadState() {
  const loading = ref(false)
  const loaded = ref(false)
  const error = shallowRef<unknown>(null)

  /** Runs one load; the error is kept for the screen instead of being thrown. */
  async function track(load: () => Promise<void>): Promise<void> {
    loading.value = true
    error.value = null
    try {
      await load()
      loaded.value = true
    } catch (cause) {
      error.value = cause
    } finally {
      loading.value = false
    }
  }

  return { loading, loaded, error, track }
}

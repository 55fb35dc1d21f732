import { onBeforeUnmount, onMounted, ref } from 'vue'

/** The current time, refreshed every `intervalMs` while the component is mounted (for countdowns). */
export function useNow(intervalMs = 30_000) {
  const now = ref(Date.now())
  let timer: ReturnType<typeof setInterval> | undefined
  onMounted(() => {
    timer = setInterval(() => (now.value = Date.now()), intervalMs)
  })
  onBeforeUnmount(() => clearInterval(timer))
  return now
}

import { computed, watch, type Ref } from 'vue'
import { useDocumentVisibility, useIntervalFn } from '@vueuse/core'

/**
 * How often an open, visible screen asks the server what changed. With crm-sync's 2 s event window and the
 * worker's pickup, a Won or Lost in the CRM shows within about 5 s.
 */
export const LIVE_REFRESH_MS = 2_000

/**
 * Runs `refresh` every `intervalMs` while `enabled` and the page is visible, pauses while the tab or the portal
 * page is hidden, and refreshes at once when it becomes visible again.
 *
 * Polling rather than server-sent events: outcomes are stored by the worker, which may run in another process
 * than the web server holding a stream, so events would need a notification channel between them (LISTEN/NOTIFY,
 * which PGlite does not share across processes), and EventSource cannot send the session's bearer token, which
 * would then travel in URLs and access logs. A visible screen's refresh is two or three small indexed reads of the
 * partner's own rows. @vueuse/core's useIntervalFn and useDocumentVisibility do the timing and the Page
 * Visibility API; the iframe inside the portal is hidden whenever the portal's tab is.
 */
export function useLiveRefresh(
  refresh: () => Promise<void>,
  options: { enabled: Ref<boolean>; intervalMs?: number },
): { active: Ref<boolean> } {
  const visibility = useDocumentVisibility()
  const active = computed(() => options.enabled.value && visibility.value === 'visible')
  let running = false

  async function tick(): Promise<void> {
    // A slow answer is not asked for twice; a failed one is simply asked again next time.
    if (running) return
    running = true
    try {
      await refresh()
    } catch {
      // The screen keeps what it shows; the next tick tries again.
    } finally {
      running = false
    }
  }

  const timer = useIntervalFn(() => void tick(), options.intervalMs ?? LIVE_REFRESH_MS, { immediate: false })
  watch(
    active,
    (on, wasOn) => {
      if (!on) return timer.pause()
      timer.resume()
      // Back from a hidden tab: show what changed meanwhile now, not one interval later.
      if (wasOn === false) void tick()
    },
    { immediate: true },
  )
  return { active }
}

import { computed, onBeforeUnmount, ref, watch, type CSSProperties } from 'vue'

/** Space kept between a dialog and the edges of what the user sees. */
const MARGIN_PX = 16
/** A dialog never shrinks below this, even when only a sliver of the app is on screen. */
const MIN_HEIGHT_PX = 240
/** One callback per 1 % of the frame scrolled in or out of view. */
const THRESHOLDS = Array.from({ length: 101 }, (_, step) => step / 100)

/**
 * Keeps an open dialog inside the part of the app the user actually sees. Inside a Bitrix24 portal the app's
 * iframe is as tall as its content and the portal page scrolls around it, so a dialog centred in the iframe can
 * sit far above or below the window; the iframe cannot read the portal's window, which is on another origin.
 * An IntersectionObserver can: with no root it measures against the top-level window, even across origins, so
 * an element covering the iframe's viewport tells which band of it is on screen. The dialog is placed at the top
 * of that band and no taller than it, and its body scrolls. Outside a frame the band is the window itself.
 * @returns the `content` props for a B24Modal: nothing until the first measurement (the kit centres it then).
 */
export function useInViewDialog(open: () => boolean) {
  const band = ref<{ top: number; height: number } | null>(null)
  let observer: IntersectionObserver | undefined
  let probe: HTMLElement | undefined

  function start(): void {
    if (observer || typeof IntersectionObserver === 'undefined') return
    probe = document.createElement('div')
    probe.setAttribute('aria-hidden', 'true')
    probe.dataset.viewProbe = ''
    Object.assign(probe.style, { position: 'fixed', inset: '0', pointerEvents: 'none', zIndex: '-1' })
    document.body.append(probe)
    observer = new IntersectionObserver(
      ([entry]) => {
        band.value = entry?.isIntersecting
          ? { top: entry.intersectionRect.top, height: entry.intersectionRect.height }
          : null
      },
      { threshold: THRESHOLDS },
    )
    observer.observe(probe)
  }

  function stop(): void {
    observer?.disconnect()
    probe?.remove()
    observer = undefined
    probe = undefined
    band.value = null
  }

  watch(open, (isOpen) => (isOpen ? start() : stop()), { immediate: true })
  onBeforeUnmount(stop)

  // Bound to the kit's DialogContent as attributes; its props type lists no `style`.
  return computed((): Record<string, CSSProperties> => {
    if (!band.value) return {}
    const height = Math.max(MIN_HEIGHT_PX, band.value.height - 2 * MARGIN_PX)
    // A sliver at the bottom of the frame: the dialog moves up as far as it must to stay inside the frame.
    const top = Math.max(0, Math.min(band.value.top + MARGIN_PX, window.innerHeight - height - MARGIN_PX))
    // The kit centres with `translate: -50% -50%`; only the horizontal half stays.
    return { style: { top: `${top}px`, maxHeight: `${height}px`, translate: '-50% 0' } }
  })
}

/**
 * When the form runs inside another site's iframe (`?embed=1`), it leaves out the page chrome and tells the
 * parent its height, so the snippet in the README can size the frame without scrollbars.
 */
export function isEmbedded(search: string = window.location.search): boolean {
  return new URLSearchParams(search).get('embed') === '1'
}

export const EMBED_HEIGHT_MESSAGE = 'b24-request-form:height'

export function reportHeightToParent(): void {
  if (window.parent === window) return
  const post = () =>
    window.parent.postMessage({ type: EMBED_HEIGHT_MESSAGE, height: document.documentElement.scrollHeight }, '*')
  new ResizeObserver(post).observe(document.body)
  post()
}

/**
 * The status token travels from the form to the confirmation page in memory and in this tab's session
 * storage (so a reload of the confirmation keeps it), and on to the status page in the URL fragment,
 * which browsers never send to a server, so it reaches no access log.
 */
const KEY = 'request-form:last-submission'

export interface LastSubmission {
  token: string | null
}

export function rememberSubmission(submission: LastSubmission): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(submission))
  } catch {
    // Storage may be blocked (private mode, third-party iframe); the confirmation then shows what it can.
  }
  lastInMemory = submission
}

let lastInMemory: LastSubmission | null = null

export function lastSubmission(): LastSubmission | null {
  if (lastInMemory) return lastInMemory
  try {
    const raw = sessionStorage.getItem(KEY)
    const parsed = raw ? (JSON.parse(raw) as Partial<LastSubmission>) : null
    if (!parsed) return null
    return { token: typeof parsed.token === 'string' ? parsed.token : null }
  } catch {
    return null
  }
}

/**
 * The absolute status link for a token, on the app's own origin even when the form is embedded elsewhere.
 * It carries the language the form was filled in, so the page opens in that language in any browser.
 */
export function statusLink(token: string, locale: string): string {
  return `${window.location.origin}/request-form/status?lang=${encodeURIComponent(locale)}#${token}`
}

export type StatusFragment = { kind: 'none' } | { kind: 'malformed' } | { kind: 'token'; token: string }

/**
 * What the status page's fragment holds: nothing (the page was opened without the link), the token, or
 * something else (a link cut short or mistyped), which the page calls an invalid link rather than a missing one.
 */
export function readStatusFragment(hash: string): StatusFragment {
  let value: string
  try {
    value = decodeURIComponent(hash.replace(/^#/, '')).trim()
  } catch {
    return { kind: 'malformed' }
  }
  if (value === '') return { kind: 'none' }
  return /^rst_[A-Za-z0-9_-]{43}$/.test(value) ? { kind: 'token', token: value } : { kind: 'malformed' }
}

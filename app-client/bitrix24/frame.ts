import type { B24Frame } from '@bitrix24/b24jssdk'

/** The one B24Frame of the page, or the fact that the page is not inside a Bitrix24 portal. */
export type PortalConnection = { kind: 'outside-portal' } | { kind: 'ready'; frame: B24Frame }

/** How long the portal may take to answer the SDK's handshake before we call the connection failed. */
export const FRAME_INIT_TIMEOUT_MS = 10_000

/** Bitrix24 names the app iframe `<domain>|<0|1>|<APP_SID>`; the SDK reads the portal origin from it. */
const FRAME_NAME = /^[^|]+\|[01]\|[^|]+$/

/**
 * Whether Bitrix24 opened this page in its app iframe. Checked before loading the SDK, because the SDK's own
 * handshake waits for an answer from the parent window that a plain browser tab never gets.
 */
export function isInsidePortalFrame(win: Window = window): boolean {
  if (win.parent === win) return false
  const query = new URLSearchParams(win.location.search)
  return (query.has('DOMAIN') && query.has('APP_SID')) || FRAME_NAME.test(win.name)
}

let connection: Promise<PortalConnection> | undefined

/**
 * Connects to the portal once per page and caches the result; the only caller of `initializeB24Frame()`.
 * A failed attempt is forgotten so that a later call can try again.
 * @throws the SDK's error, or an Error after FRAME_INIT_TIMEOUT_MS without an answer from the portal.
 */
export function connectToPortal(): Promise<PortalConnection> {
  if (connection) return connection
  const attempt = openConnection()
  connection = attempt
  attempt.catch(() => {
    if (connection === attempt) connection = undefined
  })
  return attempt
}

async function openConnection(): Promise<PortalConnection> {
  if (!isInsidePortalFrame()) return { kind: 'outside-portal' }
  // Loaded only inside a portal: the SDK is the largest dependency and useless anywhere else.
  const { initializeB24Frame } = await import('@bitrix24/b24jssdk')
  const frame = await withTimeout(initializeB24Frame(), FRAME_INIT_TIMEOUT_MS)
  return { kind: 'ready', frame }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The Bitrix24 portal did not answer within ${ms} ms`)), ms)
    promise.then(resolve, reject).finally(() => clearTimeout(timer))
  })
}

/** Host name of the portal, e.g. `company.bitrix24.com`. */
export function portalDomain(frame: B24Frame): string {
  return new URL(frame.getTargetOrigin()).host
}

/** Bitrix24 interface language of the current user (`en`, `de`, `la` for Spanish, …). */
export function portalLanguage(frame: B24Frame): string {
  return frame.getLang()
}

/** Lets the portal size the iframe to the page, so the app never shows a second scrollbar. */
export async function fitFrameToContent(frame: B24Frame): Promise<void> {
  // Resizing is cosmetic: a portal that ignores it must not break the app.
  await frame.parent.fitWindow().catch(() => undefined)
}

/** What `POST /api/session` needs from the frame: the server checks the token with the portal itself. */
export interface FrameCredentials {
  domain: string
  memberId: string
  accessToken: string
}

/**
 * The current user's credentials for this portal, asking the portal for fresh ones when `fresh` is set
 * (after the server said the session expired).
 * @throws when the portal gave the frame no authorisation.
 */
export async function frameCredentials(frame: B24Frame, fresh = false): Promise<FrameCredentials> {
  const auth = fresh ? await frame.auth.refreshAuth() : frame.auth.getAuthData()
  if (!auth) throw new Error('The portal gave this page no authorisation')
  return { domain: auth.domain, memberId: auth.member_id, accessToken: auth.access_token }
}

/** The portal's user picker; null when the user closed it without choosing. */
export async function pickPortalUser(frame: B24Frame): Promise<{ id: string; name: string } | null> {
  const user = await frame.dialog.selectUser()
  return user ? { id: String(user.id), name: user.name } : null
}

/** Opens a CRM lead or deal card in the portal's slider; resolves when the slider closes. */
export async function openCrmCard(frame: B24Frame, kind: 'lead' | 'deal', id: string): Promise<void> {
  await frame.slider.openPath(frame.slider.getUrl(`/crm/${kind}/details/${encodeURIComponent(id)}/`))
}

/** Tells the portal the installer is done; Bitrix24 then reloads the frame into the app's main page. */
export async function finishInstall(frame: B24Frame): Promise<void> {
  await frame.installFinish()
}

/** Where the portal embedded the app (`DEFAULT`, `CRM_LEAD_DETAIL_TAB`, …) and the record it was opened for. */
export function framePlacement(frame: B24Frame): { code: string; entityId: string | null } {
  const options = frame.placement.options as { ID?: unknown } | undefined
  const id = options?.ID
  return { code: frame.placement.placement, entityId: id === undefined || id === null ? null : String(id) }
}

/** Whether the current user administers the portal (only administrators may link it). */
export function isPortalAdmin(frame: B24Frame): boolean {
  return frame.auth.isAdmin
}

/** `+02:00`, `-0330` or `Z` at the end of an ISO 8601 time: the offset from UTC in minutes, or null. */
export function utcOffsetOf(isoTime: string): number | null {
  if (/Z$/i.test(isoTime)) return 0
  const match = /([+-])(\d{2}):?(\d{2})$/.exec(isoTime)
  if (!match) return null
  const minutes = Number(match[2]) * 60 + Number(match[3])
  return match[1] === '-' ? -minutes : minutes
}

/**
 * The portal's offset from UTC now, in minutes, from `server.time` (scope basic, any user;
 * D:api-reference/common/system/server-time): the time zone the portal shows its own CRM dates in.
 * @throws when the portal refuses the call or answers no time with an offset.
 */
export async function portalUtcOffset(frame: B24Frame): Promise<number> {
  const response = await frame.actions.v2.call.make<string>({ method: 'server.time' })
  const time = response.isSuccess ? response.getData()?.result : undefined
  const offset = typeof time === 'string' ? utcOffsetOf(time) : null
  if (offset === null) throw new Error('The portal did not say its time')
  return offset
}

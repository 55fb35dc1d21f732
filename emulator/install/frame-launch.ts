import { findUser } from '../core/portals'
import { randomHex } from '../core/random'
import type { EmulatorState } from '../core/state'
import type { AppRegistration, Installation, PortalState } from '../core/types'
import { ACCESS_TOKEN_TTL_SECONDS } from '../oauth/token-store'

/** How the portal opens an app page in its iframe (D:settings/oauth/simple-way, D:api-reference/widgets/_includes/widget_data). */
export interface FrameLaunch {
  /** `installer` until installFinish (admins only), `app` afterwards, `blocked` when the user may not open it. */
  mode: 'installer' | 'app' | 'blocked'
  message?: string
  /** Page URL with DOMAIN, PROTOCOL, LANG and APP_SID in the query string. */
  url: string
  /** The form-urlencoded POST body: AUTH_ID, AUTH_EXPIRES, REFRESH_ID, SERVER_ENDPOINT, APPLICATION_TOKEN, … */
  fields: Record<string, string>
  appSid: string
  /** `"DOMAIN|PROTOCOL|APP_SID"`: the SDK reads the parent's origin from it (SDK dist/esm/loader-b24frame.mjs). */
  windowName: string
  appOrigin: string
  /** The `getInitData` answer (type MessageInitData in the SDK's index.d.ts). */
  initData: Record<string, unknown>
}

export interface LaunchRequest {
  userId: number
  placement?: string
  placementOptions?: Record<string, unknown>
  /** Page to open instead of the app's handler URL (a placement's HANDLER). */
  handler?: string
}

const NOT_FULLY_INSTALLED =
  'The application is not fully installed yet. Please contact your Bitrix24 administrator to complete the installation.'

function blocked(message: string): FrameLaunch {
  return { mode: 'blocked', message, url: '', fields: {}, appSid: '', windowName: '', appOrigin: '', initData: {} }
}

/**
 * Prepares one opening of an app page for one user: fresh tokens, a new APP_SID, the POST fields and the
 * init data the parent page answers `getInitData` with.
 */
export function launchFrame(
  state: EmulatorState,
  portal: PortalState,
  app: AppRegistration,
  installation: Installation | undefined,
  request: LaunchRequest,
): FrameLaunch {
  const user = findUser(portal, request.userId)
  if (user === undefined) return blocked(`No user ${request.userId} on this portal`)
  if (installation === undefined) return blocked('The application is not installed on this Bitrix24.')
  // Until installFinish only administrators get the installer; everyone else sees this text (D:settings/app-installation/installation-finish).
  if (!installation.installed && !user.admin) return blocked(NOT_FULLY_INSTALLED)
  const installing = !installation.installed
  const placement = installing ? 'DEFAULT' : (request.placement ?? 'DEFAULT')
  const pageUrl = installing ? (app.installUrl ?? app.handlerUrl) : (request.handler ?? app.handlerUrl)
  const pair = state.tokens.issuePair({ memberId: portal.memberId, clientId: app.clientId, userId: user.id })
  const appSid = randomHex(32)
  const placementOptions = {
    ...(request.placementOptions ?? {}),
    URI: request.placementOptions?.URI ?? `/marketplace/app/${installation.id}/`,
  }
  const url = new URL(pageUrl)
  url.searchParams.set('DOMAIN', state.host())
  url.searchParams.set('PROTOCOL', state.protocolFlag())
  url.searchParams.set('LANG', portal.lang)
  url.searchParams.set('APP_SID', appSid)
  const fields = {
    AUTH_ID: pair.access.token,
    AUTH_EXPIRES: String(ACCESS_TOKEN_TTL_SECONDS),
    REFRESH_ID: pair.refresh.token,
    SERVER_ENDPOINT: state.serverEndpoint(),
    APPLICATION_TOKEN: installation.applicationToken,
    APPLICATION_SCOPE: app.scopes.join(','),
    member_id: portal.memberId,
    status: app.status,
    PLACEMENT: placement,
    PLACEMENT_OPTIONS: JSON.stringify(placementOptions),
  }
  const initData = {
    DOMAIN: state.host(),
    PROTOCOL: state.protocolFlag(),
    PATH: '/rest/',
    LANG: portal.lang,
    MEMBER_ID: portal.memberId,
    IS_ADMIN: user.admin,
    AUTH_ID: fields.AUTH_ID,
    REFRESH_ID: fields.REFRESH_ID,
    AUTH_EXPIRES: fields.AUTH_EXPIRES,
    APP_OPTIONS: installation.appOptions,
    USER_OPTIONS: installation.userOptions[String(user.id)] ?? {},
    PLACEMENT: placement,
    PLACEMENT_OPTIONS: placementOptions,
    INSTALL: installing,
    FIRST_RUN: installing,
  }
  const windowName = `${state.host()}|${state.protocolFlag()}|${appSid}`
  return {
    mode: installing ? 'installer' : 'app',
    url: url.toString(),
    fields,
    appSid,
    windowName,
    appOrigin: url.origin,
    initData,
  }
}

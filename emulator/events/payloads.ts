import type { EmulatorState } from '../core/state'
import type { AppRegistration, Installation, PortalState } from '../core/types'
import { ACCESS_TOKEN_TTL_SECONDS } from '../oauth/token-store'

/** Who caused a change: a user (tokens are issued for them) or automation (no tokens, D:api-reference/events/index). */
export interface ChangeOrigin {
  userId: number
  automation?: boolean
}

const seconds = (state: EmulatorState): string => String(Math.floor(state.now() / 1000))

/** The keys every event's `auth` carries, tokens or not (D:_includes/auth-params-in-events). */
function portalAuth(state: EmulatorState, portal: PortalState, installation: Installation): Record<string, string> {
  return {
    domain: state.portalDomain(portal),
    server_endpoint: state.serverEndpoint(),
    client_endpoint: state.clientEndpoint(portal),
    member_id: portal.memberId,
    application_token: installation.applicationToken,
  }
}

/**
 * `{event, event_handler_id, data:{FIELDS:{ID}}, ts, auth}` as in D:api-reference/crm/leads/events/on-crm-lead-update.
 * Tokens belong to the binding's `auth_type` user, else to the user who made the change; automation gets none.
 * No `refresh_token`: only ONAPPINSTALL and ONOFFLINEEVENT carry one (D:api-reference/events/index).
 */
export function crmEventPayload(
  state: EmulatorState,
  portal: PortalState,
  app: AppRegistration,
  installation: Installation,
  binding: { id: number; event: string; authType: number },
  entityId: number,
  origin: ChangeOrigin,
): Record<string, unknown> {
  const auth: Record<string, string> = {}
  if (origin.automation !== true) {
    const userId = binding.authType > 0 ? binding.authType : origin.userId
    const token = state.tokens.issueAccess({ memberId: portal.memberId, clientId: app.clientId, userId })
    auth.access_token = token.token
    auth.expires_in = String(ACCESS_TOKEN_TTL_SECONDS)
  }
  Object.assign(auth, { scope: app.scopes.join(','), status: app.status }, portalAuth(state, portal, installation))
  return {
    event: binding.event,
    event_handler_id: String(binding.id),
    data: { FIELDS: { ID: String(entityId) } },
    ts: seconds(state),
    auth,
  }
}

/**
 * ONAPPINSTALL with a full token pair (D:api-reference/common/events/on-app-install). The docs describe `scope`
 * there as space-separated, unlike the comma list elsewhere; INSTALLED is `N` until installFinish.
 */
export function installEventPayload(
  state: EmulatorState,
  portal: PortalState,
  app: AppRegistration,
  installation: Installation,
  handlerId: number | undefined,
): Record<string, unknown> {
  const pair = state.tokens.issuePair({
    memberId: portal.memberId,
    clientId: app.clientId,
    userId: installation.installedBy,
  })
  return {
    event: 'ONAPPINSTALL',
    ...(handlerId === undefined ? {} : { event_handler_id: String(handlerId) }),
    data: {
      VERSION: app.version,
      ACTIVE: 'Y',
      INSTALLED: installation.installed ? 'Y' : 'N',
      LANGUAGE_ID: portal.lang,
    },
    ts: seconds(state),
    auth: {
      access_token: pair.access.token,
      refresh_token: pair.refresh.token,
      expires_in: String(ACCESS_TOKEN_TTL_SECONDS),
      scope: app.scopes.join(' '),
      status: app.status,
      ...portalAuth(state, portal, installation),
    },
  }
}

/** ONAPPUNINSTALL: LANGUAGE_ID, CLEAN and an auth block WITHOUT tokens (D:api-reference/common/events/on-app-uninstall). */
export function uninstallEventPayload(
  state: EmulatorState,
  portal: PortalState,
  installation: Installation,
  handlerId: number,
  clean: boolean,
): Record<string, unknown> {
  return {
    event: 'ONAPPUNINSTALL',
    event_handler_id: String(handlerId),
    data: { LANGUAGE_ID: portal.lang, CLEAN: clean ? '1' : '0' },
    ts: seconds(state),
    auth: portalAuth(state, portal, installation),
  }
}

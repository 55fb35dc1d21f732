import { findUser } from '../core/portals'
import type { EmulatorState } from '../core/state'
import { expiredToken, invalidToken, noAuthFound } from './errors'
import type { Caller } from './method-types'

/**
 * Resolves the `auth` parameter to an app, portal and user. On `/portal/<memberId>/rest/` the token must belong
 * to that portal; on the shared `/rest/` (what frames call) the token alone names the portal.
 * @throws RestError NO_AUTH_FOUND, invalid_token or expired_token, all 401 (D:error-codes).
 */
export function authenticate(state: EmulatorState, auth: unknown, pathMemberId: string | undefined): Caller {
  const token = Array.isArray(auth) ? auth[0] : auth
  if (typeof token !== 'string' || token === '') throw noAuthFound()
  const record = state.tokens.findAccess(token)
  if (record === undefined || record.revoked) throw invalidToken()
  if (pathMemberId !== undefined && record.memberId !== pathMemberId) throw invalidToken()
  if (record.expiresAt <= state.now()) throw expiredToken()
  const portal = state.portals.get(record.memberId)
  const app = state.apps.get(record.clientId)
  const installation = state.findInstallation(record.memberId, record.clientId)
  const user = portal === undefined ? undefined : findUser(portal, record.userId)
  if (portal === undefined || app === undefined || installation === undefined || user === undefined)
    throw invalidToken()
  return { portal, app, installation, user }
}

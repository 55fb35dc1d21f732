import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express'
import type { EmulatorState } from '../core/state'
import type { PortalState } from '../core/types'
import { readRequestParams } from '../rest/request-params'
import { ACCESS_TOKEN_TTL_SECONDS, type TokenPair } from './token-store'

const TOKEN_PATH = /^\/oauth\/token\/?$/
const rawBody = express.raw({ type: () => true, limit: '1mb' })

/**
 * Error bodies of the authorization server (D:settings/oauth/error-codes). The codes are documented; the
 * descriptions are not, so these texts are the emulator's. HTTP statuses follow the PHP SDK's handling.
 */
const oauthError = (response: Response, status: number, error: string, description: string) =>
  response.status(status).json({ error, error_description: description })

/** The success body of D:settings/oauth/auto-renewal; `expires` is always present (without it the SDK refreshes before every call). */
export function tokenResponse(state: EmulatorState, portal: PortalState, pair: TokenPair): Record<string, unknown> {
  const app = state.apps.get(pair.access.clientId)
  return {
    access_token: pair.access.token,
    client_endpoint: state.clientEndpoint(portal),
    domain: state.host(),
    expires: Math.floor(pair.access.expiresAt / 1000),
    expires_in: ACCESS_TOKEN_TTL_SECONDS,
    member_id: portal.memberId,
    refresh_token: pair.refresh.token,
    scope: app?.scopes.join(',') ?? '',
    server_endpoint: state.serverEndpoint(),
    status: app?.status ?? 'L',
    user_id: pair.access.userId,
  }
}

/** `grant_type=refresh_token`: each refresh token works once, the answer carries a new pair. */
function refresh(state: EmulatorState, params: Record<string, unknown>, response: Response): void {
  const text = (value: unknown) => (typeof value === 'string' ? value : '')
  const clientId = text(params.client_id)
  const app = state.apps.get(clientId)
  if (app === undefined || app.clientSecret !== text(params.client_secret)) {
    return void oauthError(response, 401, 'invalid_client', 'Invalid client credentials')
  }
  const record = state.tokens.findRefresh(text(params.refresh_token))
  if (record === undefined || record.clientId !== clientId || record.used || record.expiresAt <= state.now()) {
    return void oauthError(response, 400, 'invalid_grant', 'Invalid grant')
  }
  const portal = state.portals.get(record.memberId)
  // "The application may not be installed in Bitrix24" is invalid_client (D:settings/oauth/error-codes).
  if (record.revoked || portal === undefined || state.findInstallation(record.memberId, clientId) === undefined) {
    return void oauthError(response, 401, 'invalid_client', 'The application is not installed')
  }
  record.used = true
  const pair = state.tokens.issuePair({ memberId: record.memberId, clientId, userId: record.userId })
  // A slow answer (latency rule for `oauth.token`) comes after the old token is spent, as on a congested server.
  const latency = state.faults.oauthLatencyFor(record.memberId)
  const answer = () => response.status(200).json(tokenResponse(state, portal, pair))
  if (latency > 0) setTimeout(answer, latency)
  else answer()
}

/** `GET|POST /oauth/token/` with parameters in the query string, a form body or a JSON body. */
export function oauthMiddleware(state: EmulatorState): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    if (!TOKEN_PATH.test(request.path)) return next()
    rawBody(request, response, (error?: unknown) => {
      if (error !== undefined) return next(error)
      const params = readRequestParams(request)
      if (params.grant_type === 'refresh_token') return refresh(state, params, response)
      oauthError(response, 400, 'invalid_request', 'Unsupported grant_type')
    })
  }
}

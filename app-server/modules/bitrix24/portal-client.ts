import { ApiVersion, B24OAuth, EnumAppStatus, type B24OAuthParams } from '@bitrix24/b24jssdk'
import { z } from 'zod'
import type { Config } from '../../config'

/** What the app knows about one installation, decrypted. */
export interface PortalCredentials {
  memberId: string
  domain: string
  clientEndpoint: string
  accessToken: string
  refreshToken: string
  /** Unix seconds when the access token expires. */
  expires: number
  applicationToken: string
  scopes: string[]
}

/** A token pair as Bitrix24's OAuth server returns it. */
export interface TokenPayload {
  access_token: string
  refresh_token: string
  expires: number
  expires_in: number
  client_endpoint: string
  server_endpoint: string
  member_id: string
  scope: string
  status: string
  domain: string
}

/**
 * The OAuth server the app refreshes tokens at. It comes from configuration, never from a payload: a forged
 * install could name a server of its own that approves anything.
 */
export function oauthServerEndpoint(config: Config): string {
  return `${config.B24_OAUTH_URL.replace(/\/+$/, '')}/rest/`
}

export interface ClientOptions {
  /** Off for calls that create something: a retry after a timeout could create it twice. */
  retryOnNetworkError?: boolean
}

/** A B24OAuth client for one portal, refreshing only at the configured OAuth server. */
export function newPortalClient(config: Config, credentials: PortalCredentials, options: ClientOptions = {}): B24OAuth {
  const params: B24OAuthParams = {
    applicationToken: credentials.applicationToken,
    userId: 0,
    memberId: credentials.memberId,
    accessToken: credentials.accessToken,
    refreshToken: credentials.refreshToken,
    expires: credentials.expires,
    expiresIn: 3600,
    scope: credentials.scopes.join(','),
    domain: credentials.domain,
    clientEndpoint: credentials.clientEndpoint,
    serverEndpoint: oauthServerEndpoint(config),
    status: EnumAppStatus.Free,
  }
  const client = new B24OAuth(
    params,
    { clientId: config.B24_CLIENT_ID ?? '', clientSecret: config.B24_CLIENT_SECRET ?? '' },
    { restrictionParams: { retryOnNetworkError: options.retryOnNetworkError ?? true } },
  )
  client.offClientSideWarning()
  // The SDK fixes its own timeout (30 s in 2.2.0) on the HTTP client it creates; the app's setting replaces it.
  for (const version of [ApiVersion.v2, ApiVersion.v3]) {
    client.getHttpClient(version).ajaxClient.defaults.timeout = config.B24_CALL_TIMEOUT_SECONDS * 1_000
  }
  return client
}

/** A refusal of the OAuth server (`{error, error_description}`), with its documented `code` (D:settings/oauth/error-codes). */
export class OAuthServerError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    description: string,
  ) {
    super(`the OAuth server refused the refresh: ${code}${description ? ` (${description})` : ''}`)
    this.name = 'OAuthServerError'
  }
}

/** The OAuth server answered with a grant of another portal than the one it was presented for. */
export class GrantOfAnotherPortalError extends Error {
  constructor(readonly grantedMemberId: string) {
    super('the OAuth server answered with a grant of another portal')
    this.name = 'GrantOfAnotherPortalError'
  }
}

/** The success answer of `/oauth/token/` (D:settings/oauth/auto-renewal); Bitrix24 prints numbers as numbers or strings. */
const TokenAnswerSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires: z.coerce.number().int().positive().optional(),
  expires_in: z.coerce.number().int().positive().default(3600),
  client_endpoint: z.url(),
  server_endpoint: z.url(),
  member_id: z.string().regex(/^[\w.-]{1,64}$/),
  scope: z.string().default(''),
  status: z.string().default('F'),
  domain: z.string().default(''),
})

/** How long the OAuth server may take to answer a refresh. */
export const OAUTH_TIMEOUT_MS = 30_000

/**
 * Exchanges a refresh token at the configured OAuth server and returns the new pair as the server sent it. The
 * server is called directly rather than through the SDK: the SDK (2.2.0) keeps the member id it was given
 * instead of the one the server answers, and the answer's member id is what proves whose grant this is.
 * @throws OAuthServerError (`invalid_grant` when the grant is gone and the portal must reinstall),
 *   GrantOfAnotherPortalError when the grant belongs to another portal than `grant.memberId`.
 */
export async function refreshAtOAuthServer(
  config: Config,
  grant: { memberId: string; refreshToken: string },
): Promise<TokenPayload> {
  const response = await fetch(`${config.B24_OAUTH_URL.replace(/\/+$/, '')}/oauth/token/`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: config.B24_CLIENT_ID ?? '',
      client_secret: config.B24_CLIENT_SECRET ?? '',
      refresh_token: grant.refreshToken,
    }),
    // Well within the refresh lease (portal-clients.ts), so a hung answer never outlives it.
    signal: AbortSignal.timeout(OAUTH_TIMEOUT_MS),
  })
  const body: unknown = await response.json().catch(() => undefined)
  const refusal = body as { error?: unknown; error_description?: unknown } | undefined
  if (!response.ok || typeof refusal?.error === 'string') {
    const code = typeof refusal?.error === 'string' && refusal.error ? refusal.error : `http_${response.status}`
    const description = typeof refusal?.error_description === 'string' ? refusal.error_description : ''
    throw new OAuthServerError(code, response.status, description)
  }
  const answer = TokenAnswerSchema.safeParse(body)
  if (!answer.success) throw new OAuthServerError('invalid_answer', response.status, 'not a token answer')
  if (answer.data.member_id !== grant.memberId) throw new GrantOfAnotherPortalError(answer.data.member_id)
  const { expires, ...rest } = answer.data
  return { ...rest, expires: expires ?? Math.floor(Date.now() / 1000) + rest.expires_in }
}

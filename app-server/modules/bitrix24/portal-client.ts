import { B24OAuth, EnumAppStatus, type B24OAuthParams } from '@bitrix24/b24jssdk'
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
  return client
}

/**
 * Exchanges a refresh token at the configured OAuth server through the SDK and returns the new pair.
 * @throws the SDK's RefreshTokenError (`invalid_grant` when the grant is gone and the portal must reinstall).
 */
export async function refreshAtOAuthServer(config: Config, credentials: PortalCredentials): Promise<TokenPayload> {
  // An expired access token makes the SDK refresh; the callback hands over everything the server returned.
  const client = newPortalClient(config, { ...credentials, expires: 0 })
  let payload: TokenPayload | undefined
  client.setCallbackRefreshAuth(async ({ b24OAuthParams }) => {
    payload = {
      access_token: b24OAuthParams.accessToken,
      refresh_token: b24OAuthParams.refreshToken,
      expires: b24OAuthParams.expires,
      expires_in: b24OAuthParams.expiresIn,
      client_endpoint: b24OAuthParams.clientEndpoint,
      server_endpoint: b24OAuthParams.serverEndpoint,
      member_id: b24OAuthParams.memberId,
      scope: b24OAuthParams.scope,
      status: b24OAuthParams.status,
      domain: b24OAuthParams.domain,
    }
  })
  await client.auth.refreshAuth()
  if (!payload) throw new Error('the OAuth server returned no tokens')
  return payload
}

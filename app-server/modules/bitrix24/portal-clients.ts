import type { B24OAuth } from '@bitrix24/b24jssdk'
import { eq } from 'drizzle-orm'
import type { AppContext } from '../../context'
import { portals } from '../../db/schema'
import { retryWhileDatabaseUnavailable } from '../../db/database-errors'
import { serviceUnavailable } from '../../errors'
import {
  newPortalClient,
  refreshAtOAuthServer,
  type ClientOptions,
  type PortalCredentials,
  type TokenPayload,
} from './portal-client'
import { credentialsOf, findPortal, releaseRefreshLease, saveTokens, takeRefreshLease } from './portals.repository'
import type { TokenCipher } from './token-cipher'

// A token refreshed by another process is reused while it has at least this long to live.
const REUSE_MARGIN_MS = 60_000
// Calls that failed with the previous token shortly after a refresh reuse the new one instead of refreshing again.
// Short: a pair the portal itself revoked soon after it was issued is refreshed again after this long.
const RECENT_MS = 5_000
// Longer than the OAuth server may take to answer: a process that died holding the lease is replaced after it.
const REFRESH_LEASE_MS = 60_000
// How often a process waiting for another one's refresh looks for the new pair.
const REFRESH_POLL_MS = 100

/**
 * One B24OAuth client per portal (and per retry policy) in this process. Refreshes are serialised per portal
 * across processes by a lease on the portal's row, and the new pair is stored before anyone uses it, because
 * Bitrix24 refresh tokens are single-use.
 */
export class PortalClients {
  private readonly clients = new Map<string, B24OAuth>()
  /** The last pair this process obtained per portal, and when. */
  private readonly recent = new Map<string, { payload: TokenPayload; at: number }>()

  constructor(
    private readonly ctx: AppContext,
    private readonly cipher: TokenCipher,
  ) {}

  /** @throws AppError `portal_unavailable` (503) when the portal is uninstalled or needs re-authorisation. */
  async forPortal(portalId: string, options: ClientOptions = {}): Promise<B24OAuth> {
    const key = `${portalId}:${options.retryOnNetworkError === false ? 'once' : 'retry'}`
    const cached = this.clients.get(key)
    if (cached) return cached
    const portal = await findPortal(this.ctx.db, portalId)
    if (!portal || portal.status !== 'installed') {
      throw serviceUnavailable(
        'portal_unavailable',
        'The app is not installed on this portal, or needs to be authorised again.',
      )
    }
    const client = newPortalClient(this.ctx.config, credentialsOf(portal, this.cipher), options)
    // The SDK reads the pair as an event payload would carry it: numbers as strings.
    client.setCustomRefreshAuth(async () => {
      const tokens = await this.refresh(portalId, client.auth.getAuthData())
      return { ...tokens, expires: String(tokens.expires), expires_in: String(tokens.expires_in) }
    })
    this.clients.set(key, client)
    return client
  }

  /** Forgets the clients of a portal, e.g. after an uninstall. */
  drop(portalId: string): void {
    this.recent.delete(portalId)
    for (const key of [...this.clients.keys()]) if (key.startsWith(`${portalId}:`)) this.clients.delete(key)
  }

  private async refresh(portalId: string, current: false | { access_token: string }): Promise<TokenPayload> {
    // The SDK does not say which token a 401 was for. When this process has just obtained the token the client
    // now holds, the failing call was sent with the previous one: replaying with the new one is enough.
    const recent = this.recent.get(portalId)
    const now = this.ctx.clock.now().getTime()
    if (recent && current && current.access_token === recent.payload.access_token && now - recent.at < RECENT_MS) {
      return recent.payload
    }
    const payload = await this.refreshLocked(portalId, current)
    this.recent.set(portalId, { payload, at: this.ctx.clock.now().getTime() })
    return payload
  }

  /**
   * Refreshes the pair, one process at a time per portal. No database connection or transaction is held while the
   * OAuth server answers: the lease is a row value, and the new pair is stored with a fresh connection, retried
   * while the database is unreachable, because the refresh token just spent cannot be used again.
   */
  private async refreshLocked(portalId: string, current: false | { access_token: string }): Promise<TokenPayload> {
    const seen = current ? current.access_token : undefined
    const giveUpAt = Date.now() + REFRESH_LEASE_MS + REFRESH_POLL_MS
    for (;;) {
      const portal = await findPortal(this.ctx.db, portalId)
      if (!portal || portal.status !== 'installed' || !portal.refreshTokenEnc) {
        throw serviceUnavailable('portal_unavailable')
      }
      const stored = credentialsOf(portal, this.cipher)
      const now = this.ctx.clock.now()
      // Another process refreshed meanwhile: use its pair.
      if (stored.accessToken !== seen && stored.expires * 1000 - now.getTime() > REUSE_MARGIN_MS) {
        return payloadOf(stored, portal.serverEndpoint)
      }
      const until = new Date(now.getTime() + REFRESH_LEASE_MS)
      const leased = await takeRefreshLease(this.ctx.db, {
        portalId,
        refreshTokenEnc: portal.refreshTokenEnc,
        now,
        until,
      })
      if (leased) return this.refreshUnderLease(portalId, stored)
      if (Date.now() > giveUpAt) throw serviceUnavailable('portal_unavailable', 'The portal token refresh is stuck.')
      await new Promise((resolve) => setTimeout(resolve, REFRESH_POLL_MS))
    }
  }

  private async refreshUnderLease(portalId: string, stored: PortalCredentials): Promise<TokenPayload> {
    let tokens: TokenPayload
    try {
      tokens = await refreshAtOAuthServer(this.ctx.config, stored)
    } catch (error) {
      await releaseRefreshLease(this.ctx.db, portalId).catch(() => undefined)
      if (isInvalidGrant(error)) await this.markNeedsReauth(portalId)
      throw error
    }
    await retryWhileDatabaseUnavailable(
      () => saveTokens(this.ctx.db, this.cipher, portalId, tokens, this.ctx.clock.now()),
      REFRESH_LEASE_MS,
    )
    return tokens
  }

  private async markNeedsReauth(portalId: string): Promise<void> {
    this.drop(portalId)
    await this.ctx.db
      .update(portals)
      .set({
        status: 'needs_reauth',
        lastError: 'invalid_grant: the portal must authorise the app again',
        updatedAt: this.ctx.clock.now(),
      })
      .where(eq(portals.id, portalId))
    this.ctx.logger.warn({ portalId }, 'portal needs re-authorisation')
  }
}

function payloadOf(stored: ReturnType<typeof credentialsOf>, serverEndpoint: string): TokenPayload {
  return {
    access_token: stored.accessToken,
    refresh_token: stored.refreshToken,
    expires: stored.expires,
    expires_in: 3600,
    client_endpoint: stored.clientEndpoint,
    server_endpoint: serverEndpoint,
    member_id: stored.memberId,
    scope: stored.scopes.join(','),
    status: 'F',
    domain: stored.domain,
  }
}

/** Whether an SDK error means the refresh token is gone (`invalid_grant`), directly or wrapped by a REST call. */
export function isInvalidGrant(error: unknown): boolean {
  const code = (value: unknown) => (value as { code?: unknown } | null | undefined)?.code
  return (
    code(error) === 'invalid_grant' ||
    code((error as { originalError?: unknown } | null)?.originalError) === 'invalid_grant'
  )
}

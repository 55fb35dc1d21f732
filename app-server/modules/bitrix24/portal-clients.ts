import type { B24OAuth } from '@bitrix24/b24jssdk'
import { eq, sql } from 'drizzle-orm'
import type { AppContext } from '../../context'
import { portals } from '../../db/schema'
import { withTransaction } from '../../db/transaction'
import { serviceUnavailable } from '../../errors'
import { newPortalClient, refreshAtOAuthServer, type ClientOptions, type TokenPayload } from './portal-client'
import { credentialsOf, findPortal, saveTokens } from './portals.repository'
import type { TokenCipher } from './token-cipher'

// A token refreshed by another process is reused while it has at least this long to live.
const REUSE_MARGIN_MS = 60_000
// Calls that failed with the previous token shortly after a refresh reuse the new one instead of refreshing again.
// Short: a pair the portal itself revoked soon after it was issued is refreshed again after this long.
const RECENT_MS = 5_000

/**
 * One B24OAuth client per portal (and per retry policy) in this process. Refreshes are serialised per portal
 * across processes by a database lock, and the new pair is stored before anyone uses it, because Bitrix24
 * refresh tokens are single-use.
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

  private async refreshLocked(portalId: string, current: false | { access_token: string }): Promise<TokenPayload> {
    try {
      return await withTransaction(this.ctx.db, async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`portal-refresh:${portalId}`}))`)
        const portal = await findPortal(tx, portalId)
        if (!portal || portal.status !== 'installed') throw serviceUnavailable('portal_unavailable')
        const stored = credentialsOf(portal, this.cipher)
        const seen = current ? current.access_token : undefined
        const msLeft = stored.expires * 1000 - this.ctx.clock.now().getTime()
        // Another process refreshed while this one waited for the lock: use its pair.
        if (stored.accessToken !== seen && msLeft > REUSE_MARGIN_MS) return payloadOf(stored, portal.serverEndpoint)
        const tokens = await refreshAtOAuthServer(this.ctx.config, stored)
        await saveTokens(tx, this.cipher, portalId, tokens, this.ctx.clock.now())
        return tokens
      })
    } catch (error) {
      if (isInvalidGrant(error)) await this.markNeedsReauth(portalId)
      throw error
    }
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

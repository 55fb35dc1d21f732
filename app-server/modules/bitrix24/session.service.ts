import { createHash } from 'node:crypto'
import type { Session } from '../../../shared/schemas/session.schema'
import type { AppContext } from '../../context'
import { AppError } from '../../errors'
import { signPartnerSession } from '../../http/auth/session-token'
import { newPortalClient } from './portal-client'
import { findPortalByMemberId, type PortalRow } from './portals.repository'

export interface PortalUser {
  id: string
  isAdmin: boolean
}

// A verified frame token is trusted for a minute, so reloading the app does not call the portal each time.
const CACHE_MS = 60_000

/**
 * Turns the frame's Bitrix24 token into an app session: the token is checked by the portal itself (`profile`
 * at the REST endpoint stored at install, never one the caller names), then a short-lived signed session bound
 * to portal, partner and user is issued.
 */
export class SessionIssuer {
  private readonly verified = new Map<string, { user: PortalUser; until: number }>()

  constructor(private readonly ctx: AppContext) {}

  /** @throws AppError `portal_not_installed`, `invalid_portal_token` (401). */
  async issue(input: { memberId: string; accessToken: string }): Promise<Session> {
    const portal = await findPortalByMemberId(this.ctx.db, input.memberId)
    if (!portal || portal.status === 'uninstalled') {
      throw unauthorized('portal_not_installed', 'The app is not installed on this portal.')
    }
    return this.sessionFor(portal, await this.verify(portal, input.accessToken))
  }

  /** A session for a verified user of the portal, e.g. again right after the portal was linked. */
  sessionFor(portal: PortalRow, user: PortalUser): Session {
    const now = this.ctx.clock.now()
    const ttl = this.ctx.config.PARTNER_SESSION_TTL_SECONDS
    const token = signPartnerSession(
      this.ctx.appSecret,
      {
        partnerId: portal.partnerId,
        portalId: portal.id,
        installGeneration: portal.installGeneration,
        userId: user.id,
        isAdmin: user.isAdmin,
      },
      now,
      ttl,
    )
    return {
      token,
      expiresAt: new Date(now.getTime() + ttl * 1000).toISOString(),
      portal: { id: portal.id, domain: portal.domain, linked: portal.partnerId !== null },
      user,
    }
  }

  private async verify(portal: PortalRow, accessToken: string): Promise<PortalUser> {
    const key = createHash('sha256').update(`${portal.id}:${accessToken}`).digest('base64url')
    const now = this.ctx.clock.now().getTime()
    const cached = this.verified.get(key)
    if (cached && cached.until > now) return cached.user
    const user = await this.askPortal(portal, accessToken)
    this.verified.set(key, { user, until: now + CACHE_MS })
    return user
  }

  private async askPortal(portal: PortalRow, accessToken: string): Promise<PortalUser> {
    const client = newPortalClient(
      this.ctx.config,
      {
        memberId: portal.memberId,
        domain: portal.domain,
        clientEndpoint: portal.clientEndpoint,
        accessToken,
        refreshToken: '',
        expires: Math.floor(this.ctx.clock.now().getTime() / 1000) + 600,
        applicationToken: '',
        scopes: portal.scopes,
      },
      { retryOnNetworkError: false },
    )
    // A user's token is theirs to renew in the browser; the server never refreshes it.
    client.setCustomRefreshAuth(() => Promise.reject(new Error('frame tokens are not refreshed here')))
    try {
      const result = await client.actions.v2.call.make<{ ID?: string | number; ADMIN?: boolean | string }>({
        method: 'profile',
        requestId: `session:profile:${portal.id}`,
      })
      const profile = result.isSuccess ? result.getData()?.result : undefined
      if (!profile?.ID) throw new Error('no profile')
      return {
        id: String(profile.ID),
        isAdmin: profile.ADMIN === true || profile.ADMIN === 'Y' || profile.ADMIN === 'true',
      }
    } catch (cause) {
      throw new AppError({
        ...unauthorizedOptions('invalid_portal_token', 'The portal did not accept this token; reload the app.'),
        cause,
      })
    }
  }
}

type PortalRefusal = 'portal_not_installed' | 'invalid_portal_token'

function unauthorizedOptions(code: PortalRefusal, detail: string) {
  return { code, title: 'Unauthorized', detail, headers: { 'WWW-Authenticate': 'Bearer realm="portal"' } }
}

function unauthorized(code: PortalRefusal, detail: string): AppError {
  return new AppError(unauthorizedOptions(code, detail))
}

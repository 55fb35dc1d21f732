import { randomHex } from '../core/random'

/** Access tokens live one hour, refresh tokens 180 days (D:settings/oauth/auto-renewal). */
export const ACCESS_TOKEN_TTL_SECONDS = 3600
export const REFRESH_TOKEN_TTL_SECONDS = 180 * 24 * 3600

interface TokenOwner {
  memberId: string
  clientId: string
  userId: number
}

export interface AccessTokenRecord extends TokenOwner {
  token: string
  expiresAt: number
  revoked: boolean
}

export interface RefreshTokenRecord extends TokenOwner {
  token: string
  expiresAt: number
  /** Refresh tokens are single-use: each refresh returns a new pair and retires the old refresh token. */
  used: boolean
  revoked: boolean
}

export interface TokenPair {
  access: AccessTokenRecord
  refresh: RefreshTokenRecord
}

/** Every token the emulated OAuth server has issued, for all portals (the real server is shared too). */
export class TokenStore {
  readonly #access = new Map<string, AccessTokenRecord>()
  readonly #refresh = new Map<string, RefreshTokenRecord>()
  readonly #now: () => number

  constructor(now: () => number) {
    this.#now = now
  }

  /** A new access token only, as handed to event handlers (which get no refresh token, D:api-reference/events/index). */
  issueAccess(owner: TokenOwner): AccessTokenRecord {
    const record = {
      ...owner,
      token: randomHex(32),
      expiresAt: this.#now() + ACCESS_TOKEN_TTL_SECONDS * 1000,
      revoked: false,
    }
    this.#access.set(record.token, record)
    return record
  }

  issuePair(owner: TokenOwner): TokenPair {
    const refresh = {
      ...owner,
      token: randomHex(32),
      expiresAt: this.#now() + REFRESH_TOKEN_TTL_SECONDS * 1000,
      used: false,
      revoked: false,
    }
    this.#refresh.set(refresh.token, refresh)
    return { access: this.issueAccess(owner), refresh }
  }

  findAccess(token: string): AccessTokenRecord | undefined {
    return this.#access.get(token)
  }

  findRefresh(token: string): RefreshTokenRecord | undefined {
    return this.#refresh.get(token)
  }

  /** Makes every live access token of a portal expired now (fault injection); refresh tokens stay valid. */
  expireAccessTokens(memberId: string): number {
    let count = 0
    for (const record of this.#access.values()) {
      if (record.memberId === memberId && !record.revoked && record.expiresAt > this.#now()) {
        record.expiresAt = this.#now()
        count += 1
      }
    }
    return count
  }

  /** Uninstall revokes the app's API access on that portal (D:api-reference/common/events/on-app-uninstall). */
  revokeInstallation(memberId: string, clientId: string): void {
    for (const record of [...this.#access.values(), ...this.#refresh.values()]) {
      if (record.memberId === memberId && record.clientId === clientId) record.revoked = true
    }
  }

  /** How many refresh tokens of one installation were consumed; lets tests assert "exactly one refresh". */
  countUsedRefreshTokens(memberId: string, clientId: string): number {
    return [...this.#refresh.values()].filter((r) => r.memberId === memberId && r.clientId === clientId && r.used)
      .length
  }
}

import { describe, expect, it } from 'vitest'
import { hashStatusToken, newStatusToken, statusTokenMatches } from '../../app-server/modules/requests/status-token'
import { STATUS_TOKEN_PATTERN } from '../../shared/schemas/request-status.schema'

describe("a client's status token", () => {
  it('is 256 random bits in base64url behind a prefix, and only its SHA-256 is kept', () => {
    const { token, hash } = newStatusToken()
    expect(token).toMatch(STATUS_TOKEN_PATTERN)
    expect(Buffer.from(token.slice(4), 'base64url')).toHaveLength(32)
    expect(hash).toBe(hashStatusToken(token))
    expect(hash).not.toContain(token.slice(4, 12))
  })

  it('never repeats', () => {
    const tokens = new Set(Array.from({ length: 1_000 }, () => newStatusToken().token))
    expect(tokens.size).toBe(1_000)
  })

  it('matches its own hash only', () => {
    const { token, hash } = newStatusToken()
    expect(statusTokenMatches(token, hash)).toBe(true)
    expect(statusTokenMatches(newStatusToken().token, hash)).toBe(false)
    expect(statusTokenMatches(`${token}x`, hash)).toBe(false)
    // A stored value of another length is refused before the constant-time comparison, not thrown on.
    expect(statusTokenMatches(token, hash.slice(1))).toBe(false)
  })
})

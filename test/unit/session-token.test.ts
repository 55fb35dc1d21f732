import { describe, expect, it } from 'vitest'
import { signPartnerSession, verifyPartnerSession } from '../../app-server/http/auth/session-token'

const SECRET = 'unit-secret-that-is-long-enough-for-hmac-0123456789'
const NOW = new Date('2026-03-01T10:00:00Z')
const SESSION = { partnerId: null, portalId: '7d3c1f0e-4a8b-4c2d-9e6f-1a2b3c4d5e6f', userId: '1', isAdmin: true }
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

describe('partner session tokens', () => {
  it('when a token is signed, then it verifies until it expires', () => {
    const token = signPartnerSession(SECRET, { ...SESSION, installGeneration: 3 }, NOW, 60)
    const verified = verifyPartnerSession(SECRET, token, NOW)
    expect(verified).toMatchObject({ ok: true, claims: { portalId: SESSION.portalId, installGeneration: 3 } })
    expect(verifyPartnerSession(SECRET, token, new Date(NOW.getTime() + 60_000))).toEqual({
      ok: false,
      reason: 'expired',
    })
  })

  it('when the signature differs only in bits its last character carries beyond the digest, then it is refused', () => {
    const token = signPartnerSession(SECRET, SESSION, NOW, 60)
    const signature = token.split('.')[2]!
    const last = signature.at(-1)!
    // 43 characters carry 258 bits for a 256-bit digest: several last characters decode to the same bytes.
    const twins = [...ALPHABET].filter(
      (char) =>
        char !== last &&
        Buffer.from(signature.slice(0, -1) + char, 'base64url').equals(Buffer.from(signature, 'base64url')),
    )
    expect(twins.length).toBeGreaterThan(0)
    for (const twin of twins) {
      expect(verifyPartnerSession(SECRET, token.slice(0, -1) + twin, NOW)).toEqual({
        ok: false,
        reason: 'bad_signature',
      })
    }
  })

  it('when the signature has padding or other trailing characters, then it is refused', () => {
    const token = signPartnerSession(SECRET, SESSION, NOW, 60)
    for (const suffix of ['=', '==', ' ']) {
      expect(verifyPartnerSession(SECRET, token + suffix, NOW).ok).toBe(false)
    }
  })
})

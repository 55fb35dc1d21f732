import { describe, expect, it } from 'vitest'
import { TokenCipher } from '../../app-server/modules/bitrix24/token-cipher'

describe('portal tokens at rest', () => {
  const cipher = new TokenCipher('a-secret-that-is-long-enough-for-the-app-0001')

  it('round-trips a token and never stores it in the clear or the same way twice', () => {
    const sealed = cipher.encrypt('access-token-123')
    expect(sealed).not.toContain('access-token-123')
    expect(cipher.encrypt('access-token-123')).not.toBe(sealed)
    expect(cipher.decrypt(sealed)).toBe('access-token-123')
  })

  it('refuses a tampered token or one sealed under another secret', () => {
    const sealed = cipher.encrypt('refresh-token-456')
    const parts = sealed.split('.')
    const flipped = [
      ...parts.slice(0, 3),
      Buffer.from('x' + Buffer.from(parts[3]!, 'base64url').toString('latin1').slice(1), 'latin1').toString(
        'base64url',
      ),
    ].join('.')
    expect(() => cipher.decrypt(flipped)).toThrow()
    expect(() => new TokenCipher('another-secret-that-is-long-enough-000002').decrypt(sealed)).toThrow()
    expect(() => cipher.decrypt('plain-text')).toThrow('not an encrypted secret')
  })
})

import { describe, expect, it } from 'vitest'
import { LINK_CODE_ALPHABET, LINK_CODE_EXAMPLE, linkCode, looksLikeLinkCode } from '../../../shared/domain/link-code'

describe('link codes', () => {
  it('are three groups of four characters from an alphabet without look-alikes', () => {
    expect(linkCode(() => 0)).toBe('AAAA-AAAA-AAAA')
    expect(looksLikeLinkCode('ZJPN-K2QV-9ECD')).toBe(true)
    for (const lookAlike of ['0', 'O', '1', 'I', 'L']) expect(LINK_CODE_ALPHABET).not.toContain(lookAlike)
    expect(looksLikeLinkCode('7KQ2-M9XD')).toBe(false)
    expect(looksLikeLinkCode('Z0PN-K2QV-9ECD')).toBe(false)
  })

  it("give the partner app's example the format of a real code", () => {
    expect(looksLikeLinkCode(LINK_CODE_EXAMPLE)).toBe(true)
  })
})

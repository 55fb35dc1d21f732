import { timingSafeEqual } from 'node:crypto'
import type { PortalRow } from './portals.repository'
import type { TokenCipher } from './token-cipher'

/**
 * Compares a presented application token with the one stored at install, in constant time. Bitrix24 issues one
 * per installation and signs nothing else, so it is what tells the current installation's calls from others.
 */
export function applicationTokenMatches(portal: PortalRow, cipher: TokenCipher, presented: string): boolean {
  const stored = Buffer.from(cipher.decrypt(portal.applicationTokenEnc))
  const given = Buffer.from(presented)
  return stored.length === given.length && timingSafeEqual(stored, given)
}

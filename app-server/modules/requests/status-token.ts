import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** A client's private status token: 256 random bits, shown once; only its SHA-256 is stored. */
export function newStatusToken(): { token: string; hash: string } {
  const token = `rst_${randomBytes(32).toString('base64url')}`
  return { token, hash: hashStatusToken(token) }
}

export function hashStatusToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url')
}

/** Compares a presented token with a stored hash in constant time. */
export function statusTokenMatches(token: string, storedHash: string): boolean {
  const presented = Buffer.from(hashStatusToken(token))
  const stored = Buffer.from(storedHash)
  return presented.length === stored.length && timingSafeEqual(presented, stored)
}

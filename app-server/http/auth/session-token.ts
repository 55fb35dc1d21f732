import { createHmac, timingSafeEqual } from 'node:crypto'
import { z } from 'zod'

/**
 * Compact HS256 JSON Web Tokens for partner sessions: short-lived, bound to a portal, the installation of the
 * app on it, a partner and a Bitrix24 user, and carried as bearer tokens (no cookies inside the Bitrix24 iframe).
 */
export const PartnerSessionClaimsSchema = z.object({
  typ: z.literal('partner'),
  /** The partner this portal is linked to; null until a manager's link code links it. */
  sub: z.uuid().nullable(),
  portalId: z.string().nullable(),
  /** The portal's install generation when the session was issued; a token without one ends like an old one. */
  installGeneration: z.number().int().nullable().default(null),
  userId: z.string().nullable(),
  isAdmin: z.boolean(),
  iat: z.number().int(),
  exp: z.number().int(),
})
export type PartnerSessionClaims = z.infer<typeof PartnerSessionClaimsSchema>

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url')

function signature(secret: string, data: string): Buffer {
  return createHmac('sha256', `session:${secret}`).update(data).digest()
}

export interface PartnerSessionInput {
  partnerId: string | null
  portalId: string | null
  /** The portal's `installGeneration`; the session ends when it changes. */
  installGeneration?: number | null
  userId: string | null
  isAdmin: boolean
}

/** Signs a partner session valid for `ttlSeconds` from `now`. */
export function signPartnerSession(secret: string, input: PartnerSessionInput, now: Date, ttlSeconds: number): string {
  const iat = Math.floor(now.getTime() / 1000)
  const claims: PartnerSessionClaims = {
    typ: 'partner',
    sub: input.partnerId,
    portalId: input.portalId,
    installGeneration: input.installGeneration ?? null,
    userId: input.userId,
    isAdmin: input.isAdmin,
    iat,
    exp: iat + ttlSeconds,
  }
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url')
  return `${HEADER}.${payload}.${signature(secret, `${HEADER}.${payload}`).toString('base64url')}`
}

export type VerifyResult =
  { ok: true; claims: PartnerSessionClaims } | { ok: false; reason: 'malformed' | 'bad_signature' | 'expired' }

/**
 * Checks the signature in constant time, then the claims and the expiry. The signature is compared as the
 * exact text it was issued as: base64url decoding is lenient (padding, and the spare low bits of the last
 * character, are ignored), so several texts decode to the same bytes and only one of them was issued.
 */
export function verifyPartnerSession(secret: string, token: string, now: Date): VerifyResult {
  const parts = token.split('.')
  if (parts.length !== 3 || parts[0] !== HEADER) return { ok: false, reason: 'malformed' }
  const [header, payload, given] = parts as [string, string, string]
  const expected = Buffer.from(signature(secret, `${header}.${payload}`).toString('base64url'))
  const actual = Buffer.from(given)
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected))
    return { ok: false, reason: 'bad_signature' }
  let claims: PartnerSessionClaims
  try {
    claims = PartnerSessionClaimsSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')))
  } catch {
    return { ok: false, reason: 'malformed' }
  }
  if (claims.exp * 1000 <= now.getTime()) return { ok: false, reason: 'expired' }
  return { ok: true, claims }
}

import { Secret, TOTP } from 'otpauth'
import QRCode from 'qrcode'
import { SecretCipher } from '../../secret-cipher'

/** The name authenticator apps show next to the code. */
const ISSUER = 'Bitrix24 Implementation Requests'
const PERIOD_SECONDS = 30

/** TOTP secrets are encrypted at rest under their own key, derived from the app secret. */
export function totpCipher(appSecret: string): SecretCipher {
  return new SecretCipher(appSecret, 'manager-totp')
}

/** A new random secret (160 bits, as RFC 4226 recommends), in Base32 as authenticators take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32
}

function totp(secret: string, label: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    secret: Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
  })
}

/** What a manager needs to set up an authenticator: the secret, its otpauth URI and that URI as a QR code. */
export async function enrolmentFor(secret: string, email: string) {
  const otpauthUri = totp(secret, email).toString()
  const svg = await QRCode.toString(otpauthUri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' })
  return { secret, otpauthUri, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` }
}

/**
 * The time step of `code` if it is the secret's code now or one step before or after (clocks drift), else null.
 * Callers accept a step only once, so a code cannot be replayed.
 */
export function matchingStep(secret: string, code: string, now: Date): number | null {
  const delta = totp(secret, '').validate({ token: code, timestamp: now.getTime(), window: 1 })
  if (delta === null) return null
  return Math.floor(now.getTime() / 1000 / PERIOD_SECONDS) + delta
}

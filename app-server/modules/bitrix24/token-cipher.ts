import { SecretCipher } from '../../secret-cipher'

/**
 * Encrypts portal tokens at rest with AES-256-GCM under a key derived (HKDF-SHA256) from the app secret,
 * so a copy of the database alone does not give access to partners' portals.
 */
export class TokenCipher extends SecretCipher {
  constructor(appSecret: string) {
    super(appSecret, 'portal-tokens')
  }
}

import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

const VERSION = 'v1'

/**
 * Encrypts secrets at rest with AES-256-GCM under a key derived (HKDF-SHA256) from the app secret for one
 * purpose, so a copy of the database alone reveals none of them and each purpose has its own key.
 */
export class SecretCipher {
  private readonly key: Buffer

  constructor(appSecret: string, purpose: string) {
    this.key = Buffer.from(hkdfSync('sha256', appSecret, 'b24-implementation-requests', purpose, 32))
  }

  encrypt(plain: string): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv('aes-256-gcm', this.key, iv)
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return [VERSION, iv, cipher.getAuthTag(), data]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.')
  }

  /** @throws Error when the text was not produced by this key (tampered, or another secret). */
  decrypt(text: string): string {
    const [version, iv, tag, data] = text.split('.')
    if (version !== VERSION || !iv || !tag || data === undefined) throw new Error('not an encrypted secret')
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'))
    decipher.setAuthTag(Buffer.from(tag, 'base64url'))
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8')
  }
}

import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Config } from './config'
import type { Logger } from './logger'

/**
 * The secret that signs sessions and derives encryption keys. Production sets APP_SECRET. Without it, an
 * embedded-database installation keeps a generated secret beside its data so sessions survive restarts;
 * a throwaway or server database gets a per-process secret, with a warning.
 */
export function resolveAppSecret(config: Config, logger: Logger): string {
  if (config.APP_SECRET) return config.APP_SECRET
  if (!config.DATABASE_URL && !config.PGLITE_DIR.startsWith('memory://')) {
    const dir = resolve(config.PGLITE_DIR)
    const file = join(dir, 'app-secret')
    if (existsSync(file)) return readFileSync(file, 'utf8').trim()
    mkdirSync(dir, { recursive: true })
    const secret = randomBytes(32).toString('base64url')
    writeFileSync(file, secret, { mode: 0o600 })
    logger.info('APP_SECRET not set: generated one and stored it beside the embedded database')
    return secret
  }
  logger.warn('APP_SECRET not set: using a per-process secret; sessions end when the process stops. Set APP_SECRET.')
  return randomBytes(32).toString('base64url')
}

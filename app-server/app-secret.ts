import { randomBytes } from 'node:crypto'
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import type { Config } from './config'
import type { Logger } from './logger'

/** Where versions before APP_SECRET_FILE kept a generated secret: inside the embedded database's directory. */
const LEGACY_FILE_NAME = 'app-secret'

/**
 * The secret that signs sessions and derives the key encrypting portal tokens. Production sets APP_SECRET.
 * Without it, the secret is read from APP_SECRET_FILE; an embedded-database installation generates that file
 * on its first start so sessions and stored tokens survive restarts. The file lies outside the data directory
 * (config refuses one inside), so a copy of the data alone does not decrypt the tokens in it. A throwaway or
 * server database without either gets a per-process secret, with a warning.
 * @throws Error when the data directory and APP_SECRET_FILE hold different secrets, or the file holds too short a one.
 */
export function resolveAppSecret(config: Config, logger: Logger): string {
  const file = resolve(config.APP_SECRET_FILE)
  const embedded = !config.DATABASE_URL && !config.PGLITE_DIR.startsWith('memory://')
  if (embedded) moveOutOfDataDirectory(join(resolve(config.PGLITE_DIR), LEGACY_FILE_NAME), file, logger)
  if (config.APP_SECRET) return config.APP_SECRET
  if (existsSync(file)) return readSecret(file)
  if (embedded) {
    mkdirSync(dirname(file), { recursive: true })
    try {
      // `wx`: when two processes start at once, the second reads what the first wrote.
      writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' })
      logger.info({ file }, 'APP_SECRET not set: generated one in APP_SECRET_FILE; keep that file, apart from the data')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    return readSecret(file)
  }
  logger.warn('APP_SECRET not set: using a per-process secret; sessions end when the process stops. Set APP_SECRET.')
  return randomBytes(32).toString('base64url')
}

function readSecret(file: string): string {
  const secret = readFileSync(file, 'utf8').trim()
  if (secret.length < 32) throw new Error(`APP_SECRET_FILE ${file} must hold at least 32 characters`)
  return secret
}

/** Moves a secret an earlier version generated inside the data directory to APP_SECRET_FILE. */
function moveOutOfDataDirectory(legacy: string, file: string, logger: Logger): void {
  if (!existsSync(legacy)) return
  if (existsSync(file)) {
    if (readFileSync(legacy, 'utf8').trim() !== readFileSync(file, 'utf8').trim()) {
      throw new Error(
        `${legacy} and APP_SECRET_FILE ${file} hold secrets that differ: keep the one this data was created with ` +
          `as APP_SECRET_FILE and delete the other`,
      )
    }
    unlinkSync(legacy)
    logger.info({ from: legacy, to: file }, 'removed a copy of the app secret from the data directory')
    return
  }
  mkdirSync(dirname(file), { recursive: true })
  try {
    renameSync(legacy, file)
  } catch (error) {
    // Another file system: copy, then delete, so the secret is never only in memory.
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error
    copyFileSync(legacy, file)
    unlinkSync(legacy)
  }
  chmodSync(file, 0o600)
  logger.info({ from: legacy, to: file }, 'moved the app secret out of the data directory to APP_SECRET_FILE')
}

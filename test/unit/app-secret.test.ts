import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { resolveAppSecret } from '../../app-server/app-secret'
import { ConfigError, loadConfig } from '../../app-server/config'
import { captureLogger } from '../support/captured-logger'

const OLD_SECRET = 'a-secret-generated-by-an-earlier-version-0123456789'

describe('the app secret of an embedded installation', () => {
  let root: string
  let dataDir: string
  let secretFile: string
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'app-secret-'))
    dataDir = join(root, 'data')
    secretFile = join(root, 'app-secret')
  })
  afterEach(() => rmSync(root, { recursive: true, force: true }))

  const config = (env: Record<string, string> = {}) =>
    loadConfig({ PGLITE_DIR: dataDir, APP_SECRET_FILE: secretFile, ...env })

  it('when nothing is configured, then the key file lies outside the data directory', () => {
    const defaults = loadConfig({})
    expect(defaults.APP_SECRET_FILE).toBe('./app-secret')
    expect(defaults.APP_SECRET_FILE.startsWith(defaults.PGLITE_DIR)).toBe(false)
  })

  it('when no secret is set, then one is generated outside the data directory and kept across restarts', () => {
    const { logger } = captureLogger()
    const secret = resolveAppSecret(config(), logger)
    expect(secret.length).toBeGreaterThanOrEqual(32)
    expect(readFileSync(secretFile, 'utf8').trim()).toBe(secret)
    expect(statSync(secretFile).mode & 0o777).toBe(0o600)
    expect(existsSync(join(dataDir, 'app-secret'))).toBe(false)
    expect(resolveAppSecret(config(), logger)).toBe(secret)
  })

  it('when an earlier version left the key in the data directory, then it is moved out with a log line', () => {
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(join(dataDir, 'app-secret'), OLD_SECRET, { mode: 0o644 })
    const { logger, lines } = captureLogger()
    expect(resolveAppSecret(config(), logger)).toBe(OLD_SECRET)
    expect(existsSync(join(dataDir, 'app-secret'))).toBe(false)
    expect(readFileSync(secretFile, 'utf8').trim()).toBe(OLD_SECRET)
    expect(statSync(secretFile).mode & 0o777).toBe(0o600)
    expect(lines.join('\n')).toContain('moved the app secret out of the data directory')
    expect(lines.join('\n')).not.toContain(OLD_SECRET)
  })

  it('when APP_SECRET is set, then it is used and no key stays in the data directory', () => {
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(join(dataDir, 'app-secret'), OLD_SECRET)
    const { logger } = captureLogger()
    const configured = 'a-configured-secret-that-is-long-enough-0123456789'
    expect(resolveAppSecret(config({ APP_SECRET: configured }), logger)).toBe(configured)
    expect(existsSync(join(dataDir, 'app-secret'))).toBe(false)
  })

  it('when the data directory and the key file hold different secrets, then the start stops naming both', () => {
    mkdirSync(dataDir, { recursive: true })
    writeFileSync(join(dataDir, 'app-secret'), OLD_SECRET)
    writeFileSync(secretFile, 'another-secret-that-is-also-long-enough-0123456789')
    const { logger } = captureLogger()
    expect(() => resolveAppSecret(config(), logger)).toThrow(/app-secret.*differ/)
    expect(existsSync(join(dataDir, 'app-secret'))).toBe(true)
  })

  it('when the key file is configured inside the data directory, then boot stops with one line', () => {
    expect(() => loadConfig({ PGLITE_DIR: dataDir, APP_SECRET_FILE: join(dataDir, 'key') })).toThrow(ConfigError)
    expect(() => loadConfig({ PGLITE_DIR: dataDir, APP_SECRET_FILE: join(dataDir, 'key') })).toThrow(
      /APP_SECRET_FILE=.*outside PGLITE_DIR/,
    )
  })

  it('when a server database is used without APP_SECRET, then an existing key file is read', () => {
    writeFileSync(secretFile, `${OLD_SECRET}\n`)
    const { logger } = captureLogger()
    expect(resolveAppSecret(config({ DATABASE_URL: 'postgres://x@127.0.0.1/db' }), logger)).toBe(OLD_SECRET)
  })
})

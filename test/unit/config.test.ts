import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../app-server/config'

describe('configuration', () => {
  it('when nothing is set, then it runs on port 3000 with PGlite in ./data', () => {
    const config = loadConfig({})
    expect(config.PORT).toBe(3000)
    expect(config.DATABASE_URL).toBeUndefined()
    expect(config.PGLITE_DIR).toBe('./data')
    expect(config.NODE_ENV).toBe('production')
  })

  it.each([
    [{ PORT: 'abc' }, 'Invalid configuration: PORT=abc: must be a port number'],
    [{ PORT: '70000' }, 'Invalid configuration: PORT=70000: must be between 0 and 65535'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL=loud'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL=***: must be a postgres:// connection string'],
    [{ MIGRATE_ON_START: 'maybe' }, 'MIGRATE_ON_START=maybe: must be true or false'],
    [{ PORTAL_FRAME_ANCESTORS: 'not an origin' }, 'PORTAL_FRAME_ANCESTORS=not an origin'],
  ])('when %o is set, then boot stops with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(message)
    try {
      loadConfig(env)
    } catch (error) {
      expect((error as Error).message).not.toContain('\n')
    }
  })

  it('when a variable is empty, then its default applies', () => {
    expect(loadConfig({ PORT: '' }).PORT).toBe(3000)
  })

  it('when origins are listed, then they are split on commas and spaces', () => {
    const config = loadConfig({ PORTAL_FRAME_ANCESTORS: 'https://crm.example.com, https://b24.example.org' })
    expect(config.PORTAL_FRAME_ANCESTORS).toEqual(['https://crm.example.com', 'https://b24.example.org'])
  })
})

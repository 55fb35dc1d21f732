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
    [{ RATING_OPEN_LIMITS: '2,5,8' }, 'RATING_OPEN_LIMITS=2,5,8: must be 4 numbers separated by commas'],
    [{ RATING_MONTHLY_LIMITS: '6,20,x,80' }, 'RATING_MONTHLY_LIMITS=6,20,x,80: must be 4 numbers'],
    [{ RATING_OPEN_LIMITS: '0,5,8,10' }, 'RATING_OPEN_LIMITS=0,5,8,10: each must be at least 1'],
    [{ RATING_EARLY_ACCESS_HOURS: '24,6,2,-1' }, 'RATING_EARLY_ACCESS_HOURS=24,6,2,-1: each must be at least 0'],
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

  it('when rating tiers are configured, then each list gives one value per tier, lowest first', () => {
    expect(loadConfig({}).RATING_OPEN_LIMITS).toEqual([2, 5, 8, 10])
    const config = loadConfig({ RATING_MONTHLY_LIMITS: '1, 2, 3, 4', RATING_EARLY_ACCESS_HOURS: '12,3,0.5,0' })
    expect(config.RATING_MONTHLY_LIMITS).toEqual([1, 2, 3, 4])
    expect(config.RATING_EARLY_ACCESS_HOURS).toEqual([12, 3, 0.5, 0])
  })
})

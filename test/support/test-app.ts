import express, { type Express } from 'express'
import { createApp } from '../../app-server/app'
import { ManualClock } from '../../app-server/clock'
import { loadConfig, type Config } from '../../app-server/config'
import type { AppContext } from '../../app-server/context'
import type { Database } from '../../app-server/db/client'
import { captureLogger } from './captured-logger'
import { LeakRecorder } from './leak-recorder'
import { openTestDatabase } from './test-database'

/**
 * Suites about reserving, feeds and CRM sync reserve at the instant a request is published and many times per
 * partner; the rating's tier limits and early access would get in their way. Rating tests pass their own values.
 */
const RATING_OFF = {
  RATING_OPEN_LIMITS: '1000000,1000000,1000000,1000000',
  RATING_MONTHLY_LIMITS: '1000000,1000000,1000000,1000000',
  RATING_EARLY_ACCESS_HOURS: '0,0,0,0',
}

/**
 * Link attempts are limited per client address, and on PostgreSQL every test file shares one database and the
 * address 127.0.0.1: suites that link portals would use up each other's allowance. The throttle's own test sets it.
 */
const LINK_THROTTLE_OFF = { LINK_CODE_RATE_LIMIT: '1000000' }

/** Suites move the clock by hours between one manager's calls; the idle expiry's own test sets a short one. */
const MANAGER_IDLE_OFF = { MANAGER_IDLE_MINUTES: String(12 * 60) }

export const TEST_APP_SECRET = 'test-secret-that-is-long-enough-for-hmac-0123456789'

export interface TestApp {
  app: Express
  ctx: AppContext
  database: Database
  config: Config
  clock: ManualClock
  logLines: string[]
  recorder: LeakRecorder
  /** Resolves when the Bitrix24 events received so far have been handled (they are handled after the 200). */
  whenEventsHandled(): Promise<void>
  close(): Promise<void>
}

export interface TestAppOptions {
  /** Serve client pages from this build directory. */
  clientBuildDir?: string
  /** Start the clock here; it stands still until a test moves it. */
  now?: Date | string
  /** A database of this file's own also on PostgreSQL (see `openTestDatabase`). */
  ownDatabase?: boolean
}

/** The real app on this file's test database, with a movable clock and its log output captured. */
export async function createTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'debug',
    PASSWORD_HASH_COST: 'fast',
    ...RATING_OFF,
    ...LINK_THROTTLE_OFF,
    ...MANAGER_IDLE_OFF,
    ...env,
  })
  const database = await openTestDatabase({ own: options.ownDatabase ?? false })
  const { logger, lines } = captureLogger(config.LOG_LEVEL)
  const clock = new ManualClock(options.now ?? new Date())
  const ctx: AppContext = { db: database.db, clock, logger, config, appSecret: TEST_APP_SECRET }
  const recorder = new LeakRecorder(database.db, ctx.appSecret, () => clock.now())
  const app = express()
  app.set('trust proxy', 'loopback')
  app.use(recorder.middleware())
  const inner = createApp({
    ctx,
    database,
    servePages: Boolean(options.clientBuildDir),
    ...(options.clientBuildDir ? { clientBuildDir: options.clientBuildDir } : {}),
  })
  app.use(inner)
  return {
    app,
    ctx,
    database,
    config,
    clock,
    logLines: lines,
    recorder,
    whenEventsHandled: () => (inner.locals.whenEventsHandled as () => Promise<void>)(),
    // Every test file ends by proving it leaked no client contact to a partner without a reservation, or to a log.
    close: async () => {
      const leaks = [...(await recorder.leaks()), ...(await recorder.logLeaks(lines)).map((line) => `log: ${line}`)]
      await database.close()
      if (leaks.length > 0) throw new Error(`Client contact data leaked:\n${leaks.slice(0, 20).join('\n')}`)
    },
  }
}

import type { Express } from 'express'
import { createApp } from '../../app-server/app'
import { loadConfig, type Config } from '../../app-server/config'
import type { Database } from '../../app-server/db/client'
import { captureLogger } from './captured-logger'
import { openTestDatabase } from './test-database'

export interface TestApp {
  app: Express
  database: Database
  config: Config
  logLines: string[]
  close(): Promise<void>
}

export interface TestAppOptions {
  /** Serve client pages from this build directory. */
  clientBuildDir?: string
}

/** The real app on this file's test database, API only, with its log output captured. */
export async function createTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'debug', ...env })
  const database = await openTestDatabase()
  const { logger, lines } = captureLogger(config.LOG_LEVEL)
  const app = createApp({
    config,
    database,
    logger,
    servePages: Boolean(options.clientBuildDir),
    ...(options.clientBuildDir ? { clientBuildDir: options.clientBuildDir } : {}),
  })
  return { app, database, config, logLines: lines, close: () => database.close() }
}

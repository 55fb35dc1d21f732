import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import type { ViteDevServer } from 'vite'
import { createApp } from './app'
import { gracefulClose } from './http/graceful-close'
import { systemClock } from './clock'
import { ConfigError, loadConfig, loadDotEnv, type Config } from './config'
import { openDatabase, type Database } from './db/client'
import { runMigrations } from './db/migrate'
import { resolveAppSecret } from './app-secret'
import type { AppContext } from './context'
import { createWorker } from './jobs/registry'
import { PortalClients, TokenCipher } from './modules/bitrix24'
import type { Worker } from './jobs/worker'
import { createLogger, type Logger } from './logger'
import { isDemoMode } from './demo/demo-mode'
import type { RunningDemo } from './demo/start-demo'
import { answerClientErrorsWithProblems } from './http/client-errors'

/** A running service: what shutdown has to stop, in order. */
interface Running {
  server?: Server
  /** Stops the server, ending busy keep-alive connections with their current answer. */
  closeServer?: () => Promise<void>
  /** Resolves when Bitrix24 events received before the shutdown have been handled. */
  whenEventsHandled?: () => Promise<void>
  worker?: Worker
  vite?: ViteDevServer
  demo?: RunningDemo
  database: Database
}

async function main(): Promise<void> {
  let config = loadConfigOrExit()
  const logger = createLogger({ level: config.LOG_LEVEL })
  // Demo code is loaded only without Bitrix24 credentials; a configured installation never imports it.
  const demo = isDemoMode(config) ? await (await import('./demo/start-demo')).startDemo(config, logger) : undefined
  if (demo) config = demo.config
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    pgliteDir: config.PGLITE_DIR,
    poolSize: config.DATABASE_POOL_SIZE,
    onConnectionError: (error) => logger.warn({ err: error }, 'database connection lost; the pool reconnects'),
  })
  if (config.MIGRATE_ON_START) {
    const applied = await runMigrations(database)
    logger.info({ applied, database: database.driver }, applied ? 'migrations applied' : 'database schema up to date')
  }

  const ctx: AppContext = {
    db: database.db,
    clock: systemClock,
    logger,
    config,
    appSecret: resolveAppSecret(config, logger),
  }
  const running: Running = { database, ...(demo ? { demo } : {}) }
  // One SDK client per portal in this process, whichever roles it runs.
  const portalClients = new PortalClients(ctx, new TokenCipher(ctx.appSecret))
  if (config.ROLE !== 'worker') {
    if (config.NODE_ENV === 'development') running.vite = await startVite()
    const app = createApp({
      ctx,
      database,
      portalClients,
      ...(running.vite ? { vite: running.vite } : {}),
      ...(demo ? { extraRoutes: demo.router } : {}),
    })
    running.whenEventsHandled = app.locals.whenEventsHandled as () => Promise<void>
    running.server = await listen(app, config, logger, database)
    running.closeServer = gracefulClose(running.server).close
  }
  if (config.ROLE !== 'web') {
    running.worker = createWorker(ctx, { portalClients })
    running.worker.start()
  }
  if (demo && running.server) {
    const { port } = running.server.address() as AddressInfo
    demo.announce(`http://${browserHost(config)}:${port}`)
    void demo.seed(ctx, `http://127.0.0.1:${port}`)
  }
  handleShutdownSignals(running, config, logger)
}

/** The host to open in a browser: a server listening on every interface is reached as localhost. */
function browserHost(config: Config): string {
  return config.HOST === '0.0.0.0' ? 'localhost' : config.HOST
}

function loadConfigOrExit(): Config {
  try {
    loadDotEnv()
    return loadConfig()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    process.stderr.write(`${error.message}\n`)
    process.exit(1)
  }
}

async function startVite(): Promise<ViteDevServer> {
  const { createServer } = await import('vite')
  return createServer({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    server: { middlewareMode: true },
    appType: 'custom',
  })
}

function listen(
  app: ReturnType<typeof createApp>,
  config: Config,
  logger: Logger,
  database: Database,
): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(config.PORT, config.HOST, (error?: Error) => {
      if (error) return reject(error)
      const { port } = server.address() as AddressInfo
      logger.info(
        { url: `http://${browserHost(config)}:${port}`, database: database.driver, role: config.ROLE },
        'listening',
      )
      resolve(server)
    })
    answerClientErrorsWithProblems(server)
  })
}

/** SIGTERM/SIGINT: stop accepting, let requests in flight finish, stop jobs, close the database, exit 0. */
function handleShutdownSignals(running: Running, config: Config, logger: Logger): void {
  let stopping = false
  const shutdown = async (signal: NodeJS.Signals) => {
    if (stopping) return
    stopping = true
    logger.info({ signal }, 'shutting down')
    const force = setTimeout(() => {
      logger.error('shutdown timed out, exiting')
      process.exit(1)
    }, config.SHUTDOWN_TIMEOUT_MS)
    force.unref()
    await running.closeServer?.()
    await running.whenEventsHandled?.()
    await running.worker?.stop()
    await running.vite?.close()
    await running.demo?.close()
    await running.database.close()
    logger.info('stopped')
    process.exit(0)
  }
  process.once('SIGTERM', (signal) => void shutdown(signal))
  process.once('SIGINT', (signal) => void shutdown(signal))
}

main().catch((error: unknown) => {
  process.stderr.write(`Failed to start: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})

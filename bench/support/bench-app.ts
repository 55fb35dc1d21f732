import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { systemClock } from '../../app-server/clock'
import { signPartnerSession } from '../../app-server/http/auth/session-token'

export interface BenchApp {
  baseUrl: string
  /** The service process, whose memory a benchmark may sample. */
  pid: number
  /** The APP_SECRET the service runs with; a worker process on the same database needs it too. */
  appSecret: string
  /** A bearer token for the partner, signed with this app's secret. */
  partnerToken(partnerId: string): string
  close(): Promise<void>
}

const MAIN = fileURLToPath(new URL('../../app-server/main.ts', import.meta.url))
const SESSION_TTL_SECONDS = 3_600

/**
 * The real service (`app-server/main.ts`, web role, production mode) in a process of its own, as it would be
 * deployed, so the load generator does not share the server's event loop.
 */
export async function startBenchApp(databaseUrl: string, env: Record<string, string> = {}): Promise<BenchApp> {
  const appSecret = randomBytes(32).toString('base64url')
  const port = await freePort()
  const child = spawnService('web', databaseUrl, appSecret, {
    HOST: '127.0.0.1',
    PORT: String(port),
    RESERVATION_OPEN_LIMIT: '1000000',
    // The reservation benchmarks measure the reserve path, not the rating's limits or early access.
    RATING_OPEN_LIMITS: '1000000,1000000,1000000,1000000',
    RATING_MONTHLY_LIMITS: '1000000,1000000,1000000,1000000',
    RATING_EARLY_ACCESS_HOURS: '0,0,0,0',
    PARTNER_SESSION_TTL_SECONDS: String(SESSION_TTL_SECONDS),
    ...env,
  })
  const baseUrl = `http://127.0.0.1:${port}`
  await waitForHealth(baseUrl, child)
  const tokens = new Map<string, string>()
  return {
    baseUrl,
    pid: child.pid!,
    appSecret,
    partnerToken: (partnerId) => {
      let token = tokens.get(partnerId)
      if (!token) {
        const session = { partnerId, portalId: null, userId: '1', isAdmin: true }
        token = signPartnerSession(appSecret, session, systemClock.now(), SESSION_TTL_SECONDS)
        tokens.set(partnerId, token)
      }
      return token
    },
    close: () => stop(child),
  }
}

export interface BenchWorker {
  /** Stops the worker gracefully (SIGTERM). */
  close(): Promise<void>
}

/** The service's worker role in a process of its own, on the bench database. */
export function startBenchWorker(
  databaseUrl: string,
  appSecret: string,
  env: Record<string, string> = {},
): BenchWorker {
  const child = spawnService('worker', databaseUrl, appSecret, env)
  return { close: () => stop(child) }
}

/** `app-server/main.ts` in one role, in production mode, on the bench database, without the demo. */
function spawnService(
  role: 'web' | 'worker',
  databaseUrl: string,
  appSecret: string,
  env: Record<string, string>,
): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      ROLE: role,
      // Without Bitrix24 credentials the service would start the demo, on an in-memory database of its own.
      DEMO: 'off',
      LOG_LEVEL: 'warn',
      DATABASE_URL: databaseUrl,
      MIGRATE_ON_START: 'false',
      APP_SECRET: appSecret,
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      )
    })
  })
}

async function waitForHealth(baseUrl: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the service exited with code ${child.exitCode}`)
    const ok = await fetch(`${baseUrl}/api/health`).then(
      (response) => response.ok,
      () => false,
    )
    if (ok) return
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error('the service did not become healthy within 60 s')
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}

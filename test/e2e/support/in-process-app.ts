import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { createApp } from '../../../app-server/app'
import { ManualClock } from '../../../app-server/clock'
import { loadConfig } from '../../../app-server/config'
import type { AppContext } from '../../../app-server/context'
import { openDatabase, type Database } from '../../../app-server/db/client'
import { runMigrations } from '../../../app-server/db/migrate'
import { partners } from '../../../app-server/db/schema'
import { signPartnerSession } from '../../../app-server/http/auth/session-token'
import { createLogger } from '../../../app-server/logger'
import { REPO_ROOT } from './server'

export interface InProcessApp {
  baseUrl: string
  ctx: AppContext
  database: Database
  clock: ManualClock
  /** An approved partner covering `country`, and the bearer header of its session. */
  givenPartner(
    fields: Partial<typeof partners.$inferInsert> & { companyName: string; registeredCountry: string },
  ): Promise<{
    id: string
    headers: Record<string, string>
  }>
  stop(): Promise<void>
}

/**
 * The real app serving the built client, in this process on an in-memory database with a movable clock,
 * so a browser test can act as a partner through the API and let days pass.
 */
export async function startInProcessApp(env: Record<string, string> = {}): Promise<InProcessApp> {
  const config = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    PGLITE_DIR: 'memory://',
    APP_SECRET: 'e2e-secret-that-is-long-enough-for-hmac-0123456789',
    ...env,
  })
  const database = await openDatabase({ pgliteDir: 'memory://' })
  await runMigrations(database)
  const clock = new ManualClock(new Date())
  const ctx: AppContext = {
    db: database.db,
    clock,
    logger: createLogger({ level: config.LOG_LEVEL }),
    config,
    appSecret: config.APP_SECRET!,
  }
  const app = createApp({ ctx, database, servePages: true, clientBuildDir: join(REPO_ROOT, 'dist', 'client') })
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening))
  })
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    ctx,
    database,
    clock,
    givenPartner: async (fields) => {
      const [partner] = await database.db
        .insert(partners)
        .values({
          partnerCode: `E2E-${Math.random().toString(36).slice(2)}`,
          declaredStatus: 'gold',
          approved: true,
          tutorialCompletedAt: new Date(clock.now().getTime() - 86_400_000),
          ...fields,
        })
        .returning()
      const token = signPartnerSession(
        config.APP_SECRET!,
        { partnerId: partner!.id, portalId: null, userId: '1', isAdmin: true },
        clock.now(),
        config.PARTNER_SESSION_TTL_SECONDS,
      )
      return { id: partner!.id, headers: { Authorization: `Bearer ${token}` } }
    },
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await database.close()
    },
  }
}

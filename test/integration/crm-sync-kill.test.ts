import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { and, count, eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { reservations } from '../../app-server/db/schema'
import type { PortalEmulator } from '../../emulator'
import { expectEachLeadOnce, failThirtyPercentOfCalls, reserveThroughPortals } from '../support/crm-faults'
import { linkedPortal as linkPortal, startAppWithEmulator, type EmulatedSetup } from '../support/emulated-portal'
import { TEST_APP_SECRET, type TestApp } from '../support/test-app'
import '../support/provided-context'

const MAIN = fileURLToPath(new URL('../../app-server/main.ts', import.meta.url))
const CLIENT_ID = 'app.test0005.implreq'
const PORTALS = 10
const RESERVATIONS_PER_PORTAL = 50
const KILLS = 3

// A worker in a process of its own needs a database other processes can reach: PGlite lives inside one process.
const onPostgres = inject('testDatabaseDriver') === 'postgres'

describe.skipIf(!onPostgres)('lead sync when the worker process is killed mid-run (SIGKILL) and restarted', () => {
  let setup: EmulatedSetup
  let emulator: PortalEmulator
  let t: TestApp
  let worker: ChildProcess | undefined

  beforeAll(async () => {
    setup = await startAppWithEmulator(CLIENT_ID, { RESERVATION_OPEN_LIMIT: '1000' })
    ;({ emulator, t } = setup)
  })
  afterAll(async () => {
    worker?.kill('SIGKILL')
    await setup.close()
  })

  /** The service's worker role as deployed; short leases so work a killed worker held comes back quickly. */
  function startWorker(): ChildProcess {
    return spawn(process.execPath, ['--import', 'tsx', MAIN], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        ROLE: 'worker',
        LOG_LEVEL: 'silent',
        DATABASE_URL: inject('postgresUrl'),
        MIGRATE_ON_START: 'false',
        APP_SECRET: TEST_APP_SECRET,
        B24_CLIENT_ID: CLIENT_ID,
        B24_CLIENT_SECRET: `secret-of-${CLIENT_ID}`,
        B24_OAUTH_URL: t.ctx.config.B24_OAUTH_URL,
        B24_ALLOW_HTTP: 'true',
        WORKER_LEASE_SECONDS: '10',
        CRM_RETRY_BASE_SECONDS: '1',
        CRM_RETRY_MAX_SECONDS: '5',
        // The emulator answers at once: an unanswered add waits seconds, not a minute, before it is looked up.
        B24_EXECUTION_LIMIT_SECONDS: '5',
      },
      stdio: 'ignore',
    })
  }

  const inCrm = async (ids: string[]) =>
    (
      await t.database.db
        .select({ n: count() })
        .from(reservations)
        .where(and(inArray(reservations.id, ids), eq(reservations.crmStatus, 'in_crm')))
    )[0]?.n ?? 0

  it(`when the worker is killed ${KILLS} times while ${PORTALS * RESERVATIONS_PER_PORTAL} leads are written under 30% failures, then each lead exists once`, async () => {
    const portals = await Promise.all(Array.from({ length: PORTALS }, () => linkPortal(setup)))
    const reservationIds = await reserveThroughPortals(t, portals, RESERVATIONS_PER_PORTAL)
    const all = [...reservationIds.values()].flat()
    failThirtyPercentOfCalls(emulator)

    const deadline = Date.now() + 20 * 60_000
    let kills = 0
    let written = 0
    worker = startWorker()
    while (written < all.length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 2_000))
      portals[Math.floor(Math.random() * portals.length)]!.portal.expireAccessTokens()
      const now = await inCrm(all)
      // Killed while it is writing: some leads of this run are stored, others are in flight.
      if (kills < KILLS && now > written && now < all.length) {
        worker.kill('SIGKILL')
        kills++
        worker = startWorker()
      }
      written = now
    }
    worker.kill('SIGTERM')
    emulator.faults.clear()

    expect(kills).toBe(KILLS)
    await expectEachLeadOnce(t, portals, reservationIds)
  }, 1_500_000)
})

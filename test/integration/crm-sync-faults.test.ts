import { inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { reservations } from '../../app-server/db/schema'
import { createWorker } from '../../app-server/jobs/registry'
import type { PortalEmulator } from '../../emulator'
import { expectEachLeadOnce, failThirtyPercentOfCalls, reserveThroughPortals } from '../support/crm-faults'
import { linkedPortal as linkPortal, startAppWithEmulator, type EmulatedSetup } from '../support/emulated-portal'
import type { TestApp } from '../support/test-app'

// Most of this test's time is the SDK's own waits after 429 and 503 answers (10 s and more each), so it is slow.
const PORTALS = 10
const RESERVATIONS_PER_PORTAL = 50

describe('lead sync under faults: every lead created exactly once, none lost', () => {
  let setup: EmulatedSetup
  let emulator: PortalEmulator
  let t: TestApp

  beforeAll(async () => {
    setup = await startAppWithEmulator('app.test0004.implreq', { RESERVATION_OPEN_LIMIT: '1000' })
    ;({ emulator, t } = setup)
  })
  afterAll(() => setup.close())
  const linkedPortal = (crmMode: 1 | 2 = 1) => linkPortal(setup, { crmMode })

  it(`when ${PORTALS} portals take ${PORTALS * RESERVATIONS_PER_PORTAL} reservations while 30% of CRM calls fail and tokens expire, then each lead exists once`, async () => {
    const portals = await Promise.all(Array.from({ length: PORTALS }, () => linkedPortal()))
    const reservationIds = await reserveThroughPortals(t, portals, RESERVATIONS_PER_PORTAL)
    failThirtyPercentOfCalls(emulator)

    const all = [...reservationIds.values()].flat()
    for (let round = 0; round < 40; round++) {
      const { portal } = portals[Math.floor(Math.random() * portals.length)]!
      portal.expireAccessTokens()
      await createWorker(t.ctx).drain()
      const rows = await t.database.db
        .select({ crmStatus: reservations.crmStatus })
        .from(reservations)
        .where(inArray(reservations.id, all))
      if (rows.every((row) => row.crmStatus === 'in_crm')) break
      // Past the backoff of the jobs that failed.
      t.clock.advance(60 * 60_000)
    }
    emulator.faults.clear()

    await expectEachLeadOnce(t, portals, reservationIds)
  }, 1_500_000)
})

import { eq, inArray } from 'drizzle-orm'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reservations } from '../../app-server/db/schema'
import { createWorker } from '../../app-server/jobs/registry'
import type { PortalEmulator } from '../emulator'
import { linkedPortal as linkPortal, startAppWithEmulator, type EmulatedSetup } from '../support/emulated-portal'
import { givenRequest } from '../support/factories'
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
    const reservationIds = new Map<string, string[]>()
    for (const { portal, headers } of portals) {
      const ids: string[] = []
      for (let i = 0; i < RESERVATIONS_PER_PORTAL; i++) {
        const target = await givenRequest(t)
        const reserved = await request(t.app).post(`/api/partner/requests/${target.id}/reservation`).set(headers)
        expect(reserved.status).toBe(201)
        ids.push(reserved.body.id as string)
      }
      reservationIds.set(portal.memberId, ids)
    }
    // 10% each of overload (503), operating-time limit (429) and internal errors (500): about 30% of calls.
    emulator.faults.errorRate({
      rate: 0.1,
      status: 503,
      body: { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' },
    })
    emulator.faults.errorRate({
      rate: 0.1 / 0.9,
      status: 429,
      body: { error: 'OPERATION_TIME_LIMIT', error_description: 'Method is blocked due to operation time limit.' },
    })
    emulator.faults.errorRate({
      rate: 0.1 / 0.8,
      status: 500,
      body: { error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' },
    })

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

    for (const { portal } of portals) {
      const ids = reservationIds.get(portal.memberId)!
      const origins = [...portal.state.leads.values()].map((lead) => String(lead.values.ORIGIN_ID))
      expect(origins.sort()).toEqual([...ids].sort())
      for (const id of ids) {
        const [row] = await t.database.db.select().from(reservations).where(eq(reservations.id, id))
        expect(row?.crmStatus).toBe('in_crm')
        expect(portal.getLead(Number(row?.crmLeadId))?.ORIGIN_ID).toBe(id)
      }
    }
  }, 1_500_000)
})

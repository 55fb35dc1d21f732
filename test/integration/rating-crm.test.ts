import { eq } from 'drizzle-orm'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reservations } from '../../app-server/db/schema'
import { createWorker } from '../../app-server/jobs/registry'
import type { PortalEmulator } from '../../emulator'
import { linkedPortal, startAppWithEmulator, type EmulatedSetup } from '../support/emulated-portal'
import { givenRequest } from '../support/factories'
import type { TestApp } from '../support/test-app'

describe('the rating follows Won and Lost from the partner CRM (emulated portals)', () => {
  let setup: EmulatedSetup
  let emulator: PortalEmulator
  let t: TestApp

  beforeAll(async () => {
    setup = await startAppWithEmulator('app.test0005.implreq', { RATING_FIRST_CONTACT_HOURS: '72' })
    ;({ emulator, t } = setup)
  })
  afterAll(() => setup.close())

  /** Delivers the portal's events and runs the worker a little later, as it would run on its own. */
  async function runJobs() {
    await emulator.whenEventsDelivered()
    await t.whenEventsHandled()
    t.clock.advance(20_000)
    await createWorker(t.ctx).drain()
  }
  type ReservationRow = typeof reservations.$inferSelect
  /** Runs jobs until the reservation reaches the state (events and pushes travel asynchronously), then once more. */
  async function until(reservationId: string, reached: (row: ReservationRow) => boolean) {
    for (let round = 0; round < 10; round++) {
      await runJobs()
      const [row] = await t.database.db.select().from(reservations).where(eq(reservations.id, reservationId))
      if (row && reached(row)) return runJobs()
    }
    throw new Error(`reservation ${reservationId} never reached the expected state`)
  }
  const leadOf = async (reservationId: string) =>
    Number((await t.database.db.select().from(reservations).where(eq(reservations.id, reservationId)))[0]!.crmLeadId)
  const ratingOf = async (headers: Record<string, string>) =>
    (await request(t.app).get('/api/partner/rating').set(headers)).body

  it('when a deal is won and then another lead is marked junk, then the score rises and falls by the published formula', async () => {
    const { portal, headers } = await linkedPortal(setup)
    expect(await ratingOf(headers)).toMatchObject({ score: 30, counts: { won: 0, lost: 0 } })
    const first = await request(t.app)
      .post(`/api/partner/requests/${(await givenRequest(t)).id}/reservation`)
      .set(headers)
    const second = await request(t.app)
      .post(`/api/partner/requests/${(await givenRequest(t)).id}/reservation`)
      .set(headers)
    await until(first.body.id, (row) => row.crmLeadId !== null)
    await until(second.body.id, (row) => row.crmLeadId !== null)
    expect(await ratingOf(headers)).toMatchObject({ counts: { open: 2 } })

    portal.moveDeal(portal.convertLead(await leadOf(first.body.id)), 'WON')
    await until(first.body.id, (row) => row.ratingCounted === 'won')
    // (1 + 0.3 × 10) / (1 + 10) = 36.4
    expect(await ratingOf(headers)).toMatchObject({ score: 36.4, counts: { won: 1, lost: 0, open: 1 } })

    portal.moveLead(await leadOf(second.body.id), 'JUNK')
    await until(second.body.id, (row) => row.ratingCounted === 'lost')
    // (1 + 3) / (2 + 10) = 33.3
    expect(await ratingOf(headers)).toMatchObject({ score: 33.3, counts: { won: 1, lost: 1, open: 0 } })
  })

  it('when the partner moves the lead on in its CRM, then the first-contact deadline goes away', async () => {
    const { portal, headers } = await linkedPortal(setup)
    const reserved = await request(t.app)
      .post(`/api/partner/requests/${(await givenRequest(t)).id}/reservation`)
      .set(headers)
    await until(reserved.body.id, (row) => row.crmLeadId !== null)
    const mine = async () => (await request(t.app).get('/api/partner/reservations').set(headers)).body.items[0]
    expect((await mine()).firstContact).toMatchObject({ overdue: false })
    portal.moveLead(await leadOf(reserved.body.id), 'IN_PROCESS')
    await until(reserved.body.id, (row) => row.crmProgressAt !== null)
    expect(await mine()).toMatchObject({ status: 'active', firstContact: null })
    t.clock.advance(200 * 3_600_000)
    await createWorker(t.ctx).drain()
    // Read from the database: the partner's session token has long expired by now.
    const [row] = await t.database.db.select().from(reservations).where(eq(reservations.id, reserved.body.id))
    expect(row).toMatchObject({ status: 'active', releaseReason: null })
    expect(row?.crmProgressAt).not.toBeNull()
  })

  it('when a lead is marked junk, then every read of the rating counts the reservation once: open, then lost', async () => {
    const { portal, headers } = await linkedPortal(setup)
    const reserved = await request(t.app)
      .post(`/api/partner/requests/${(await givenRequest(t)).id}/reservation`)
      .set(headers)
    await until(reserved.body.id, (row) => row.crmLeadId !== null)
    const buckets = async () => {
      const { counts } = await ratingOf(headers)
      return { total: counts.open + counts.won + counts.lost + counts.expired, lost: counts.lost }
    }
    expect(await buckets()).toEqual({ total: 1, lost: 0 })

    portal.moveLead(await leadOf(reserved.body.id), 'JUNK')
    await emulator.whenEventsDelivered()
    await t.whenEventsHandled()
    t.clock.advance(20_000)
    // The worker runs one batch at a time while a reader keeps reading the rating, as an open screen would:
    // no read may find the reservation in no bucket (left open, not yet lost) or in two.
    const worker = createWorker(t.ctx)
    const seen: { total: number; lost: number }[] = []
    let working = true
    const reader = (async () => {
      while (working) seen.push(await buckets())
    })()
    for (let batch = 0; batch < 50 && (await worker.runDue()) > 0; batch++) seen.push(await buckets())
    working = false
    await reader
    expect(seen.length).toBeGreaterThan(2)
    expect(seen.filter((read) => read.total !== 1)).toEqual([])
    expect(seen.at(-1)).toEqual({ total: 1, lost: 1 })
    // The reservation and the rating agree: the badge says lost in the same reads that count it.
    const mine = await request(t.app).get('/api/partner/reservations').set(headers)
    expect(mine.body.items.find((item: { id: string }) => item.id === reserved.body.id).state).toBe('lost')
  })
})

import { and, count, eq, inArray, isNotNull, like } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_CLIENT_ID, DEMO_PARTNERS, DEMO_REQUESTS, DEMO_UNLINKED_PARTNER } from '../../app-server/demo/demo-data'
import { seedDemo } from '../../app-server/demo/seed-demo'
import { partners, portals, requests, reservationReturns, reservations } from '../../app-server/db/schema'
import { startAppWithEmulator, type EmulatedSetup } from '../support/emulated-portal'

let setup: EmulatedSetup

/** The demo's own rows only: on PostgreSQL other test files write to the same database at the same time. */
async function tally() {
  const { db } = setup.t.ctx
  const codes = [...DEMO_PARTNERS.map((partner) => partner.partnerCode), DEMO_UNLINKED_PARTNER.partnerCode]
  const demoPartners = await db.select({ id: partners.id }).from(partners).where(inArray(partners.partnerCode, codes))
  const partnerIds = demoPartners.map((partner) => partner.id)
  const emails = DEMO_REQUESTS.map((request) => request.contact.email)
  const [requestRows] = await db.select({ n: count() }).from(requests).where(inArray(requests.contactEmail, emails))
  const [reservationRows] = partnerIds.length
    ? await db
        .select({ n: count() })
        .from(reservations)
        .innerJoin(requests, eq(requests.id, reservations.requestId))
        .where(and(inArray(reservations.partnerId, partnerIds), inArray(requests.contactEmail, emails)))
    : [{ n: 0 }]
  // The back-dated history behind the managers' console.
  const [historyRequests] = await db
    .select({ n: count() })
    .from(requests)
    .where(like(requests.contactEmail, '%@history.demo.example'))
  const [historyOutcomes] = await db
    .select({ n: count() })
    .from(reservations)
    .innerJoin(requests, eq(requests.id, reservations.requestId))
    .where(and(like(requests.contactEmail, '%@history.demo.example'), isNotNull(reservations.outcome)))
  const [pendingReturns] = await db
    .select({ n: count() })
    .from(reservationReturns)
    .innerJoin(requests, eq(requests.id, reservationReturns.requestId))
    .where(and(eq(reservationReturns.status, 'pending'), like(requests.contactEmail, '%@history.demo.example')))
  const [linkedPortals] = partnerIds.length
    ? await db
        .select({ n: count() })
        .from(portals)
        .where(and(isNotNull(portals.partnerId), inArray(portals.partnerId, partnerIds)))
    : [{ n: 0 }]
  return {
    partners: demoPartners.length,
    requests: requestRows?.n,
    reservations: reservationRows?.n,
    linkedPortals: linkedPortals?.n,
    history: {
      requests: historyRequests?.n,
      withOutcomes: (historyOutcomes?.n ?? 0) > 50,
      pendingReturns: pendingReturns?.n,
    },
  }
}

describe('demo seeding through the real install, link and reserve flows', () => {
  beforeAll(async () => {
    // The demo seeds an empty database, and its history spreads over every approved partner: on PostgreSQL it
    // gets a database of its own, without other files' partners.
    setup = await startAppWithEmulator(DEMO_CLIENT_ID, {}, { ownDatabase: true })
  })
  afterAll(async () => {
    await setup?.close()
  })

  it('When seeded twice, then the demo world exists once: partners, linked portals, requests and peer reservations', async () => {
    const urls = { app: setup.appUrl, emulator: setup.t.ctx.config.B24_OAUTH_URL }
    const first = await seedDemo(setup.t.ctx, setup.emulator, urls)
    const afterFirst = await tally()

    expect(afterFirst).toEqual({
      partners: DEMO_PARTNERS.length + 1,
      requests: DEMO_REQUESTS.length,
      reservations: DEMO_REQUESTS.reduce((sum, request) => sum + request.peerReservations, 0),
      linkedPortals: DEMO_PARTNERS.length,
      history: { requests: 240, withOutcomes: true, pendingReturns: 3 },
    })
    expect(first.unlinkedLinkCode).toMatch(/\S{4,}/)
    // Every demo portal was installed through the installer and finished, except the onboarding one.
    for (const partner of DEMO_PARTNERS) {
      expect(setup.emulator.portals.get(partner.portal.memberId)?.installations.get(DEMO_CLIENT_ID)?.installed).toBe(
        true,
      )
    }
    const [munich] = await setup.t.ctx.db.select().from(requests).where(eq(requests.city, 'München'))
    expect(munich?.status).toBe('closed')

    const second = await seedDemo(setup.t.ctx, setup.emulator, urls)
    expect(await tally()).toEqual(afterFirst)
    expect(second.managers).toEqual(first.managers)
    expect(first.managers.map((account) => account.role)).toEqual(['admin', 'manager', 'viewer'])
  })
})

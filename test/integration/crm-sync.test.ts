import { eq } from 'drizzle-orm'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jobs, reservations } from '../../app-server/db/schema'
import { createWorker } from '../../app-server/jobs/registry'
import { CRM_ORIGINATOR_ID, crmGateway, PortalClients, TokenCipher } from '../../app-server/modules/bitrix24'
import { leadPusher } from '../../app-server/modules/crm-sync/push-leads'
import { eraseRequestContacts } from '../../app-server/modules/requests/request-status.service'
import type { PortalEmulator, PortalHandle } from '../../emulator'
import { linkedPortal as linkPortal, startAppWithEmulator, type EmulatedSetup } from '../support/emulated-portal'
import { givenRequest } from '../support/factories'
import type { TestApp } from '../support/test-app'

describe('reserved requests become leads in the partner CRM, and Won/Lost comes back (emulated portals)', () => {
  let setup: EmulatedSetup
  let emulator: PortalEmulator
  let t: TestApp

  beforeAll(async () => {
    setup = await startAppWithEmulator('app.test0003.implreq')
    ;({ emulator, t } = setup)
  })
  afterAll(() => setup.close())
  const linkedPortal = (crmMode: 1 | 2 = 1) => linkPortal(setup, { crmMode })

  async function runJobs() {
    await emulator.whenEventsDelivered()
    await t.whenEventsHandled()
    // Outcome reads wait for a short window after the event, so that they see the settled state.
    t.clock.advance(10_000)
    await createWorker(t.ctx).drain()
  }

  /**
   * Moves the clock just past the next reconciliation slot and lets it run. The next slot is ten minutes away, so
   * a test that drops events afterwards sees no reconciliation until it calls this again.
   */
  async function reconcileNow() {
    const slotMs = 10 * 60_000
    t.clock.advance(slotMs - (t.clock.now().getTime() % slotMs) + 1_000)
    await runJobs()
    await runJobs()
  }

  /** The CRM changes queued for the worker: each becomes one outcome fetch. */
  const outcomeJobs = async () =>
    (await t.database.db.select().from(jobs).where(eq(jobs.name, 'event:crm.entity_changed'))).length
  /** An add sent long enough ago that the portal can no longer be running it. */
  const sentBeforeTheExecutionLimit = () =>
    new Date(t.clock.now().getTime() - (t.config.B24_EXECUTION_LIMIT_SECONDS + 1) * 1_000)
  const leadsOf = (portal: PortalHandle) => [...portal.state.leads.keys()].map((id) => portal.getLead(id)!)
  const reservationOf = async (id: string) =>
    (await t.database.db.select().from(reservations).where(eq(reservations.id, id)))[0]!
  /** A new request reserved through the portal session in `headers`; the reservation's id. */
  const reserveNew = async (headers: Record<string, string>) =>
    (
      await request(t.app)
        .post(`/api/partner/requests/${(await givenRequest(t)).id}/reservation`)
        .set(headers)
    ).body.id as string

  it('when a partner reserves, then the lead appears in its CRM once with the request behind it (rules 5.2)', async () => {
    const { portal, headers } = await linkedPortal()
    const target = await givenRequest(t, {
      contactName: 'Ada Lovelace King',
      description: 'CRM and telephony for 12 people',
    })
    const reserved = await request(t.app).post(`/api/partner/requests/${target.id}/reservation`).set(headers)
    expect(reserved.status).toBe(201)
    expect(reserved.body.crm.status).toBe('syncing')
    await runJobs()
    await runJobs()
    const leads = leadsOf(portal)
    expect(leads).toHaveLength(1)
    expect(leads[0]).toMatchObject({
      NAME: 'Ada',
      LAST_NAME: 'Lovelace King',
      COMPANY_TITLE: 'Client Ltd',
      SOURCE_ID: 'IMPL_REQUEST',
      ORIGIN_ID: reserved.body.id,
      ASSIGNED_BY_ID: '1',
    })
    expect(leads[0]!.EMAIL).toEqual([expect.objectContaining({ VALUE: target.contactEmail })])
    expect(leads[0]!.PHONE).toEqual([expect.objectContaining({ VALUE: target.contactPhone })])
    expect(String(leads[0]!.COMMENTS)).toContain('CRM and telephony for 12 people')
    expect(String(leads[0]!.COMMENTS)).toContain('Berlin, DE')
    const row = await reservationOf(reserved.body.id)
    expect(row).toMatchObject({ crmStatus: 'in_crm', crmLeadId: String(leads[0]!.ID) })
  })

  it('when the lead is converted and the deal won in the CRM, then the reservation is Won', async () => {
    const { portal, headers } = await linkedPortal()
    const target = await givenRequest(t)
    const reserved = await request(t.app).post(`/api/partner/requests/${target.id}/reservation`).set(headers)
    await runJobs()
    const leadId = Number((await reservationOf(reserved.body.id)).crmLeadId)
    const dealId = portal.convertLead(leadId)
    portal.moveDeal(dealId, 'WON')
    await runJobs()
    expect(await reservationOf(reserved.body.id)).toMatchObject({ outcome: 'won', crmDealId: String(dealId) })
    const mine = await request(t.app).get('/api/partner/reservations').set(headers)
    expect(mine.body.items[0].crm).toMatchObject({ status: 'in_crm', outcome: 'won' })
  })

  it('when the lead is marked junk, then the reservation is Lost', async () => {
    const { portal, headers } = await linkedPortal()
    const reservationId = await reserveNew(headers)
    await runJobs()
    portal.moveLead(Number((await reservationOf(reservationId)).crmLeadId), 'JUNK')
    await runJobs()
    expect((await reservationOf(reservationId)).outcome).toBe('lost')
  })

  it('when the portal runs simple CRM, then the deal created at once decides the outcome', async () => {
    const { portal, headers } = await linkedPortal(2)
    const reservationId = await reserveNew(headers)
    await runJobs()
    const row = await reservationOf(reservationId)
    const deal = [...portal.state.deals.values()].find((item) => String(item.values.LEAD_ID) === row.crmLeadId)
    expect(deal).toBeDefined()
    portal.moveDeal(deal!.id, 'LOSE')
    await runJobs()
    expect((await reservationOf(reservationId)).outcome).toBe('lost')
  })

  it('when Bitrix24 loses the event, then reconciliation repairs the outcome', async () => {
    const { portal, headers } = await linkedPortal()
    const reservationId = await reserveNew(headers)
    await reconcileNow()
    emulator.faults.dropEvents(100, portal.memberId)
    portal.moveLead(Number((await reservationOf(reservationId)).crmLeadId), 'JUNK')
    await runJobs()
    expect((await reservationOf(reservationId)).outcome).toBeNull()
    emulator.faults.dropEvents(0, portal.memberId)
    await reconcileNow()
    expect((await reservationOf(reservationId)).outcome).toBe('lost')
  })

  it('when the events of a conversion and a won deal are lost after an earlier reconciliation, then the next one repairs it', async () => {
    const { portal, headers } = await linkedPortal()
    const reservationId = await reserveNew(headers)
    // A first reconciliation sets the portal's cursor; the next one only asks for what changed since.
    await reconcileNow()
    emulator.faults.dropEvents(100, portal.memberId)
    const dealId = portal.convertLead(Number((await reservationOf(reservationId)).crmLeadId))
    portal.moveDeal(dealId, 'WON')
    await runJobs()
    expect((await reservationOf(reservationId)).outcome).toBeNull()
    emulator.faults.dropEvents(0, portal.memberId)
    await reconcileNow()
    expect(await reservationOf(reservationId)).toMatchObject({ outcome: 'won', crmDealId: String(dealId) })
  })

  it('when an event carries a forged application token, then nothing is queued; the genuine one is', async () => {
    const { portal, headers } = await linkedPortal()
    const reservationId = await reserveNew(headers)
    await runJobs()
    const leadId = (await reservationOf(reservationId)).crmLeadId!
    emulator.faults.dropEvents(100, portal.memberId)
    portal.moveLead(Number(leadId), 'JUNK')
    await emulator.whenEventsDelivered()
    emulator.faults.dropEvents(0, portal.memberId)
    const event = (applicationToken: string) =>
      request(t.app).post('/b24/events').type('form').send({
        event: 'ONCRMLEADUPDATE',
        'data[FIELDS][ID]': leadId,
        'auth[member_id]': portal.memberId,
        'auth[application_token]': applicationToken,
      })
    await t.whenEventsHandled()
    // A new window of the outcome job's key, so the genuine event below cannot coincide with an earlier one.
    t.clock.advance(10_000)
    const before = await outcomeJobs()
    expect((await event('forged-token')).status).toBe(200)
    await t.whenEventsHandled()
    expect(await outcomeJobs()).toBe(before)
    await event([...portal.state.installations.values()][0]!.applicationToken)
    await t.whenEventsHandled()
    expect(await outcomeJobs()).toBe(before + 1)
  })

  it('when a lead is sent for the first time, then no lookup is spent; when an earlier run may have sent it, the lead is found by ORIGIN_ID, not added twice', async () => {
    const { portal, headers } = await linkedPortal()
    const real = crmGateway(new PortalClients(t.ctx, new TokenCipher(t.ctx.appSecret)))
    const lookedUp: string[][] = []
    const gateway = {
      ...real,
      findLeadsByOriginIds: (portalId: string, ids: string[]) => {
        lookedUp.push(ids)
        return real.findLeadsByOriginIds(portalId, ids)
      },
    }
    const pushLeads = leadPusher(t.ctx, gateway)
    const fresh = await reserveNew(headers)
    await pushLeads(fresh)
    expect(lookedUp).toEqual([])
    expect(leadsOf(portal).filter((lead) => lead.ORIGIN_ID === fresh)).toHaveLength(1)

    // A run that sent the add and died before storing the answer: the lead exists, the reservation does not know it.
    const interrupted = await reserveNew(headers)
    const existing = portal.addLead({ TITLE: 'sent before', ORIGINATOR_ID: CRM_ORIGINATOR_ID, ORIGIN_ID: interrupted })
    await t.database.db
      .update(reservations)
      .set({ crmAddAttemptedAt: sentBeforeTheExecutionLimit() })
      .where(eq(reservations.id, interrupted))
    await pushLeads(interrupted)
    expect(lookedUp).toEqual([[interrupted]])
    expect(leadsOf(portal).filter((lead) => lead.ORIGIN_ID === interrupted)).toHaveLength(1)
    expect(await reservationOf(interrupted)).toMatchObject({ crmStatus: 'in_crm', crmLeadId: String(existing) })
  })

  it('when the client erases their contacts while a push is under way, then no lead is written with or without them', async () => {
    const { portal, headers } = await linkedPortal()
    const target = await givenRequest(t)
    const reserved = await request(t.app).post(`/api/partner/requests/${target.id}/reservation`).set(headers)
    const reservationId = reserved.body.id as string
    const real = crmGateway(new PortalClients(t.ctx, new TokenCipher(t.ctx.appSecret)))
    // The lookup of an earlier attempt is the slowest step between the lease and the add: erase during it.
    const gateway = {
      ...real,
      findLeadsByOriginIds: async (portalId: string, ids: string[]) => {
        await eraseRequestContacts(t.ctx, target.id)
        return real.findLeadsByOriginIds(portalId, ids)
      },
    }
    await t.database.db
      .update(reservations)
      .set({ crmAddAttemptedAt: sentBeforeTheExecutionLimit() })
      .where(eq(reservations.id, reservationId))
    await leadPusher(t.ctx, gateway)(reservationId)
    expect(leadsOf(portal).filter((lead) => lead.ORIGIN_ID === reservationId)).toEqual([])
    expect((await reservationOf(reservationId)).crmStatus).toBe('not_synced')
  })
})

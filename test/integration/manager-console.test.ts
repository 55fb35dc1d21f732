import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ratingScore, tierFor } from '../../shared/domain/rating'
import {
  auditLog,
  jobs,
  partnerRatings,
  portalLinkCodes,
  portals,
  ratingAdjustments,
  reservationReturns,
  reservations,
} from '../../app-server/db/schema'
import { givenManager, givenPartner, givenRequest } from '../support/factories'
import { createTestApp, type TestApp } from '../support/test-app'

const DAY = 86_400_000

describe('the manager console API: lists, pages, dashboard and exports', () => {
  let t: TestApp
  let manager: Awaited<ReturnType<typeof givenManager>>
  const get = (path: string) => request(t.app).get(path).set(manager.headers)

  // A small world: partners in two countries, requests over two weeks, reservations with outcomes, a return,
  // a failed lead push on a portal that needs re-authorisation.
  let alpha: Awaited<ReturnType<typeof givenPartner>>
  let beta: Awaited<ReturnType<typeof givenPartner>>
  let requestIds: string[]
  let returnedRequestId: string
  let failedReservationId: string
  let portalId: string

  beforeAll(async () => {
    // The dashboard's queues and charts count whole tables, so this file needs a database of its own on PostgreSQL.
    t = await createTestApp({}, { now: '2026-12-10T12:00:00Z', ownDatabase: true })
    manager = await givenManager(t)
    const now = t.clock.now()
    const db = t.database.db
    alpha = await givenPartner(t, { companyName: 'Alpha Systems', partnerCode: 'ALPHA-1', additional: ['AT'] })
    beta = await givenPartner(t, { companyName: 'Beta Works', partnerCode: 'BETA-2', registeredCountry: 'FR' })
    await givenPartner(t, { companyName: 'Gamma New', partnerCode: 'GAMMA-3', approved: false })
    await givenPartner(t, {
      companyName: 'Delta Paused',
      partnerCode: 'DELTA-4',
      suspendedAt: now,
      suspendedUntil: null,
      suspensionReason: 'complaints',
    })
    await db.insert(partnerRatings).values({
      partnerId: alpha.id,
      wonWeight: 6,
      lostWeight: 1,
      weightsAt: new Date(now.getTime() - 30 * DAY),
      wonCount: 6,
      lostCount: 1,
      updatedAt: now,
    })
    await db.insert(ratingAdjustments).values({
      partnerId: alpha.id,
      delta: 7,
      reason: 'good conduct',
      createdBy: manager.manager.id,
      createdAt: now,
    })
    const [portal] = await db
      .insert(portals)
      .values({
        memberId: 'console-member',
        domain: 'alpha.bitrix24.de',
        clientEndpoint: 'https://alpha.bitrix24.de/rest/',
        serverEndpoint: 'https://oauth.bitrix.info/rest/',
        scopes: ['crm'],
        status: 'needs_reauth',
        applicationTokenEnc: 'x',
        partnerId: alpha.id,
        installedAt: now,
        appVersion: 3,
        lastEventAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
    portalId = portal!.id
    await db.insert(portalLinkCodes).values({
      partnerId: alpha.id,
      codeHash: 'hash-of-a-code',
      createdAt: now,
      expiresAt: new Date(now.getTime() + DAY),
    })

    requestIds = []
    for (let i = 0; i < 6; i++) {
      const createdAt = new Date(now.getTime() - (i * 2 + 1) * DAY)
      const row = await givenRequest(t, {
        country: i % 2 === 0 ? 'DE' : 'FR',
        createdAt,
        types: i === 0 ? ['training'] : ['cloud_subscription'],
        contactEmail: `hidden.${i}@example.com`,
      })
      requestIds.push(row.id)
    }
    const reserve = async (
      requestId: string,
      partnerId: string,
      fields: Partial<typeof reservations.$inferInsert> = {},
    ) => {
      const [row] = await db
        .insert(reservations)
        .values({ requestId, partnerId, reservedAt: new Date(now.getTime() - 20 * 3_600_000), ...fields })
        .returning()
      return row!
    }
    await reserve(requestIds[0]!, alpha.id, {
      outcome: 'won',
      outcomeAt: new Date(now.getTime() - 3_600_000),
      crmStatus: 'in_crm',
    })
    await reserve(requestIds[0]!, beta.id, {
      outcome: 'lost',
      outcomeAt: new Date(now.getTime() - 3_600_000),
      crmStatus: 'in_crm',
    })
    await reserve(requestIds[2]!, alpha.id, {
      crmStatus: 'in_crm',
      portalId,
      crmSyncedAt: new Date(now.getTime() - 20 * 3_600_000 + 30_000),
    })
    const failed = await reserve(requestIds[3]!, alpha.id, {
      crmStatus: 'failed',
      portalId,
      crmLastError: 'expired_token',
    })
    failedReservationId = failed.id
    await db.insert(jobs).values({
      name: 'crm-sync:reservation.created',
      key: failed.id,
      status: 'failed',
      attempts: 31,
      lastError: 'expired_token',
    })
    const returned = await reserve(requestIds[1]!, beta.id, { status: 'released', releaseReason: 'returned' })
    returnedRequestId = requestIds[1]!
    await db.insert(reservationReturns).values({
      reservationId: returned.id,
      requestId: returned.requestId,
      partnerId: beta.id,
      reason: 'unreachable',
      comment: 'call me on +49 30 1234567',
      createdAt: now,
    })
  })
  afterAll(() => t.close())

  describe('partners', () => {
    it('when searched by part of a code, then only that partner comes back with its facts', async () => {
      const response = await get('/api/manager/console/partners?search=beta').expect(200)
      expect(response.body.total).toBe(1)
      expect(response.body.items[0]).toMatchObject({ id: beta.id, registeredCountry: 'FR', eligible: true })
    })

    it('when listed, then each score and tier agree with the shared rating functions', async () => {
      const response = await get('/api/manager/console/partners?search=alpha').expect(200)
      const now = t.clock.now()
      const expected = ratingScore({ won: 6, lost: 1, weightsAt: new Date(now.getTime() - 30 * DAY) }, [7], now)
      expect(response.body.items[0]).toMatchObject({
        score: expected,
        tier: tierFor(expected).id,
        portalLinked: true,
        additionalLocations: ['AT'],
      })
    })

    it('when filtered by eligibility, suspension, location and score, then each filter holds', async () => {
      const ineligible = await get('/api/manager/console/partners?eligible=false&sort=partnerCode').expect(200)
      expect(ineligible.body.items.map((row: { partnerCode: string }) => row.partnerCode)).toEqual([
        'DELTA-4',
        'GAMMA-3',
      ])
      const suspended = await get('/api/manager/console/partners?suspended=true').expect(200)
      expect(suspended.body.items.map((row: { partnerCode: string }) => row.partnerCode)).toEqual(['DELTA-4'])
      const inAustria = await get('/api/manager/console/partners?location=AT').expect(200)
      expect(inAustria.body.items.map((row: { id: string }) => row.id)).toEqual([alpha.id])
      const high = await get('/api/manager/console/partners?scoreMin=40').expect(200)
      expect(high.body.items.map((row: { id: string }) => row.id)).toEqual([alpha.id])
      const linked = await get('/api/manager/console/partners?portalLinked=true').expect(200)
      expect(linked.body.total).toBe(1)
    })

    it('when sorted by score descending and paged by two, then pages follow one order without overlap', async () => {
      const first = await get('/api/manager/console/partners?sort=score&order=desc&limit=2').expect(200)
      const second = await get('/api/manager/console/partners?sort=score&order=desc&limit=2&offset=2').expect(200)
      expect(first.body.total).toBe(4)
      const scores = [...first.body.items, ...second.body.items].map((row: { score: number }) => row.score)
      expect(scores).toEqual([...scores].sort((a, b) => b - a))
      expect(first.body.items[0].id).toBe(alpha.id)
      const ids = new Set([...first.body.items, ...second.body.items].map((row: { id: string }) => row.id))
      expect(ids.size).toBe(4)
    })

    it('when a filter is invalid, then it is a validation problem, not a 500', async () => {
      const response = await get('/api/manager/console/partners?scoreMin=80&scoreMax=10').expect(400)
      expect(response.body.code).toBe('validation_failed')
      await get('/api/manager/console/partners?sort=password').expect(400)
    })

    it("when a partner's page is read, then it has rating, reservations, portals, link codes and audit", async () => {
      await request(t.app)
        .patch(`/api/manager/partners/${alpha.id}`)
        .set(manager.headers)
        .send({ website: 'https://alpha.example' })
        .expect(200)
      const response = await get(`/api/manager/console/partners/${alpha.id}`).expect(200)
      expect(response.body.partner.companyName).toBe('Alpha Systems')
      expect(response.body.rating.adjustments).toHaveLength(1)
      expect(response.body.reservationCount).toBe(3)
      expect(response.body.reservations.map((row: { state: string }) => row.state).sort()).toEqual([
        'in_crm',
        'sync_failed',
        'won',
      ])
      expect(response.body.portals[0]).toMatchObject({ id: portalId, status: 'needs_reauth' })
      expect(response.body.linkCodes[0]).toMatchObject({ state: 'active' })
      expect(JSON.stringify(response.body.linkCodes)).not.toContain('hash-of-a-code')
      expect(response.body.audit.items[0]).toMatchObject({ action: 'partner.updated', entityId: alpha.id })
      await get(`/api/manager/console/partners/${randomUUID()}`).expect(404)
    })
  })

  describe('requests', () => {
    it('when listed, then no contact detail is in the answer and pages walk newest first', async () => {
      const first = await get('/api/manager/console/requests?limit=4').expect(200)
      expect(JSON.stringify(first.body)).not.toContain('hidden.')
      expect(first.body.items.map((row: { id: string }) => row.id)).toEqual(requestIds.slice(0, 4))
      const second = await get(`/api/manager/console/requests?limit=4&cursor=${first.body.nextCursor}`).expect(200)
      expect(second.body.items.map((row: { id: string }) => row.id)).toEqual(requestIds.slice(4))
      expect(second.body.nextCursor).toBeNull()
    })

    it('when filtered by country, type, age, slots and reports, then each filter holds', async () => {
      const fr = await get('/api/manager/console/requests?country=FR').expect(200)
      expect(fr.body.items).toHaveLength(3)
      const training = await get('/api/manager/console/requests?type=training').expect(200)
      expect(training.body.items.map((row: { id: string }) => row.id)).toEqual([requestIds[0]])
      const since = new Date(t.clock.now().getTime() - 4 * DAY).toISOString()
      const recent = await get(`/api/manager/console/requests?createdFrom=${since}`).expect(200)
      expect(recent.body.items).toHaveLength(2)
      const reported = await get('/api/manager/console/requests?reported=true').expect(200)
      expect(reported.body.items.map((row: { id: string; returns: number }) => [row.id, row.returns])).toEqual([
        [returnedRequestId, 1],
      ])
    })

    it('when sorted by country and paged, then the order is stable and a foreign cursor is refused', async () => {
      const first = await get('/api/manager/console/requests?sort=country&order=asc&limit=3').expect(200)
      expect(first.body.items.map((row: { country: string }) => row.country)).toEqual(['DE', 'DE', 'DE'])
      const second = await get(
        `/api/manager/console/requests?sort=country&order=asc&limit=3&cursor=${first.body.nextCursor}`,
      ).expect(200)
      expect(second.body.items.map((row: { country: string }) => row.country)).toEqual(['FR', 'FR', 'FR'])
      const foreign = await get(`/api/manager/console/requests?sort=reservedCount&cursor=${first.body.nextCursor}`)
      expect(foreign.status).toBe(400)
      expect(foreign.body.code).toBe('invalid_cursor')
    })

    it("when a request's page is read, then it has its reservations and outcomes and still no contacts", async () => {
      const response = await get(`/api/manager/console/requests/${requestIds[0]}`).expect(200)
      expect(JSON.stringify(response.body)).not.toContain('hidden.0')
      expect(response.body.reservations.map((row: { partnerName: string; state: string }) => row.state).sort()).toEqual(
        ['lost', 'won'],
      )
    })

    it('when contacts are revealed, then they come back and the reveal is audited once a day without values', async () => {
      const path = `/api/manager/console/requests/${requestIds[2]}/contacts`
      const first = await request(t.app).post(path).set(manager.headers).expect(200)
      expect(first.body.email).toBe('hidden.2@example.com')
      await request(t.app).post(path).set(manager.headers).expect(200)
      const entries = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, requestIds[2]!))
      const reveals = entries.filter((entry) => entry.action === 'contacts.revealed')
      expect(reveals).toHaveLength(1)
      expect(reveals[0]).toMatchObject({ actorType: 'manager', actorId: manager.manager.id })
      expect(JSON.stringify(reveals[0])).not.toContain('hidden.2')
    })
  })

  describe('returns, lead sync and portals', () => {
    it("when the return queue is read, then it has the partner's masked reason, the request and the CRM state", async () => {
      const response = await get('/api/manager/console/returns').expect(200)
      expect(response.body.items).toHaveLength(1)
      const item = response.body.items[0]
      expect(item).toMatchObject({
        reason: 'unreachable',
        partner: { id: beta.id },
        request: { id: returnedRequestId },
        reservation: { state: 'returned' },
      })
      expect(item.comment).not.toContain('1234567')
    })

    it('when failures are listed, then each has its portal and error, with counts per portal', async () => {
      const response = await get('/api/manager/console/lead-sync/failures').expect(200)
      expect(response.body.items).toEqual([
        expect.objectContaining({
          reservationId: failedReservationId,
          portalDomain: 'alpha.bitrix24.de',
          lastError: 'expired_token',
          attempts: 31,
        }),
      ])
      expect(response.body.byPortal).toEqual([{ portalId, portalDomain: 'alpha.bitrix24.de', failures: 1 }])
    })

    it('when portals are listed, then each has its state, app version, last event and failed leads', async () => {
      const response = await get('/api/manager/console/portals?status=needs_reauth').expect(200)
      expect(response.body.items[0]).toMatchObject({
        id: portalId,
        partnerName: 'Alpha Systems',
        appVersion: 3,
        failedLeads: 1,
      })
      expect(response.body.items[0].lastEventAt).not.toBeNull()
    })
  })

  describe('dashboard', () => {
    it('when the queues are read, then each counts what waits for a person', async () => {
      const response = await get('/api/manager/console/dashboard/queues').expect(200)
      expect(response.body).toEqual({
        returnsWaiting: 1,
        requestsToModerate: 0,
        failedLeadPushes: 1,
        portalsNeedingReauth: 1,
        partnersAwaitingApproval: 1,
      })
    })

    it('when the charts are read for two weeks, then every series reflects the data', async () => {
      const to = t.clock.now().toISOString()
      const from = new Date(t.clock.now().getTime() - 14 * DAY).toISOString()
      const response = await get(`/api/manager/console/dashboard/charts?from=${from}&to=${to}`).expect(200)
      const body = response.body
      expect(body.requestsPerDay.reduce((sum: number, row: { requests: number }) => sum + row.requests, 0)).toBe(6)
      expect(body.fillRate.requests).toBe(6)
      expect(body.fillRate.bySlots[0]).toEqual({ slots: 0, requests: 2 })
      expect(body.fillRate.bySlots[2]).toEqual({ slots: 2, requests: 1 })
      expect(body.fillRate.shareWithNone).toBeCloseTo(2 / 6, 3)
      expect(body.firstReservationHours.count).toBe(4)
      // Alpha won and Beta lost, in their own tiers.
      const de = (body.wonRate as { country: string; won: number; lost: number; rate: number }[]).filter(
        (row) => row.country === 'DE',
      )
      expect(de.map((row) => [row.won, row.lost, row.rate]).sort()).toEqual([
        [0, 1, 0],
        [1, 0, 1],
      ])
      expect(body.leadSyncLagSeconds).toMatchObject({ p50: 30, count: 1, failed: 1 })
      const fairDe = body.fairness.find((row: { country: string }) => row.country === 'DE')
      // Beta covers only FR, so its DE reservation is outside the DE partners' share.
      expect(fairDe).toMatchObject({ eligiblePartners: 1, topPartners: 1, reservations: 2, topShare: 1 })
    })

    it('when the period is reversed or longer than the maximum, then it is a validation problem', async () => {
      const now = t.clock.now().getTime()
      const iso = (ms: number) => new Date(ms).toISOString()
      await get(`/api/manager/console/dashboard/charts?from=${iso(now)}&to=${iso(now - DAY)}`).expect(400)
      await get(`/api/manager/console/dashboard/charts?from=${iso(now - 400 * DAY)}&to=${iso(now)}`).expect(400)
    })
  })

  describe('audit log and retries', () => {
    it('when the log is filtered by actor, action and period, then only those entries come back', async () => {
      const from = new Date(t.clock.now().getTime() - 60_000).toISOString()
      const response = await get(
        `/api/manager/audit-log?actorId=${manager.manager.id}&action=partner.updated&from=${from}`,
      ).expect(200)
      expect(response.body.items).toHaveLength(1)
      const to = new Date(t.clock.now().getTime() - 60_000).toISOString()
      const before = await get(`/api/manager/audit-log?actorId=${manager.manager.id}&to=${to}`).expect(200)
      expect(before.body.items).toHaveLength(0)
    })

    it('when every failed lead of a portal is retried, then each is queued and audited', async () => {
      const response = await request(t.app)
        .post('/api/manager/crm-sync/retries')
        .set(manager.headers)
        .send({ portalId })
        .expect(202)
      expect(response.body).toEqual({ retried: [failedReservationId], notFailed: [] })
      const again = await request(t.app)
        .post('/api/manager/crm-sync/retries')
        .set(manager.headers)
        .send({ reservationIds: [failedReservationId] })
        .expect(202)
      expect(again.body).toEqual({ retried: [], notFailed: [failedReservationId] })
      await request(t.app).post('/api/manager/crm-sync/retries').set(manager.headers).send({}).expect(400)
    })
  })

  describe('CSV exports', () => {
    const csv = (path: string) =>
      get(path)
        .buffer(true)
        .parse((res, done) => {
          let text = ''
          res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')))
          res.on('end', () => done(null, text))
        })

    it('when requests are exported with filters, then the CSV has those rows and no contact column', async () => {
      const response = await csv('/api/manager/console/exports/requests?country=FR').expect(200)
      expect(response.headers['content-type']).toMatch(/^text\/csv/)
      const lines = (response.body as string).trim().split('\n')
      expect(lines[0]).toContain('id,createdAt,country')
      expect(lines).toHaveLength(4)
      expect(response.body).not.toContain('hidden.')
    })

    it('when requests are exported with contacts, then the columns are there and the export is audited without values', async () => {
      const response = await csv('/api/manager/console/exports/requests?contacts=true&type=training').expect(200)
      expect(response.body).toContain('hidden.0@example.com')
      const [entry] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'contacts.exported'))
      expect(entry).toMatchObject({ entityType: 'export', entityId: 'requests', actorId: manager.manager.id })
      expect(JSON.stringify(entry)).not.toContain('hidden.')
    })

    it('when every list is exported, then each answers CSV with a header row', async () => {
      for (const list of ['partners', 'returns', 'lead-sync-failures', 'audit-log', 'client-feedback']) {
        const response = await csv(`/api/manager/console/exports/${list}`).expect(200)
        expect((response.body as string).split('\n')[0]!.length).toBeGreaterThan(5)
      }
      const partners = await csv('/api/manager/console/exports/partners?sort=partnerCode').expect(200)
      expect((partners.body as string).trim().split('\n')).toHaveLength(5)
    })

    it('when a cell starts like a spreadsheet formula, then it is exported as text', async () => {
      await request(t.app)
        .patch(`/api/manager/partners/${beta.id}`)
        .set(manager.headers)
        .send({ companyName: '=HYPERLINK("x")' })
        .expect(200)
      const response = await csv('/api/manager/console/exports/partners?search=BETA-2').expect(200)
      expect(response.body).toContain(`"'=HYPERLINK(""x"")"`)
    })
  })
})

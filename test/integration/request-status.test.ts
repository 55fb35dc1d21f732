import { eq } from 'drizzle-orm'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog, clientFeedback, jobs, requests, reservationReturns, reservations } from '../../app-server/db/schema'
import { asPartner, clientAddress, givenManager, givenPartner, requestBody } from '../support/factories'
import { createTestApp, type TestApp } from '../support/test-app'

const DAY_MS = 86_400_000

describe("the client's private status page", () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ STATUS_RATE_LIMIT: '40', FEEDBACK_AFTER_DAYS: '3' })
  })
  afterAll(() => t.close())

  /** Submits a request over the API, as the form does, and returns its id and status token. */
  async function submitted(overrides: Parameters<typeof requestBody>[0] = {}) {
    const response = await request(t.app)
      .post('/api/public/requests')
      .set('X-Forwarded-For', clientAddress())
      .send(requestBody(overrides))
    expect(response.status).toBe(201)
    return { id: response.body.id as string, token: response.body.statusToken as string }
  }
  const asClient = (token: string) => ({ Authorization: `Bearer ${token}`, 'X-Forwarded-For': clientAddress() })
  const status = (token: string) => request(t.app).get('/api/public/requests/status').set(asClient(token))
  const reserve = (partnerId: string, requestId: string) =>
    request(t.app).post(`/api/partner/requests/${requestId}/reservation`).set(asPartner(t, partnerId))

  it('when the client opens the status link, then the request shows without contact details and with no partners yet', async () => {
    const { id, token } = await submitted({
      description: 'Please call me on +49 30 9999 8888 about a CRM for our sales team.',
    })
    const response = await status(token)
    expect(response.status).toBe(200)
    expect(response.body).toMatchObject({
      id,
      status: 'open',
      closeReason: null,
      country: 'DE',
      types: ['cloud_subscription', 'training'],
      erasedAt: null,
      maxPartners: 5,
      partners: [],
      abilities: { withdraw: true, erase: true },
    })
    expect(response.body.description).not.toContain('9999')
    expect(JSON.stringify(response.body)).not.toMatch(/anna\.|Anna Schmidt|Schmidt GmbH/)
  })

  it('when partners reserve the request, then the status lists their companies with their public business contacts', async () => {
    const { id, token } = await submitted()
    const first = await givenPartner(t, {
      companyName: 'Alpha CRM GmbH',
      website: 'https://alpha-crm.example',
      contactName: 'Ada Alpha',
      contactEmail: 'sales@alpha-crm.example',
      contactPhone: '+49301110000',
    })
    const second = await givenPartner(t, { companyName: 'Beta Integrations' })
    expect((await reserve(first.id, id)).status).toBe(201)
    t.clock.advance(60_000)
    expect((await reserve(second.id, id)).status).toBe(201)
    await request(t.app).delete(`/api/partner/requests/${id}/reservation`).set(asPartner(t, second.id)).expect(200)

    const response = await status(token)
    expect(response.body.partners).toEqual([
      expect.objectContaining({
        partnerId: first.id,
        companyName: 'Alpha CRM GmbH',
        website: 'https://alpha-crm.example',
        contactName: 'Ada Alpha',
        contactEmail: 'sales@alpha-crm.example',
        contactPhone: '+49301110000',
        active: true,
        canRate: false,
        feedback: null,
      }),
      expect.objectContaining({ partnerId: second.id, companyName: 'Beta Integrations', active: false }),
    ])
    expect(response.body.partners[0].feedbackOpensAt).toBe(
      new Date(new Date(response.body.partners[0].reservedAt).getTime() + 3 * DAY_MS).toISOString(),
    )
  })

  it('when the token is missing, malformed or unknown, then 401 with a specific code and nothing about any request', async () => {
    const missing = await request(t.app).get('/api/public/requests/status').set('X-Forwarded-For', clientAddress())
    expect(missing.status).toBe(401)
    expect(missing.body.code).toBe('status_token_missing')
    for (const token of ['rst_short', `rst_${'A'.repeat(43)}`, `rsx_${'a'.repeat(43)}`]) {
      const response = await status(token)
      expect(response.status).toBe(401)
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/)
      expect(response.body.code).toBe('status_token_invalid')
    }
  })

  it('when a client withdraws, then the request closes for new reservations and a second withdrawal is a 409', async () => {
    const { id, token } = await submitted()
    const withdrawn = await request(t.app).post('/api/public/requests/status/withdrawal').set(asClient(token))
    expect(withdrawn.status).toBe(200)
    expect(withdrawn.body).toMatchObject({ status: 'closed', closeReason: 'withdrawn', abilities: { withdraw: false } })

    const partner = await givenPartner(t)
    const refused = await reserve(partner.id, id)
    expect(refused.status).toBe(409)
    expect(refused.body.code).toBe('request_closed')
    const again = await request(t.app).post('/api/public/requests/status/withdrawal').set(asClient(token))
    expect(again.status).toBe(409)
    expect(again.body.code).toBe('request_already_closed')
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, id))
    expect(audit.map((entry) => entry.action)).toContain('request.withdrawn')
  })

  it('when a client erases their data, then contacts and description are gone everywhere, partners lose them, statistics stay and it is audited', async () => {
    const { id, token } = await submitted({
      contact: { name: 'Erik Eraser', company: 'Eraser AG', email: 'erik.eraser@example.com', phone: '030 5554433' },
    })
    const partner = await givenPartner(t)
    await reserve(partner.id, id).expect(201)
    const [reservation] = await t.database.db.select().from(reservations).where(eq(reservations.requestId, id))
    // A lead waiting to be written to the partner's CRM must not be written after the erasure.
    await t.database.db.update(reservations).set({ crmStatus: 'pending' }).where(eq(reservations.id, reservation!.id))
    // A CRM may echo a lead's title, and with it the company, in an error text the app keeps.
    const crmError = 'TITLE "Implementation request: Eraser AG (Berlin)" rejected'
    await t.database.db.update(reservations).set({ crmLastError: crmError }).where(eq(reservations.id, reservation!.id))
    await t.database.db
      .insert(jobs)
      .values({
        name: 'crm-sync:reservation.created',
        key: reservation!.id,
        payload: { reservationId: reservation!.id, requestId: id, partnerId: partner.id, portalId: null },
        status: 'failed',
        lastError: crmError,
      })
      .onConflictDoUpdate({ target: [jobs.name, jobs.key], set: { status: 'failed', lastError: crmError } })
    // A second partner returns it as a bad lead with a note that quotes the client.
    const returning = await givenPartner(t)
    await reserve(returning.id, id).expect(201)
    await request(t.app)
      .post(`/api/partner/requests/${id}/reservation/return`)
      .set(asPartner(t, returning.id))
      .send({
        reason: 'unreachable',
        comment: 'Erik Eraser of Eraser AG never answered 030 5554433; Erik may try again.',
      })
      .expect(201)
    t.clock.advance(4 * DAY_MS)
    await request(t.app)
      .put('/api/public/requests/status/feedback')
      .set(asClient(token))
      .send({
        partnerId: partner.id,
        responseSpeed: 4,
        serviceQuality: 5,
        comment: 'Erik here, reach me at erik.eraser@example.com',
      })
      .expect(201)

    const erased = await request(t.app).post('/api/public/requests/status/erasure').set(asClient(token))
    expect(erased.status).toBe(200)
    expect(erased.body).toMatchObject({
      status: 'closed',
      closeReason: 'withdrawn',
      description: '',
      erasedAt: t.clock.now().toISOString(),
      abilities: { withdraw: false, erase: false },
    })

    const [row] = await t.database.db.select().from(requests).where(eq(requests.id, id))
    expect(row).toMatchObject({
      contactName: '',
      contactCompany: null,
      contactEmail: '',
      contactPhone: '',
      description: '',
      country: 'DE',
      city: 'Berlin',
      types: ['cloud_subscription', 'training'],
      usersCount: 40,
      reservedCount: 1,
    })
    const [after] = await t.database.db.select().from(reservations).where(eq(reservations.id, reservation!.id))
    expect(after).toMatchObject({ crmStatus: 'not_synced', crmLastError: null })
    const pushJobs = await t.database.db.select().from(jobs).where(eq(jobs.key, reservation!.id))
    expect(pushJobs.length).toBeGreaterThan(0)
    expect(pushJobs.map((job) => job.lastError)).toEqual(pushJobs.map(() => null))
    const [feedback] = await t.database.db.select().from(clientFeedback).where(eq(clientFeedback.requestId, id))
    expect(feedback).toMatchObject({ responseSpeed: 4, serviceQuality: 5, comment: null })

    const [returned] = await t.database.db.select().from(reservationReturns).where(eq(reservationReturns.requestId, id))
    expect(returned?.comment).toBe('[erased] of [erased] never answered [number]; [erased] may try again.')

    const mine = await request(t.app).get('/api/partner/reservations').set(asPartner(t, partner.id))
    const held = mine.body.items.find((item: { request: { id: string } }) => item.request.id === id)
    expect(held.contact).toBeNull()

    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, id))
    expect(audit.map((entry) => entry.action)).toContain('request.contacts_erased')
    const everything = JSON.stringify(await t.database.db.select().from(auditLog))
    expect(everything).not.toMatch(/erik\.eraser|Erik Eraser|Eraser AG|5554433/)

    const again = await request(t.app).post('/api/public/requests/status/erasure').set(asClient(token))
    expect(again.status).toBe(409)
    expect(again.body.code).toBe('contacts_already_erased')
  })

  it('when a client rates a partner, then it is allowed only after the waiting days, can be changed, and managers see it', async () => {
    const { id, token } = await submitted()
    const partner = await givenPartner(t, { companyName: 'Rated Partner Ltd' })
    const stranger = await givenPartner(t)
    await reserve(partner.id, id).expect(201)
    const rate = (body: object) =>
      request(t.app).put('/api/public/requests/status/feedback').set(asClient(token)).send(body)

    const early = await rate({ partnerId: partner.id, responseSpeed: 5, serviceQuality: 4 })
    expect(early.status).toBe(409)
    expect(early.body).toMatchObject({ code: 'feedback_too_early', opensAt: expect.any(String) })

    t.clock.advance(3 * DAY_MS)
    const notTheirs = await rate({ partnerId: stranger.id, responseSpeed: 5, serviceQuality: 4 })
    expect(notTheirs.status).toBe(422)
    expect(notTheirs.body.code).toBe('feedback_partner_not_found')
    const invalid = await rate({ partnerId: partner.id, responseSpeed: 6, serviceQuality: 0 })
    expect(invalid.status).toBe(400)
    expect(invalid.body.errors.map((error: { path: string }) => error.path).sort()).toEqual([
      'responseSpeed',
      'serviceQuality',
    ])

    const first = await rate({ partnerId: partner.id, responseSpeed: 5, serviceQuality: 4, comment: 'Quick answer.' })
    expect(first.status).toBe(201)
    expect(first.body.partners[0].feedback).toMatchObject({
      responseSpeed: 5,
      serviceQuality: 4,
      comment: 'Quick answer.',
    })
    const changed = await rate({ partnerId: partner.id, responseSpeed: 3, serviceQuality: 2 })
    expect(changed.status).toBe(200)
    expect(await t.database.db.select().from(clientFeedback).where(eq(clientFeedback.requestId, id))).toHaveLength(1)

    const { headers } = await givenManager(t)
    const listed = await request(t.app)
      .get('/api/manager/client-feedback')
      .query({ partnerId: partner.id })
      .set(headers)
    expect(listed.status).toBe(200)
    expect(listed.body).toMatchObject({
      items: [
        { requestId: id, partnerId: partner.id, partnerName: 'Rated Partner Ltd', responseSpeed: 3, serviceQuality: 2 },
      ],
      summary: { count: 1, averageResponseSpeed: 3, averageServiceQuality: 2 },
    })
    expect((await request(t.app).get('/api/manager/client-feedback')).status).toBe(401)
  })

  it('when one address calls the status endpoints too often, then 429 with Retry-After', async () => {
    const { token } = await submitted()
    const address = clientAddress()
    const call = () =>
      request(t.app)
        .get('/api/public/requests/status')
        .set({ Authorization: `Bearer ${token}`, 'X-Forwarded-For': address })
    for (let i = 0; i < 40; i++) expect((await call()).status).toBe(200)
    const limited = await call()
    expect(limited.status).toBe(429)
    expect(limited.body.code).toBe('rate_limited')
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
  })

  it('when the status endpoints are called, then the token never reaches the log', async () => {
    const { token } = await submitted()
    await status(token).expect(200)
    expect(t.logLines.join('\n')).not.toContain(token)
    expect(t.logLines.join('\n')).not.toContain(token.slice(4, 20))
  })

  it('the status, withdrawal, erasure, feedback and manager feedback endpoints are in the OpenAPI document', async () => {
    const response = await request(t.app).get('/api/openapi.json')
    const paths = response.body.paths as Record<string, Record<string, { operationId: string }>>
    expect(paths['/api/public/requests/status']?.get?.operationId).toBe('getRequestStatus')
    expect(paths['/api/public/requests/status/withdrawal']?.post?.operationId).toBe('withdrawRequest')
    expect(paths['/api/public/requests/status/erasure']?.post?.operationId).toBe('eraseRequestContacts')
    expect(paths['/api/public/requests/status/feedback']?.put?.operationId).toBe('rateReceivingPartner')
    expect(paths['/api/manager/client-feedback']?.get?.operationId).toBe('listClientFeedback')
    expect(response.body.components.securitySchemes.statusToken).toMatchObject({ type: 'http', scheme: 'bearer' })
  })
})

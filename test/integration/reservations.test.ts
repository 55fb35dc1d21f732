import { and, eq } from 'drizzle-orm'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog, requests, reservations } from '../../app-server/db/schema'
import { asPartner, givenPartner, givenRequest } from '../support/factories'
import { createTestApp, type TestApp } from '../support/test-app'

describe('reserving requests (rules 5.2)', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ RESERVATION_OPEN_LIMIT: '3' })
  })
  afterAll(() => t.close())

  const reserve = (partnerId: string, requestId: string) =>
    request(t.app).post(`/api/partner/requests/${requestId}/reservation`).set(asPartner(t, partnerId))
  const release = (partnerId: string, requestId: string) =>
    request(t.app).delete(`/api/partner/requests/${requestId}/reservation`).set(asPartner(t, partnerId))

  it('when a partner reserves a request, then it gets 201 with the full contact details and the text as typed (rules 5.2)', async () => {
    const partner = await givenPartner(t)
    const target = await givenRequest(t, { description: 'Mail me at ceo@firma.de please' })
    const response = await reserve(partner.id, target.id)
    expect(response.status).toBe(201)
    expect(response.body).toMatchObject({
      status: 'active',
      contact: {
        name: target.contactName,
        company: 'Client Ltd',
        email: target.contactEmail,
        phone: target.contactPhone,
      },
      request: { id: target.id, description: 'Mail me at ceo@firma.de please', reservations: { taken: 1, limit: 5 } },
      abilities: { release: true },
    })
  })

  it('when the partner reserves the same request again, then it gets 200 with the same reservation and no second slot', async () => {
    const partner = await givenPartner(t)
    const target = await givenRequest(t)
    const first = await reserve(partner.id, target.id)
    const second = await reserve(partner.id, target.id)
    expect(second.status).toBe(200)
    expect(second.body.id).toBe(first.body.id)
    const [row] = await t.database.db.select().from(requests).where(eq(requests.id, target.id))
    expect(row?.reservedCount).toBe(1)
  })

  it('when 5 partners hold a request, then a sixth gets 409 request_fully_reserved and the request closes as fully served (rules 5.2)', async () => {
    const target = await givenRequest(t)
    for (let i = 0; i < 5; i++) expect((await reserve((await givenPartner(t)).id, target.id)).status).toBe(201)
    const sixth = await reserve((await givenPartner(t)).id, target.id)
    expect(sixth.status).toBe(409)
    expect(sixth.body).toMatchObject({ code: 'request_fully_reserved', limit: 5 })
    const [row] = await t.database.db.select().from(requests).where(eq(requests.id, target.id))
    expect(row).toMatchObject({ reservedCount: 5, status: 'closed', closeReason: 'fully_served' })
  })

  it('when one of 5 holders releases, then the slot frees for another partner and the releaser loses the contacts (rules 5.2)', async () => {
    const target = await givenRequest(t)
    const holders = [] as string[]
    for (let i = 0; i < 5; i++) {
      const partner = await givenPartner(t)
      holders.push(partner.id)
      await reserve(partner.id, target.id)
    }
    const released = await release(holders[0]!, target.id)
    expect(released.status).toBe(200)
    expect(released.body).toMatchObject({ status: 'released', contact: null, abilities: { release: false } })
    const mine = await request(t.app).get('/api/partner/reservations').set(asPartner(t, holders[0]!))
    expect(mine.body.items[0]).toMatchObject({ status: 'released', contact: null })
    expect(JSON.stringify(mine.body)).not.toContain(target.contactEmail)
    const newcomer = await givenPartner(t)
    expect((await reserve(newcomer.id, target.id)).status).toBe(201)
    const [row] = await t.database.db.select().from(requests).where(eq(requests.id, target.id))
    expect(row).toMatchObject({ reservedCount: 5, status: 'closed', closeReason: 'fully_served' })
  })

  it('when a holder of a fully served request releases after the client erased their data, then it stays closed', async () => {
    const target = await givenRequest(t)
    const holders = [] as string[]
    for (let i = 0; i < 5; i++) {
      const partner = await givenPartner(t)
      holders.push(partner.id)
      await reserve(partner.id, target.id)
    }
    await t.database.db.update(requests).set({ erasedAt: t.clock.now() }).where(eq(requests.id, target.id))
    expect((await release(holders[0]!, target.id)).status).toBe(200)
    const [row] = await t.database.db.select().from(requests).where(eq(requests.id, target.id))
    expect(row).toMatchObject({ reservedCount: 4, status: 'closed', closeReason: 'fully_served' })
    expect((await reserve((await givenPartner(t)).id, target.id)).status).toBe(409)
  })

  it('when a partner releases and tries again, then it is refused: the slot went back to others', async () => {
    const partner = await givenPartner(t)
    const target = await givenRequest(t)
    await reserve(partner.id, target.id)
    await release(partner.id, target.id)
    const again = await reserve(partner.id, target.id)
    expect(again.status).toBe(409)
    expect(again.body.code).toBe('reservation_previously_released')
    expect((await release(partner.id, target.id)).body.code).toBe('reservation_not_found')
  })

  it('when the request is outside my locations, then 403 territory_not_covered (rules 5.2)', async () => {
    const partner = await givenPartner(t, { registeredCountry: 'DE', additional: ['AT'] })
    const target = await givenRequest(t, { country: 'CH' })
    const response = await reserve(partner.id, target.id)
    expect(response.status).toBe(403)
    expect(response.body.code).toBe('territory_not_covered')
    expect((await reserve(partner.id, (await givenRequest(t, { country: 'AT' })).id)).status).toBe(201)
  })

  it('when I hold as many open reservations as allowed, then 403 reservation_quota_exceeded until I release one', async () => {
    const partner = await givenPartner(t)
    const targets = [await givenRequest(t), await givenRequest(t), await givenRequest(t), await givenRequest(t)]
    for (const target of targets.slice(0, 3)) expect((await reserve(partner.id, target.id)).status).toBe(201)
    const refused = await reserve(partner.id, targets[3]!.id)
    expect(refused.status).toBe(403)
    expect(refused.body).toMatchObject({ code: 'reservation_quota_exceeded', limit: 3, used: 3 })
    await release(partner.id, targets[0]!.id)
    expect((await reserve(partner.id, targets[3]!.id)).status).toBe(201)
  })

  it('when the request is unknown, then 404 request_not_found; when it is closed, then 409 request_closed', async () => {
    const partner = await givenPartner(t)
    expect((await reserve(partner.id, '00000000-0000-4000-8000-000000000000')).body.code).toBe('request_not_found')
    const closed = await givenRequest(t, { status: 'closed', closeReason: 'withdrawn' })
    const refused = await reserve(partner.id, closed.id)
    expect(refused.status).toBe(409)
    expect(refused.body.code).toBe('request_closed')
    expect((await reserve(partner.id, 'not-a-uuid')).status).toBe(400)
  })

  it('lists my reservations newest first with contacts of active ones, and records the reveal in the audit log', async () => {
    const partner = await givenPartner(t)
    const first = await givenRequest(t)
    t.clock.advance(1000)
    const second = await givenRequest(t)
    await reserve(partner.id, first.id)
    t.clock.advance(1000)
    await reserve(partner.id, second.id)
    const response = await request(t.app).get('/api/partner/reservations').set(asPartner(t, partner.id))
    expect(response.body.items.map((item: { request: { id: string } }) => item.request.id)).toEqual([
      second.id,
      first.id,
    ])
    expect(response.body.items[0].contact.email).toBe(second.contactEmail)
    const reveals = () =>
      t.database.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'contacts.revealed'), eq(auditLog.actorId, partner.id)))
    // One reveal a day for each reservation: the list shown again the same day adds none.
    expect(await reveals()).toHaveLength(2)
    for (let view = 0; view < 3; view++) {
      await request(t.app).get('/api/partner/reservations').set(asPartner(t, partner.id)).expect(200)
    }
    expect(await reveals()).toHaveLength(2)
    t.clock.advance(24 * 60 * 60 * 1000)
    await request(t.app).get('/api/partner/reservations').set(asPartner(t, partner.id)).expect(200)
    expect(await reveals()).toHaveLength(4)
  })

  it('records reservation and release in the audit log with who and when', async () => {
    const partner = await givenPartner(t)
    const target = await givenRequest(t)
    const reserved = await reserve(partner.id, target.id)
    await release(partner.id, target.id)
    const entries = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, reserved.body.id))
    expect(entries.map((entry) => entry.action)).toEqual(['reservation.created', 'reservation.released'])
    expect(entries[1]).toMatchObject({ actorType: 'partner', actorId: partner.id, before: { status: 'active' } })
    const rows = await t.database.db.select().from(reservations).where(eq(reservations.requestId, target.id))
    expect(rows[0]?.reservedByUserId).toBe('1')
  })
})

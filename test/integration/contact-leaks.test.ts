import express from 'express'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LeakRecorder } from '../support/leak-recorder'
import { asPartner, clientAddress, givenPartner, givenRequest, partnerToken, requestBody } from '../support/factories'
import { createTestApp, type TestApp } from '../support/test-app'

// Every integration test file closes its app through TestApp.close(), which fails the file if any partner or
// public response, or any log line, carried a client contact value the caller had no reservation for. This
// file walks every partner and public endpoint on purpose, and proves the scan itself can fail.
describe('client contact details reach only partners holding a reservation (rules 5.2)', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: 'trace' })
  })
  afterAll(() => t.close())

  it('when partners browse, reserve, list, release and read their profile, then contacts appear only to holders', async () => {
    const submitted = await request(t.app)
      .post('/api/public/requests')
      .set('X-Forwarded-For', clientAddress())
      .send(requestBody({ description: 'Reach me at direct.line@client-example.com or +49 30 99887766' }))
    expect(submitted.status).toBe(201)
    const requestId = submitted.body.id as string
    const holder = await givenPartner(t)
    const bystander = await givenPartner(t)
    await givenRequest(t)
    for (const partner of [holder, bystander]) {
      await request(t.app).get('/api/partner/me').set(asPartner(t, partner.id))
      await request(t.app).get('/api/partner/requests').set(asPartner(t, partner.id))
      await request(t.app).get(`/api/partner/requests?country=DE&type=training`).set(asPartner(t, partner.id))
      await request(t.app).get('/api/partner/reservations').set(asPartner(t, partner.id))
    }
    const reserved = await request(t.app)
      .post(`/api/partner/requests/${requestId}/reservation`)
      .set(asPartner(t, holder.id))
    expect(reserved.body.contact.email).toMatch(/@example\.com$/)
    expect(reserved.body.request.description).toContain('direct.line@client-example.com')
    const bystanderFeed = await request(t.app).get('/api/partner/requests').set(asPartner(t, bystander.id))
    expect(JSON.stringify(bystanderFeed.body)).not.toContain('direct.line@client-example.com')
    await request(t.app).get('/api/partner/reservations').set(asPartner(t, holder.id))
    await request(t.app).delete(`/api/partner/requests/${requestId}/reservation`).set(asPartner(t, holder.id))
    const afterRelease = await request(t.app).get('/api/partner/reservations').set(asPartner(t, holder.id))
    expect(JSON.stringify(afterRelease.body)).not.toContain(reserved.body.contact.email)
    await request(t.app).post(`/api/partner/requests/${requestId}/reservation`).set(asPartner(t, holder.id))
    expect(t.recorder.responseCount).toBeGreaterThan(10)
    expect(await t.recorder.leaks()).toEqual([])
    expect(await t.recorder.logLeaks(t.logLines)).toEqual([])
  })

  it('when a response hands a contact to a partner without a reservation, then the scan reports it', async () => {
    const target = await givenRequest(t)
    const partner = await givenPartner(t)
    const recorder = new LeakRecorder(t.database.db, t.ctx.appSecret, () => t.clock.now())
    const leaky = express()
    leaky.use(recorder.middleware())
    leaky.get('/api/partner/leaky', (_req, res) => {
      res.json({ email: target.contactEmail })
    })
    await request(leaky)
      .get('/api/partner/leaky')
      .set('Authorization', `Bearer ${partnerToken(t, partner.id)}`)
    expect(await recorder.leaks()).toEqual([expect.stringContaining(target.id)])
    expect(await recorder.logLeaks([`{"msg":"oops ${target.contactPhone}"}`])).toHaveLength(1)
  })
})

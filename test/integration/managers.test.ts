import { eq, sql } from 'drizzle-orm'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog, managers, requests } from '../../app-server/db/schema'
import { createWorker } from '../../app-server/jobs/registry'
import { asPartner, givenManager, givenPartner, givenRequest } from '../support/factories'
import { createTestApp, type TestApp } from '../support/test-app'

describe('managers (rules 5.2, 13.4)', () => {
  let t: TestApp
  let manager: Awaited<ReturnType<typeof givenManager>>
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT: '4' })
    manager = await givenManager(t)
  })
  afterAll(() => t.close())

  it('when a manager signs in, then the token opens manager endpoints until signed out', async () => {
    expect((await request(t.app).get('/api/manager/me').set(manager.headers)).body.email).toBe(manager.email)
    const fresh = await request(t.app)
      .post('/api/manager/session')
      .send({ email: manager.email, password: manager.password })
    const headers = { Authorization: `Bearer ${fresh.body.token}` }
    expect((await request(t.app).delete('/api/manager/session').set(headers)).status).toBe(204)
    const after = await request(t.app).get('/api/manager/me').set(headers)
    expect(after.status).toBe(401)
    expect(after.body.code).toBe('invalid_session')
  })

  it('when the password is wrong, then 401 invalid_credentials; repeated attempts are rate limited', async () => {
    const address = '10.200.0.1'
    const attempt = () =>
      request(t.app)
        .post('/api/manager/session')
        .set('X-Forwarded-For', address)
        .send({ email: manager.email, password: 'wrong password' })
    const first = await attempt()
    expect(first.status).toBe(401)
    expect(first.body.code).toBe('invalid_credentials')
    for (let i = 0; i < 3; i++) await attempt()
    expect((await attempt()).status).toBe(429)
  })

  it('when no manager session is sent, then every manager endpoint answers 401', async () => {
    for (const path of [
      '/api/manager/partners',
      '/api/manager/requests',
      '/api/manager/audit-log',
      '/api/manager/restricted-countries',
    ]) {
      const response = await request(t.app).get(path)
      expect(response.status, path).toBe(401)
      expect(response.body.code).toBe('missing_session')
    }
    const asPartnerToken = await request(t.app)
      .get('/api/manager/partners')
      .set(asPartner(t, (await givenPartner(t)).id))
    expect(asPartnerToken.status).toBe(401)
  })

  it('stores only a password hash', async () => {
    const [row] = await t.database.db.select().from(managers).where(eq(managers.email, manager.email))
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/)
    expect(row?.passwordHash).not.toContain(manager.password)
  })

  it('when a manager creates and edits a partner, then every change is audited with before and after', async () => {
    const created = await request(t.app).post('/api/manager/partners').set(manager.headers).send({
      partnerCode: 'B24-DE-1001',
      companyName: 'Nordlicht IT',
      registeredCountry: 'de',
      contactEmail: 'office@nordlicht.example',
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ declaredStatus: 'bronze', approved: false, eligibility: { eligible: false } })
    const duplicate = await request(t.app)
      .post('/api/manager/partners')
      .set(manager.headers)
      .send({ partnerCode: 'B24-DE-1001', companyName: 'X', registeredCountry: 'DE' })
    expect(duplicate.body.code).toBe('partner_code_taken')
    const edited = await request(t.app)
      .patch(`/api/manager/partners/${created.body.id}`)
      .set(manager.headers)
      .send({ declaredStatus: 'silver', approved: true, tutorialCompletedAt: '2026-01-15T00:00:00.000Z' })
    expect(edited.body).toMatchObject({
      declaredStatus: 'silver',
      approved: true,
      eligibility: { eligible: true, reasons: [] },
    })
    const audit = await request(t.app)
      .get(`/api/manager/audit-log?entityType=partner&entityId=${created.body.id}`)
      .set(manager.headers)
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual([
      'partner.updated',
      'partner.created',
    ])
    expect(audit.body.items[0].before).toMatchObject({ declaredStatus: 'bronze', approved: false })
    expect(audit.body.items[0].after).toMatchObject({ declaredStatus: 'silver', approved: true })
    const list = await request(t.app).get('/api/manager/partners?search=nordlicht').set(manager.headers)
    expect(list.body.items.map((item: { partnerCode: string }) => item.partnerCode)).toEqual(['B24-DE-1001'])
  })

  it('when a manager suspends a partner until a date, then the partner is refused until the manager restores it (rules 13.4)', async () => {
    const partner = await givenPartner(t)
    const until = new Date(t.clock.now().getTime() + 30 * 86_400_000).toISOString()
    const suspended = await request(t.app)
      .put(`/api/manager/partners/${partner.id}/suspension`)
      .set(manager.headers)
      .send({ until, reason: 'Bulk e-mails to clients (5.1.1)' })
    expect(suspended.body.suspension).toMatchObject({ until, reason: 'Bulk e-mails to clients (5.1.1)' })
    expect((await request(t.app).get('/api/partner/requests').set(asPartner(t, partner.id))).body).toMatchObject({
      code: 'partner_suspended',
      until,
    })
    const past = await request(t.app)
      .put(`/api/manager/partners/${partner.id}/suspension`)
      .set(manager.headers)
      .send({ until: '2020-01-01T00:00:00Z', reason: 'x' })
    expect(past.body.code).toBe('suspension_in_past')
    const restored = await request(t.app).delete(`/api/manager/partners/${partner.id}/suspension`).set(manager.headers)
    expect(restored.body.suspension).toBeNull()
    expect((await request(t.app).get('/api/partner/requests').set(asPartner(t, partner.id))).status).toBe(200)
    expect(
      (await request(t.app).delete(`/api/manager/partners/${partner.id}/suspension`).set(manager.headers)).body.code,
    ).toBe('partner_not_suspended')
  })

  it('when a manager rejects a request as spam, then it leaves the feed; reopening brings it back with a new lifetime', async () => {
    const partner = await givenPartner(t, { registeredCountry: 'GR' })
    const target = await givenRequest(t, { country: 'GR' })
    const moderate = (action: string) =>
      request(t.app).post(`/api/manager/requests/${target.id}/moderation`).set(manager.headers).send({ action })
    const rejected = await moderate('reject_spam')
    expect(rejected.body).toMatchObject({
      status: 'closed',
      closeReason: 'rejected_spam',
      contact: { email: target.contactEmail },
    })
    expect((await request(t.app).get('/api/partner/requests').set(asPartner(t, partner.id))).body.items).toHaveLength(0)
    expect((await moderate('close')).body.code).toBe('request_already_closed')
    t.clock.advance(3_600_000)
    const reopened = await moderate('reopen')
    expect(reopened.body).toMatchObject({ status: 'open', closeReason: null })
    expect(new Date(reopened.body.expiresAt).getTime()).toBe(t.clock.now().getTime() + 30 * 86_400_000)
    expect((await moderate('reopen')).body.code).toBe('request_already_open')
    expect((await moderate('close')).body).toMatchObject({ status: 'closed', closeReason: 'closed_by_manager' })
    const audit = await request(t.app)
      .get(`/api/manager/audit-log?entityType=request&entityId=${target.id}`)
      .set(manager.headers)
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual([
      'request.close',
      'request.reopen',
      'request.reject_spam',
    ])
  })

  it('when the client erased their data, then a manager cannot reopen the request and no partner can reserve it', async () => {
    const partner = await givenPartner(t, { registeredCountry: 'GR' })
    const target = await givenRequest(t, {
      country: 'GR',
      status: 'closed',
      closeReason: 'withdrawn',
      erasedAt: t.clock.now(),
      contactEmail: '',
      contactPhone: '',
      contactName: '',
    })
    const reopened = await request(t.app)
      .post(`/api/manager/requests/${target.id}/moderation`)
      .set(manager.headers)
      .send({ action: 'reopen' })
    expect(reopened.status).toBe(409)
    expect(reopened.body.code).toBe('request_erased')
    const [row] = await t.database.db.select().from(requests).where(eq(requests.id, target.id))
    expect(row).toMatchObject({ status: 'closed', closeReason: 'withdrawn' })
    const reserved = await request(t.app)
      .post(`/api/partner/requests/${target.id}/reservation`)
      .set(asPartner(t, partner.id))
    expect(reserved.body.code).toBe('request_closed')
  })

  it('when a manager writes a note with the client contacts, then the audit log keeps the decision without them', async () => {
    const target = await givenRequest(t, { contactName: 'Jane Doe', contactPhone: '+49 30 5550199' })
    const note = `Spam: ${target.contactEmail}, Jane Doe, +49 30 5550199, www.jane-doe-shop.at, jane (at) example (dot) com`
    const rejected = await request(t.app)
      .post(`/api/manager/requests/${target.id}/moderation`)
      .set(manager.headers)
      .send({ action: 'reject_spam', note })
    expect(rejected.status).toBe(200)
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.entityId, target.id))
    const logged = JSON.stringify(audit)
    expect(logged).toContain('Spam:')
    for (const secret of [target.contactEmail, 'Jane', 'Doe', '5550199', 'jane-doe-shop', 'example']) {
      expect(logged).not.toContain(secret)
    }
  })

  it('when a request outlives its lifetime, then the worker closes it as expired', async () => {
    const target = await givenRequest(t, { expiresAt: new Date(t.clock.now().getTime() + 1000) })
    t.clock.advance(10 * 60_000)
    await createWorker(t.ctx).drain()
    const [row] = await t.database.db.select().from(requests).where(eq(requests.id, target.id))
    expect(row).toMatchObject({ status: 'closed', closeReason: 'expired' })
  })

  it('refuses to rewrite or delete audit history, even from inside the database', async () => {
    const appendOnly = { cause: expect.objectContaining({ message: expect.stringMatching(/append-only/) }) }
    await expect(t.database.db.execute(sql`update audit_log set action = 'tampered'`)).rejects.toMatchObject(appendOnly)
    await expect(t.database.db.execute(sql`delete from audit_log`)).rejects.toMatchObject(appendOnly)
    await expect(t.database.db.execute(sql`truncate audit_log`)).rejects.toMatchObject(appendOnly)
  })
})

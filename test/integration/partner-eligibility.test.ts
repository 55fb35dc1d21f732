import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { asPartner, givenPartner, givenRequest } from '../support/factories'
import { createTestApp, type TestApp } from '../support/test-app'

describe('who may see and reserve requests (rules 5.2, 13.4)', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(() => t.close())

  const attempt = async (partnerId: string) => {
    const target = await givenRequest(t, { country: 'DE' })
    const feed = await request(t.app).get('/api/partner/requests').set(asPartner(t, partnerId))
    const reserve = await request(t.app)
      .post(`/api/partner/requests/${target.id}/reservation`)
      .set(asPartner(t, partnerId))
    return { feed, reserve }
  }

  it('when the partner is not approved, then feed and reserve are refused with partner_not_approved (rules 5.2)', async () => {
    const partner = await givenPartner(t, { approved: false })
    const { feed, reserve } = await attempt(partner.id)
    for (const response of [feed, reserve]) {
      expect(response.status).toBe(403)
      expect(response.body.code).toBe('partner_not_approved')
    }
  })

  it('when the tutorial is not completed, then they are refused with tutorial_not_completed (rules 5.2)', async () => {
    const partner = await givenPartner(t, { tutorialCompletedAt: null })
    const { feed, reserve } = await attempt(partner.id)
    expect([feed.body.code, reserve.body.code]).toEqual(['tutorial_not_completed', 'tutorial_not_completed'])
  })

  it('when access is suspended until a date, then they are refused with partner_suspended and the end date (rules 13.4)', async () => {
    const until = new Date(t.clock.now().getTime() + 7 * 86_400_000)
    const partner = await givenPartner(t, {
      suspendedAt: t.clock.now(),
      suspendedUntil: until,
      suspensionReason: 'Spam to clients',
    })
    const { feed, reserve } = await attempt(partner.id)
    for (const response of [feed, reserve]) {
      expect(response.status).toBe(403)
      expect(response.body).toMatchObject({ code: 'partner_suspended', until: until.toISOString() })
    }
    t.clock.advance(8 * 86_400_000)
    expect((await request(t.app).get('/api/partner/requests').set(asPartner(t, partner.id))).status).toBe(200)
  })

  it('when access is suspended permanently, then the refusal says so with until null (rules 13.4)', async () => {
    const partner = await givenPartner(t, {
      suspendedAt: t.clock.now(),
      suspendedUntil: null,
      suspensionReason: 'Fraud',
    })
    const { feed } = await attempt(partner.id)
    expect(feed.body).toMatchObject({ code: 'partner_suspended', until: null })
    expect(feed.body.detail).toContain('permanent')
  })

  it('when a partner reads its profile, then it sees every condition that fails at once', async () => {
    const partner = await givenPartner(t, { approved: false, tutorialCompletedAt: null })
    const response = await request(t.app).get('/api/partner/me').set(asPartner(t, partner.id))
    expect(response.status).toBe(200)
    expect(response.body.eligibility).toEqual({
      eligible: false,
      reasons: [{ code: 'partner_not_approved' }, { code: 'tutorial_not_completed' }],
    })
    expect(response.body.reservationQuota).toEqual({ limit: 10, used: 0 })
  })

  it('when the session token is missing, forged or expired, then the answer is 401 with a code', async () => {
    const partner = await givenPartner(t)
    expect((await request(t.app).get('/api/partner/me')).body.code).toBe('missing_session')
    const forged = await request(t.app)
      .get('/api/partner/me')
      .set('Authorization', `Bearer ${'x'.repeat(20)}.${'y'.repeat(20)}.zz`)
    expect(forged.status).toBe(401)
    expect(forged.body.code).toBe('invalid_session')
    const headers = asPartner(t, partner.id)
    t.clock.advance((t.config.PARTNER_SESSION_TTL_SECONDS + 1) * 1000)
    const expired = await request(t.app).get('/api/partner/me').set(headers)
    expect(expired.status).toBe(401)
    expect(expired.body.code).toBe('session_expired')
  })
})

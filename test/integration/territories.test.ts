import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { asPartner, givenManager, givenPartner } from '../support/factories'
import { createTestApp, type TestApp } from '../support/test-app'

describe('partner locations and restricted countries (rules 5.2, 2.4)', () => {
  let t: TestApp
  let manager: Awaited<ReturnType<typeof givenManager>>
  beforeAll(async () => {
    t = await createTestApp()
    manager = await givenManager(t)
  })
  afterAll(() => t.close())

  const setMine = (partnerId: string, additional: string[]) =>
    request(t.app).put('/api/partner/locations').set(asPartner(t, partnerId)).send({ additional })

  it('when a partner chooses 3 additional locations, then it covers 4 locations in all (rules 5.2)', async () => {
    const partner = await givenPartner(t, { registeredCountry: 'DE' })
    const response = await setMine(partner.id, ['at', 'CH', 'LI'])
    expect(response.status).toBe(200)
    expect(response.body.locations).toEqual({
      registered: 'DE',
      additional: ['AT', 'CH', 'LI'],
      maxAdditional: 3,
      locked: false,
    })
  })

  it('when a partner asks for a fourth additional location, then 422 too_many_locations and nothing changes (rules 5.2)', async () => {
    const partner = await givenPartner(t, { additional: ['AT'] })
    const response = await setMine(partner.id, ['AT', 'CH', 'LI', 'LU'])
    expect(response.status).toBe(422)
    expect(response.body).toMatchObject({ code: 'too_many_locations', maxAdditional: 3 })
    expect(
      (await request(t.app).get('/api/partner/me').set(asPartner(t, partner.id))).body.locations.additional,
    ).toEqual(['AT'])
  })

  it('when a location is restricted, then it cannot be chosen (rules 2.4)', async () => {
    await request(t.app).put('/api/manager/restricted-countries/IR').set(manager.headers).send({ reason: 'Sanctions' })
    const partner = await givenPartner(t)
    const response = await setMine(partner.id, ['IR'])
    expect(response.status).toBe(422)
    expect(response.body).toMatchObject({ code: 'country_restricted', countries: ['IR'] })
    // The partner's profile lists the restricted countries, so the app explains them instead of offering them.
    const me = await request(t.app).get('/api/partner/me').set(asPartner(t, partner.id))
    expect(me.body.restrictedCountries).toContain('IR')
    const managerView = await request(t.app).get(`/api/manager/partners/${partner.id}`).set(manager.headers)
    expect(managerView.body).not.toHaveProperty('restrictedCountries')
  })

  it('when the registered country is listed again or a country is unknown, then the change is refused', async () => {
    const partner = await givenPartner(t, { registeredCountry: 'DE' })
    expect((await setMine(partner.id, ['DE'])).body.code).toBe('location_is_registered_country')
    expect((await setMine(partner.id, ['ZZ'])).status).toBe(400)
    expect((await setMine(partner.id, ['AT', 'AT'])).status).toBe(400)
  })

  it('when a manager locks the locations, then the partner cannot change them but the manager can (rules 5.2)', async () => {
    const partner = await givenPartner(t)
    const locked = await request(t.app)
      .put(`/api/manager/partners/${partner.id}/locations`)
      .set(manager.headers)
      .send({ additional: ['FR', 'BE'], locked: true })
    expect(locked.status).toBe(200)
    expect(locked.body.locations).toMatchObject({ additional: ['FR', 'BE'], locked: true })
    const refused = await setMine(partner.id, ['NL'])
    expect(refused.status).toBe(403)
    expect(refused.body.code).toBe('locations_locked')
    const changed = await request(t.app)
      .put(`/api/manager/partners/${partner.id}/locations`)
      .set(manager.headers)
      .send({ additional: ['NL'] })
    expect(changed.body.locations).toMatchObject({ additional: ['NL'], locked: true })
    const tooMany = await request(t.app)
      .put(`/api/manager/partners/${partner.id}/locations`)
      .set(manager.headers)
      .send({ additional: ['NL', 'BE', 'LU', 'FR'] })
    expect(tooMany.body.code).toBe('too_many_locations')
  })

  it('managers keep the restricted list: add, list, lift, with an audit trail (rules 2.4)', async () => {
    const put = await request(t.app)
      .put('/api/manager/restricted-countries/cu')
      .set(manager.headers)
      .send({ reason: 'US embargo' })
    expect(put.status).toBe(200)
    expect(put.body).toMatchObject({ country: 'CU', reason: 'US embargo' })
    const list = await request(t.app).get('/api/manager/restricted-countries').set(manager.headers)
    expect(list.body.items.map((item: { country: string }) => item.country)).toContain('CU')
    expect((await request(t.app).delete('/api/manager/restricted-countries/CU').set(manager.headers)).status).toBe(204)
    expect((await request(t.app).delete('/api/manager/restricted-countries/CU').set(manager.headers)).body.code).toBe(
      'country_not_restricted',
    )
    const audit = await request(t.app).get('/api/manager/audit-log?entityType=country&entityId=CU').set(manager.headers)
    expect(audit.body.items.map((entry: { action: string }) => entry.action)).toEqual([
      'restricted_country.lifted',
      'restricted_country.set',
    ])
    expect(audit.body.items[0]).toMatchObject({
      actorType: 'manager',
      actorId: manager.manager.id,
      before: { country: 'CU' },
      after: null,
    })
  })
})

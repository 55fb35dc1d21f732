import { eq } from 'drizzle-orm'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requests } from '../../app-server/db/schema'
import { newStatusToken } from '../../app-server/modules/requests/status-token'
import { asPartner, clientAddress, givenPartner, givenRequest } from '../support/factories'
import { createTestApp, type TestApp } from '../support/test-app'

// Requests stored before the city was validated as a place name may hold anything in it.
const CITY_WITH_CONTACTS = 'Berlin +49 30 55512345 someone@example.com'
const SECRETS = ['55512345', 'someone', 'example.com']

describe('the city, free text every partner in the country sees', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(() => t.close())

  it('when a stored city carries contact details, then the feed and the status page mask them', async () => {
    const partner = await givenPartner(t, { registeredCountry: 'LU' })
    const { token, hash } = newStatusToken()
    const target = await givenRequest(t, { country: 'LU', city: CITY_WITH_CONTACTS, statusTokenHash: hash })
    const feed = await request(t.app).get('/api/partner/requests').set(asPartner(t, partner.id))
    const item = feed.body.items.find((entry: { id: string }) => entry.id === target.id)
    expect(item.city).toMatch(/^Berlin /)
    const status = await request(t.app)
      .get('/api/public/requests/status')
      .set({ Authorization: `Bearer ${token}`, 'X-Forwarded-For': clientAddress() })
    expect(status.status).toBe(200)
    for (const secret of SECRETS) {
      expect(item.city).not.toContain(secret)
      expect(status.body.city).not.toContain(secret)
    }
  })

  it('when the client erases their data, then a city carrying contact details goes too; a place name stays', async () => {
    const erase = async (city: string) => {
      const { token, hash } = newStatusToken()
      const target = await givenRequest(t, { city, statusTokenHash: hash })
      const erased = await request(t.app)
        .post('/api/public/requests/status/erasure')
        .set({ Authorization: `Bearer ${token}`, 'X-Forwarded-For': clientAddress() })
      expect(erased.status).toBe(200)
      const [row] = await t.database.db.select().from(requests).where(eq(requests.id, target.id))
      return row!.city
    }
    const erasedCity = await erase(CITY_WITH_CONTACTS)
    for (const secret of SECRETS) expect(erasedCity).not.toContain(secret)
    expect(await erase('Halle (Saale)')).toBe('Halle (Saale)')
  })
})

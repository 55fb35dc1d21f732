import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { restrictedCountries } from '../../app-server/db/schema'
import { MASK } from '../../shared/domain/mask-contacts'
import { asPartner, givenPartner, givenRequest } from '../support/factories'
import { createTestApp, type TestApp } from '../support/test-app'

describe('the request feed of a partner (rules 5.2)', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ RESERVATION_OPEN_LIMIT: '2' })
  })
  afterAll(() => t.close())

  const feed = (partnerId: string, query = '') =>
    request(t.app).get(`/api/partner/requests${query}`).set(asPartner(t, partnerId))

  it('when a partner opens the feed, then it sees open requests of its registered country and additional locations only, newest first (rules 5.2)', async () => {
    const partner = await givenPartner(t, { registeredCountry: 'PT', additional: ['BR', 'AO'] })
    const older = await givenRequest(t, { country: 'PT', createdAt: new Date(t.clock.now().getTime() - 60_000) })
    const newer = await givenRequest(t, { country: 'BR' })
    await givenRequest(t, { country: 'ES' })
    await givenRequest(t, { country: 'PT', status: 'closed', closeReason: 'expired' })
    const response = await feed(partner.id)
    expect(response.status).toBe(200)
    expect(response.body.items.map((item: { id: string }) => item.id)).toEqual([newer.id, older.id])
    expect(response.body.items[0]).toMatchObject({
      country: 'BR',
      reservations: { taken: 0, limit: 5 },
      heldByMe: false,
      abilities: { reserve: true },
    })
  })

  it('when the description contains contact details, then they are masked and no contact field is present (rules 5.2)', async () => {
    const partner = await givenPartner(t, { registeredCountry: 'IT' })
    await givenRequest(t, {
      country: 'IT',
      description:
        'Call me on +39 06 1234 5678 or write to boss@azienda.it, see www.azienda.it and telegram @azienda_boss',
    })
    const [item] = (await feed(partner.id)).body.items
    expect(item.description).toBe(`Call me on ${MASK} or write to ${MASK}, see ${MASK} and telegram ${MASK}`)
    expect(item).not.toHaveProperty('contact')
  })

  it('when the feed has more items than a page, then the cursor walks it without gaps or repeats', async () => {
    const partner = await givenPartner(t, { registeredCountry: 'NL' })
    const ids: string[] = []
    for (let i = 0; i < 7; i++) {
      ids.unshift(
        (await givenRequest(t, { country: 'NL', createdAt: new Date(t.clock.now().getTime() + i * 1000) })).id,
      )
    }
    const seen: string[] = []
    let cursor: string | null = null
    do {
      const response = await feed(partner.id, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
      seen.push(...response.body.items.map((item: { id: string }) => item.id))
      cursor = response.body.nextCursor
    } while (cursor)
    expect(seen).toEqual(ids)
  })

  it('filters by request type and by one of my countries; another country is refused', async () => {
    const partner = await givenPartner(t, { registeredCountry: 'FR', additional: ['BE'] })
    const training = await givenRequest(t, { country: 'FR', types: ['training', 'purchase'] })
    await givenRequest(t, { country: 'FR', types: ['telephony'] })
    const belgian = await givenRequest(t, { country: 'BE', types: ['telephony'] })
    expect((await feed(partner.id, '?type=training')).body.items.map((i: { id: string }) => i.id)).toEqual([
      training.id,
    ])
    expect((await feed(partner.id, '?country=be')).body.items.map((i: { id: string }) => i.id)).toEqual([belgian.id])
    const outside = await feed(partner.id, '?country=DE')
    expect(outside.status).toBe(403)
    expect(outside.body.code).toBe('territory_not_covered')
    expect((await feed(partner.id, '?type=everything')).status).toBe(400)
    expect((await feed(partner.id, '?cursor=garbage')).body.code).toBe('invalid_cursor')
  })

  it('when a country becomes restricted, then its requests leave the feed (rules 2.4)', async () => {
    const partner = await givenPartner(t, { registeredCountry: 'SE', additional: ['BY'] })
    await givenRequest(t, { country: 'BY' })
    expect((await feed(partner.id)).body.items).toHaveLength(1)
    await t.database.db.insert(restrictedCountries).values({ country: 'BY', reason: 'Sanctions' }).onConflictDoNothing()
    expect((await feed(partner.id)).body.items).toHaveLength(0)
  })

  it('when I hold requests up to my quota, then the others say why they cannot be reserved', async () => {
    const partner = await givenPartner(t, { registeredCountry: 'PL' })
    const [a, b, c] = [
      await givenRequest(t, { country: 'PL' }),
      await givenRequest(t, { country: 'PL' }),
      await givenRequest(t, { country: 'PL' }),
    ]
    for (const r of [a!, b!])
      expect(
        (await request(t.app).post(`/api/partner/requests/${r.id}/reservation`).set(asPartner(t, partner.id))).status,
      ).toBe(201)
    const items = (await feed(partner.id)).body.items as {
      id: string
      heldByMe: boolean
      abilities: object
      reservations: object
    }[]
    expect(items.find((item) => item.id === c!.id)?.abilities).toEqual({
      reserve: false,
      reserveDeniedReason: 'reservation_quota_exceeded',
    })
    expect(items.find((item) => item.id === a!.id)).toMatchObject({
      heldByMe: true,
      reservations: { taken: 1, limit: 5 },
      abilities: { reserve: false, reserveDeniedReason: 'already_reserved' },
    })
  })
})

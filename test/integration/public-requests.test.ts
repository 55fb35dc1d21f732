import { eq } from 'drizzle-orm'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requests, restrictedCountries } from '../../app-server/db/schema'
import { clientAddress, requestBody } from '../support/factories'
import { createTestApp, type TestApp } from '../support/test-app'

describe('client requests (rules 5.2)', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ REQUEST_RATE_LIMIT: '3' })
  })
  afterAll(() => t.close())

  const submit = (body: object, address = clientAddress()) =>
    request(t.app).post('/api/public/requests').set('X-Forwarded-For', address).send(body)

  it('when a client submits a valid request, then it is stored open with a private status token (rules 5.2)', async () => {
    const body = requestBody({ contact: { name: 'Jo Doe', email: '  Jo.Doe@Example.COM ', phone: '030 1234567' } })
    const response = await submit(body)
    expect(response.status).toBe(201)
    expect(response.body).toEqual({
      id: expect.any(String),
      status: 'open',
      statusToken: expect.stringMatching(/^rst_[\w-]{43}$/),
    })
    const [row] = await t.database.db.select().from(requests).where(eq(requests.id, response.body.id))
    expect(row?.contactEmail).toBe('jo.doe@example.com')
    expect(row?.contactPhone).toBe('+49301234567')
    expect(row?.statusTokenHash).not.toContain(response.body.statusToken)
    expect(row?.status).toBe('open')
    expect(row?.expiresAt.getTime()).toBe(t.clock.now().getTime() + 30 * 86_400_000)
  })

  it('when the phone is international, then it is kept in E.164 whatever the request country', async () => {
    const response = await submit(
      requestBody({ country: 'ES', contact: { name: 'Ana', email: 'ana.es@example.com', phone: '+44 20 7946 0958' } }),
    )
    expect(response.status).toBe(201)
    const [row] = await t.database.db.select().from(requests).where(eq(requests.id, response.body.id))
    expect(row?.contactPhone).toBe('+442079460958')
  })

  it('when the same client repeats a request within 30 days, then the first request is returned with 200 and nothing new is stored', async () => {
    const first = await submit(
      requestBody({
        contact: { name: 'Rep Eat', email: 'repeat@example.com', phone: '+4930987654' },
        types: ['training', 'telephony'],
      }),
    )
    const before = await t.database.db.select().from(requests).where(eq(requests.contactEmail, 'repeat@example.com'))
    const again = await submit(
      requestBody({
        contact: { name: 'Rep Eat', email: 'REPEAT@example.com', phone: '+4930987654' },
        types: ['telephony'],
      }),
    )
    // Answered exactly like a new request, so no one learns that this address has one: the same status and
    // shape, but neither the first request's id nor a token that opens it.
    expect(again.status).toBe(first.status)
    expect(Object.keys(again.body).sort()).toEqual(Object.keys(first.body).sort())
    expect(again.body).toMatchObject({ status: 'open', statusToken: expect.stringMatching(/^rst_/) })
    expect(again.body.id).not.toBe(first.body.id)
    expect(again.body.statusToken).not.toBe(first.body.statusToken)
    const after = await t.database.db.select().from(requests).where(eq(requests.contactEmail, 'repeat@example.com'))
    expect(after).toHaveLength(before.length)
    const opened = await request(t.app)
      .get('/api/public/requests/status')
      .set({ Authorization: `Bearer ${again.body.statusToken}`, 'X-Forwarded-For': clientAddress() })
    expect(opened.status).not.toBe(200)
  })

  it('when the types do not overlap or the country differs, then it is a new request', async () => {
    const contact = { name: 'New Types', email: 'newtypes@example.com', phone: '+4930555000' }
    await submit(requestBody({ contact, types: ['training'] }))
    expect((await submit(requestBody({ contact, types: ['localization'] }))).status).toBe(201)
    expect(
      (
        await submit(
          requestBody({ country: 'AT', types: ['training'], contact: { ...contact, phone: '+43 1 5050505' } }),
        )
      ).status,
    ).toBe(201)
  })

  it('when the duplicate window has passed, then the same request is accepted again', async () => {
    const body = requestBody({ contact: { name: 'Old One', email: 'old@example.com', phone: '+4930111222' } })
    await submit(body)
    t.clock.advance(31 * 86_400_000)
    expect((await submit(body)).status).toBe(201)
  })

  it('when the country is restricted, then the request is refused with a clear message and never stored (rules 2.4)', async () => {
    await t.database.db.insert(restrictedCountries).values({ country: 'KP', reason: 'Sanctions' }).onConflictDoNothing()
    const response = await submit(
      requestBody({ country: 'KP', contact: { name: 'Kim', email: 'kim@example.com', phone: '+850 2 381 5926' } }),
    )
    expect(response.status).toBe(422)
    expect(response.body.code).toBe('country_restricted')
    expect(response.body.detail).toContain('North Korea')
    expect(
      await t.database.db.select().from(requests).where(eq(requests.contactEmail, 'kim@example.com')),
    ).toHaveLength(0)
  })

  it('when the form asks which countries are restricted, then it gets their codes without the reasons (rules 2.4)', async () => {
    await t.database.db.insert(restrictedCountries).values({ country: 'KP', reason: 'Sanctions' }).onConflictDoNothing()
    await t.database.db
      .insert(restrictedCountries)
      .values({ country: 'CU', reason: 'Export control' })
      .onConflictDoNothing()
    const response = await request(t.app).get('/api/public/restricted-countries')
    expect(response.status).toBe(200)
    expect(response.headers['cache-control']).toBe('public, max-age=300')
    expect(response.body).toEqual({ countries: ['CU', 'KP'] })
    expect(JSON.stringify(response.body)).not.toContain('Sanctions')
  })

  it('when the hidden website field is filled, then the submission is refused as automated', async () => {
    const response = await submit({ ...requestBody(), website: 'http://spam.example' })
    expect(response.status).toBe(422)
    expect(response.body.code).toBe('spam_suspected')
  })

  it('when one address submits more than the limit, then it gets 429 with Retry-After', async () => {
    const address = clientAddress()
    for (let i = 0; i < 3; i++) expect((await submit(requestBody(), address)).status).toBe(201)
    const limited = await submit(requestBody(), address)
    expect(limited.status).toBe(429)
    expect(limited.body.code).toBe('rate_limited')
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(3600)
    t.clock.advance(3_600_000)
    expect((await submit(requestBody(), address)).status).toBe(201)
  })

  it('when fields are invalid, then each one is named in the 400 problem', async () => {
    const response = await submit({
      ...requestBody(),
      country: 'XX',
      usersCount: 0,
      contact: { name: '', email: 'nope', phone: '1' },
    })
    expect(response.status).toBe(400)
    expect(response.body.code).toBe('validation_failed')
    const paths = (response.body.errors as { path: string }[]).map((error) => error.path).sort()
    expect(paths).toEqual(['contact.email', 'contact.name', 'country', 'usersCount'])
    const withPhone = await submit({
      ...requestBody(),
      usersCount: 0,
      contact: { name: 'Valid Name', email: 'x@example.com', phone: '12' },
    })
    expect((withPhone.body.errors as { path: string }[]).map((error) => error.path).sort()).toEqual([
      'contact.phone',
      'usersCount',
    ])
  })
})

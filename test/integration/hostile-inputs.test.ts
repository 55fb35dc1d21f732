import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib'
import { randomUUID } from 'node:crypto'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { asPartner, clientAddress, givenManager, givenPartner, requestBody } from '../support/factories'
import '../support/provided-context'
import { createTestApp, type TestApp } from '../support/test-app'

const cursorOf = (keys: Record<string, unknown>) => Buffer.from(JSON.stringify(keys)).toString('base64url')
const YEAR_ZERO = '0000-01-01T00:00:00.000Z'

function expectProblem(response: request.Response, status: number, code: string) {
  expect({ status: response.status, code: response.body?.code }).toEqual({ status, code })
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
}

describe('hostile input answers a 4xx problem, never a 500', () => {
  let t: TestApp
  let manager: Record<string, string>
  let partner: Record<string, string>

  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: 'warn' })
    manager = (await givenManager(t)).headers
    partner = asPartner(t, (await givenPartner(t)).id)
  })
  afterAll(() => t.close())

  it.each([
    ['/partner/%ff', {}],
    ['/request-form/%E0%A4%A', {}],
    ['/api/manager/requests/%ff', 'manager'],
    ['/api/partner/requests/%ff/reservation', 'partner'],
  ] as const)('when a path has bad percent-encoding (%s), then 400 malformed_url', async (path, who) => {
    const headers = who === 'manager' ? manager : who === 'partner' ? partner : {}
    const response = await request(t.app).get(path).set(headers)
    expectProblem(response, 400, 'malformed_url')
  })

  it('when a query holds a NUL byte, then 400 validation_failed', async () => {
    expectProblem(await request(t.app).get('/api/manager/partners?search=%00').set(manager), 400, 'validation_failed')
    expectProblem(
      await request(t.app).get('/api/manager/audit-log?entityId=%00').set(manager),
      400,
      'validation_failed',
    )
  })

  it('when a cursor carries a timestamp in year 0000, then 400 invalid_cursor', async () => {
    const cursor = cursorOf({ createdAt: YEAR_ZERO, id: randomUUID() })
    expectProblem(
      await request(t.app).get(`/api/partner/requests?cursor=${cursor}`).set(partner),
      400,
      'invalid_cursor',
    )
    expectProblem(
      await request(t.app).get(`/api/manager/requests?cursor=${cursor}`).set(manager),
      400,
      'invalid_cursor',
    )
    const reserved = cursorOf({ reservedAt: YEAR_ZERO, id: randomUUID() })
    expectProblem(
      await request(t.app).get(`/api/partner/reservations?cursor=${reserved}`).set(partner),
      400,
      'invalid_cursor',
    )
  })

  it('when tutorialCompletedAt is in year 0000, then 400 validation_failed', async () => {
    const response = await request(t.app)
      .post('/api/manager/partners')
      .set(manager)
      .send({
        partnerCode: `Y0-${randomUUID()}`,
        companyName: 'Zero',
        registeredCountry: 'DE',
        tutorialCompletedAt: YEAR_ZERO,
      })
    expectProblem(response, 400, 'validation_failed')
  })

  const body = Buffer.from(JSON.stringify(requestBody()))
  it.each([
    ['gzip', Buffer.from('not gzip at all')],
    ['deflate', Buffer.from('not deflate at all')],
    ['br', Buffer.from('not brotli at all')],
    ['gzip', gzipSync(body).subarray(0, 20)],
    ['deflate', deflateSync(body).subarray(0, 10)],
    ['br', brotliCompressSync(body).subarray(0, 10)],
  ] as const)(
    'when a body does not decode as its Content-Encoding (%s), then 400 malformed_body',
    async (encoding, raw) => {
      const response = await request(t.app)
        .post('/api/public/requests')
        .set('X-Forwarded-For', clientAddress())
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', encoding)
        .send(raw)
      expectProblem(response, 400, 'malformed_body')
    },
  )

  it.each(['\u200b', '\u3164', ' \u200d\u2060 ', '\ufeff'])(
    'when a required text is only invisible characters (%j), then 400',
    async (blank) => {
      const response = await request(t.app)
        .post('/api/public/requests')
        .set('X-Forwarded-For', clientAddress())
        .send(requestBody({ description: blank.repeat(30) } as never))
      expectProblem(response, 400, 'validation_failed')
      const named = await request(t.app)
        .post('/api/manager/partners')
        .set(manager)
        .send({ partnerCode: `B-${randomUUID()}`, companyName: blank, registeredCountry: 'DE' })
      expectProblem(named, 400, 'validation_failed')
    },
  )

  it('when a JSON body repeats a key, then 400 duplicate_json_key', async () => {
    const text = JSON.stringify(requestBody()).replace('{', '{"country":"DE","country":"KP",')
    const response = await request(t.app)
      .post('/api/public/requests')
      .set('X-Forwarded-For', clientAddress())
      .set('Content-Type', 'application/json')
      .send(text)
    expectProblem(response, 400, 'duplicate_json_key')
  })

  it('when no route matches outside the API, then 404 route_not_found as a problem', async () => {
    expectProblem(await request(t.app).get('/no/such/page'), 404, 'route_not_found')
    expectProblem(await request(t.app).post('/no/such/page'), 404, 'route_not_found')
  })
})

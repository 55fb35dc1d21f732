import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docExample, expectDocumentedShape } from './support/doc-examples'
import { callRest, installApp, startHarness, type Harness, type InstalledApp } from './support/harness'

let harness: Harness
let app: InstalledApp
let endpoint: string

beforeAll(async () => {
  harness = await startHarness()
  app = await installApp(harness.portal)
  endpoint = harness.portal.clientEndpoint()
})
afterAll(() => harness.close())

describe('profile, user.current, app.info', () => {
  it('profile answers like D:api-reference/common/users/profile', async () => {
    const example = docExample('profile')
    const { status, body } = await callRest(endpoint, 'profile', example.request, app.accessToken)
    expect(status).toBe(200)
    expectDocumentedShape(body, example.response)
    expectDocumentedShape(body.result, example.response.result, { exact: true })
    expect(body.result).toEqual({
      ID: '1',
      ADMIN: true,
      NAME: 'Anna',
      LAST_NAME: 'Admin',
      PERSONAL_GENDER: 'F',
      TIME_ZONE: '',
    })
  })

  it('user.current answers like D:api-reference/user/user-current', async () => {
    const example = docExample('user-current')
    const { status, body } = await callRest(endpoint, 'user.current', example.request, app.accessToken)
    expect(status).toBe(200)
    expectDocumentedShape(body.result, example.response.result, { exact: true })
    expect((body.result as Record<string, unknown>).LAST_ACTIVITY_DATE).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/)
  })

  it('app.info answers like D:api-reference/common/system/app-info, INSTALLED following installFinish', async () => {
    const example = docExample('app-info')
    const { body } = await callRest(endpoint, 'app.info', example.request, app.accessToken)
    expectDocumentedShape(body.result, example.response.result, { exact: true })
    expect(body.result).toMatchObject({ CODE: 'local.65f0a1b2c3d4e5.12345678', STATUS: 'L', INSTALLED: true })
  })

  it('server.time answers like D:api-reference/common/system/server-time, in the portal time zone', async () => {
    const example = docExample('server-time')
    const { status, body } = await callRest(endpoint, 'server.time', example.request, app.accessToken)
    expect(status).toBe(200)
    expectDocumentedShape(body, example.response)
    // The emulated portal runs at UTC+02:00 unless told otherwise.
    expect(body.result).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+02:00$/)
    expect(Math.abs(Date.parse(body.result as string) - Date.now())).toBeLessThan(2_000)
  })

  it('the `time` object has the keys of D:api-reference/data-types#time, dates with an offset', async () => {
    const { body } = await callRest(endpoint, 'profile', {}, app.accessToken)
    expectDocumentedShape(body.time, docExample('crm-lead-add').response.time)
    expect((body.time as Record<string, unknown>).date_start).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+02:00$/)
  })
})

describe('how requests may be sent (D:settings/how-to-call-rest-api/general-principles)', () => {
  it('accepts the SDK URL shape: a double slash, `.json` and telemetry parameters', async () => {
    const url = `${endpoint}/profile.json?bx24_request_id=abc&bx24_sdk_ver=2.2.0&bx24_sdk_type=b24-js-sdk`
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ auth: app.accessToken }),
    })
    expect(response.status).toBe(200)
  })

  it('reads `auth` and parameters from the query string of a GET', async () => {
    const response = await fetch(`${endpoint}crm.lead.list?auth=${app.accessToken}&select[0]=ID&start=0`)
    const body = (await response.json()) as Record<string, unknown>
    expect(response.status).toBe(200)
    expect(body).toMatchObject({ result: [], total: 0 })
  })

  it('reads PHP-style urlencoded and multipart bodies', async () => {
    const form = new URLSearchParams({
      auth: app.accessToken,
      'fields[TITLE]': 'Form lead',
      'fields[PHONE][0][VALUE]': '+15550001',
    })
    const added = await fetch(`${endpoint}crm.lead.add`, { method: 'POST', body: form })
    const id = ((await added.json()) as { result: number }).result
    const multipart = new FormData()
    multipart.set('auth', app.accessToken)
    multipart.set('id', String(id))
    const got = await fetch(`${endpoint}crm.lead.get`, { method: 'POST', body: multipart })
    const lead = ((await got.json()) as { result: Record<string, unknown> }).result
    expect(lead).toMatchObject({
      TITLE: 'Form lead',
      PHONE: [{ VALUE: '+15550001', VALUE_TYPE: 'WORK', TYPE_ID: 'PHONE' }],
    })
  })

  it('merges query and body, the body winning', async () => {
    const { body } = await callRest(
      `${endpoint}`,
      'crm.lead.list?filter[TITLE]=nothing&start=0',
      { filter: { TITLE: 'Form lead' } },
      app.accessToken,
    )
    expect(body.total).toBe(1)
  })

  it('treats parameter names case-insensitively, as the docs mix `id` and `ID`', async () => {
    const lower = await callRest(endpoint, 'crm.lead.get', { id: 1 }, app.accessToken)
    const upper = await callRest(endpoint, 'CRM.LEAD.GET', { ID: 1 }, app.accessToken)
    expect(lower.body.result).toEqual(upper.body.result)
  })
})

describe('system errors (D:error-codes, _includes/system-errors)', () => {
  it('no auth: 401 NO_AUTH_FOUND "Wrong authorization data"', async () => {
    expect(await callRest(endpoint, 'profile', {})).toEqual({
      status: 401,
      body: { error: 'NO_AUTH_FOUND', error_description: 'Wrong authorization data' },
    })
  })

  it("unknown token: 401 invalid_token; a token of another portal on this portal's path too", async () => {
    expect((await callRest(endpoint, 'profile', {}, 'not-a-token')).body.error).toBe('invalid_token')
    const other = harness.emulator.addPortal({ memberId: 'other-portal' })
    expect((await callRest(other.clientEndpoint(), 'profile', {}, app.accessToken)).status).toBe(401)
  })

  it('unknown method: 404 ERROR_METHOD_NOT_FOUND; REST v3 paths are not emulated', async () => {
    expect(await callRest(endpoint, 'crm.nothing.get', {}, app.accessToken)).toEqual({
      status: 404,
      body: { error: 'ERROR_METHOD_NOT_FOUND', error_description: 'Method not found!' },
    })
    expect((await callRest(endpoint, 'api/tasks.task.list', {}, app.accessToken)).status).toBe(404)
  })

  it('a method outside the app scopes: 403 insufficient_scope', async () => {
    const restricted = await startHarness({ app: { scopes: ['placement'] } })
    const token = (await installApp(restricted.portal)).accessToken
    const { status, body } = await callRest(restricted.portal.clientEndpoint(), 'crm.lead.list', {}, token)
    expect(status).toBe(403)
    expect(body.error).toBe('insufficient_scope')
    await restricted.close()
  })

  it('the shared /rest/ path finds the portal from the token (what B24Frame calls)', async () => {
    const { status, body } = await callRest(`${harness.url}/rest/`, 'profile', {}, app.accessToken)
    expect(status).toBe(200)
    expect((body.result as Record<string, unknown>).ID).toBe('1')
  })

  it('answers CORS preflights for browser calls from the app origin', async () => {
    const response = await fetch(`${harness.url}/rest/profile`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type')
  })
})

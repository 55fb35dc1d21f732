import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docExample, expectDocumentedShape } from './support/doc-examples'
import { callRest, installApp, startHarness, TEST_APP, type Harness, type InstalledApp } from './support/harness'

/** D:settings/oauth/auto-renewal and D:settings/oauth/error-codes */
const example = docExample('oauth-auto-renewal')
let now = Date.UTC(2025, 0, 15, 10, 0, 0)
let harness: Harness
let app: InstalledApp

const refreshQuery = (refreshToken: string, secret = TEST_APP.clientSecret) =>
  new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: TEST_APP.clientId,
    client_secret: secret,
    refresh_token: refreshToken,
  })

async function tokenCall(init: { method: 'GET' | 'POST'; query?: URLSearchParams; body?: string; type?: string }) {
  const url = `${harness.url}/oauth/token/${init.query === undefined ? '' : `?${init.query.toString()}`}`
  const headers = init.type === undefined ? undefined : { 'content-type': init.type }
  const response = await fetch(url, { method: init.method, headers, body: init.body })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

beforeAll(async () => {
  harness = await startHarness({ emulator: { clock: () => now } })
  app = await installApp(harness.portal)
})
afterAll(() => harness.close())

describe('token refresh at /oauth/token/', () => {
  it('GET with a query string answers the documented body: a new pair, expires, expires_in 3600, endpoints', async () => {
    const { status, body } = await tokenCall({ method: 'GET', query: refreshQuery(app.refreshToken) })
    expect(status).toBe(200)
    expectDocumentedShape(body, example.response, { exact: true })
    expect(body).toMatchObject({
      expires: Math.floor(now / 1000) + 3600,
      expires_in: 3600,
      client_endpoint: harness.portal.clientEndpoint(),
      server_endpoint: `${harness.url}/rest/`,
      domain: new URL(harness.url).host,
      member_id: harness.portal.memberId,
      scope: 'crm,placement,user_brief',
      status: 'L',
      user_id: 1,
    })
    expect(body.refresh_token).not.toBe(app.refreshToken)
    app = { ...app, accessToken: String(body.access_token), refreshToken: String(body.refresh_token) }
  })

  it('POST with a form body and POST with JSON work the same', async () => {
    const form = await tokenCall({
      method: 'POST',
      body: refreshQuery(app.refreshToken).toString(),
      type: 'application/x-www-form-urlencoded',
    })
    expect(form.status).toBe(200)
    const json = await tokenCall({
      method: 'POST',
      body: JSON.stringify(Object.fromEntries(refreshQuery(String(form.body.refresh_token)))),
      type: 'application/json',
    })
    expect(json.status).toBe(200)
    app = { ...app, accessToken: String(json.body.access_token), refreshToken: String(json.body.refresh_token) }
  })

  it('a refresh token works once: reuse is 400 invalid_grant', async () => {
    const first = await tokenCall({ method: 'GET', query: refreshQuery(app.refreshToken) })
    expect(first.status).toBe(200)
    const again = await tokenCall({ method: 'GET', query: refreshQuery(app.refreshToken) })
    expect(again).toEqual({ status: 400, body: { error: 'invalid_grant', error_description: expect.any(String) } })
    app = { ...app, accessToken: String(first.body.access_token), refreshToken: String(first.body.refresh_token) }
    expect(harness.emulator.usedRefreshTokens(harness.portal.memberId, TEST_APP.clientId)).toBe(4)
  })

  it('a wrong client secret is 401 invalid_client; a missing grant type 400 invalid_request', async () => {
    expect((await tokenCall({ method: 'GET', query: refreshQuery(app.refreshToken, 'wrong') })).body.error).toBe(
      'invalid_client',
    )
    expect((await tokenCall({ method: 'GET', query: refreshQuery(app.refreshToken, 'wrong') })).status).toBe(401)
    expect(await tokenCall({ method: 'GET' })).toEqual({
      status: 400,
      body: { error: 'invalid_request', error_description: expect.any(String) },
    })
  })
})

describe('token lifetimes follow the injected clock', () => {
  it('an access token expires after one hour: 401 expired_token with the documented text (D:error-codes)', async () => {
    expect((await callRest(harness.portal.clientEndpoint(), 'profile', {}, app.accessToken)).status).toBe(200)
    now += 3600 * 1000
    expect(await callRest(harness.portal.clientEndpoint(), 'profile', {}, app.accessToken)).toEqual({
      status: 401,
      body: { error: 'expired_token', error_description: 'The access token provided has expired.' },
    })
    const refreshed = await tokenCall({ method: 'GET', query: refreshQuery(app.refreshToken) })
    app = {
      ...app,
      accessToken: String(refreshed.body.access_token),
      refreshToken: String(refreshed.body.refresh_token),
    }
    expect((await callRest(harness.portal.clientEndpoint(), 'profile', {}, app.accessToken)).status).toBe(200)
  })

  it('forced expiry ends every access token of the portal at once, refresh tokens still work', async () => {
    expect(harness.emulator.faults.expireAccessTokens(harness.portal.memberId)).toBeGreaterThan(0)
    expect((await callRest(harness.portal.clientEndpoint(), 'profile', {}, app.accessToken)).body.error).toBe(
      'expired_token',
    )
    expect((await tokenCall({ method: 'GET', query: refreshQuery(app.refreshToken) })).status).toBe(200)
  })

  it('a refresh token lasts 180 days', async () => {
    const fresh = await installApp(harness.portal)
    now += 181 * 24 * 3600 * 1000
    expect((await tokenCall({ method: 'GET', query: refreshQuery(fresh.refreshToken) })).body.error).toBe(
      'invalid_grant',
    )
  })
})

describe("uninstall revokes the app's access", () => {
  it('old access tokens become invalid_token and refresh answers invalid_client', async () => {
    const other = await startHarness()
    const installed = await installApp(other.portal)
    other.portal.uninstall({ clean: true })
    expect((await callRest(other.portal.clientEndpoint(), 'profile', {}, installed.accessToken)).body.error).toBe(
      'invalid_token',
    )
    const response = await fetch(`${other.url}/oauth/token/?${refreshQuery(installed.refreshToken).toString()}`)
    expect(response.status).toBe(401)
    expect(((await response.json()) as Record<string, unknown>).error).toBe('invalid_client')
    await other.close()
  })
})

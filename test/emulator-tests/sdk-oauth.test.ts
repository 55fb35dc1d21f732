import { AjaxError, B24OAuth, RefreshTokenError, type AjaxResult } from '@bitrix24/b24jssdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startCaptureServer, type CaptureServer } from './support/capture-server'
import { installApp, oauthParams, startHarness, TEST_APP, type Harness, type InstalledApp } from './support/harness'

/** The real server-side SDK (`@bitrix24/b24jssdk` 2.2.0) pointed at the emulator, unchanged. */
function sdkFor(harness: Harness, app: InstalledApp, restrictionParams = {}): B24OAuth {
  return new B24OAuth(
    oauthParams(harness, app),
    { clientId: TEST_APP.clientId, clientSecret: TEST_APP.clientSecret },
    { restrictionParams },
  )
}

let harness: Harness
let app: InstalledApp
let capture: CaptureServer

beforeAll(async () => {
  capture = await startCaptureServer()
  harness = await startHarness()
  app = await installApp(harness.portal)
})
afterAll(async () => {
  await harness.close()
  await capture.close()
})

describe('B24OAuth against the emulator', () => {
  it('callMethod and actions.v2.call.make reach `{client_endpoint}/{method}` and read `result`', async () => {
    const b24 = sdkFor(harness, app)
    const profile = await b24.callMethod('profile')
    expect(profile.getData()?.result).toMatchObject({ ID: '1', ADMIN: true })
    const added = await b24.actions.v2.call.make<number>({
      method: 'crm.lead.add',
      params: { fields: { TITLE: 'From SDK', NAME: 'Ada' } },
    })
    expect(typeof added.getData()?.result).toBe('number')
    await b24.initIsAdmin()
    expect(b24.auth.isAdmin).toBe(true)
  })

  it('callBatch: named commands, results per key, errors by key', async () => {
    const b24 = sdkFor(harness, app)
    const response = await b24.callBatch(
      {
        lead: ['crm.lead.get', { id: 1 }],
        mode: { method: 'crm.settings.mode.get', params: {} },
        broken: ['crm.nothing.get', {}],
      },
      false,
      true,
    )
    const data = response.getData() as Record<string, AjaxResult>
    expect(data.lead?.getData()?.result).toMatchObject({ TITLE: 'From SDK' })
    expect(data.mode?.getData()?.result).toBe(1)
    expect(response.getErrorsByKey().broken).toMatchObject({ code: 'ERROR_METHOD_NOT_FOUND', status: 200 })
  })

  it('refreshes on 401 expired_token, replays the call and hands the new pair to the refresh callback', async () => {
    const own = await installApp(harness.portal)
    const b24 = sdkFor(harness, own)
    const refreshed: { accessToken: string; refreshToken: string; expires: number }[] = []
    b24.setCallbackRefreshAuth(async ({ b24OAuthParams }) => void refreshed.push({ ...b24OAuthParams }))
    const usedBefore = harness.emulator.usedRefreshTokens(harness.portal.memberId, TEST_APP.clientId)
    harness.portal.expireAccessTokens()
    expect((await b24.callMethod('profile')).getData()?.result).toMatchObject({ ID: '1' })
    expect(refreshed).toHaveLength(1)
    expect(refreshed[0]?.accessToken).not.toBe(own.accessToken)
    expect(refreshed[0]?.refreshToken).not.toBe(own.refreshToken)
    expect(refreshed[0]?.expires).toBeGreaterThan(Date.now() / 1000)
    expect(harness.emulator.usedRefreshTokens(harness.portal.memberId, TEST_APP.clientId)).toBe(usedBefore + 1)
  })

  it('a used refresh token makes the refresh fail with invalid_grant (wrapped as JSSDK_UNKNOWN_ERROR)', async () => {
    const own = await installApp(harness.portal)
    const query = new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: TEST_APP.clientId,
      client_secret: TEST_APP.clientSecret,
      refresh_token: own.refreshToken,
    })
    expect((await fetch(`${harness.url}/oauth/token/?${query.toString()}`)).status).toBe(200)
    harness.portal.expireAccessTokens()
    const error = await sdkFor(harness, own)
      .callMethod('profile')
      .catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(AjaxError)
    expect((error as AjaxError).code).toBe('JSSDK_UNKNOWN_ERROR')
    const cause = (error as AjaxError).originalError
    expect(cause).toBeInstanceOf(RefreshTokenError)
    expect(cause).toMatchObject({ code: 'invalid_grant', status: 400 })
  })

  it('list pagination: total/next on a page, and callListMethod walking every page', async () => {
    const listing = await startHarness()
    const listApp = await installApp(listing.portal)
    for (let index = 0; index < 120; index += 1) listing.portal.addLead({ TITLE: `Lead ${index}` })
    const b24 = sdkFor(listing, listApp)
    const first = await b24.callMethod('crm.lead.list', { select: ['ID'] })
    expect(first.getTotal()).toBe(120)
    expect(first.isMore()).toBe(true)
    const third = await b24.callMethod('crm.lead.list', { select: ['ID'] }, 100)
    expect(third.isMore()).toBe(false)
    expect((third.getData()?.result as unknown[]).length).toBe(20)
    const all = await b24.callListMethod('crm.lead.list', { select: ['ID'] })
    expect((all.getData() as unknown[]).length).toBe(120)
    await listing.close()
  })

  it('an event bound through the SDK reaches a local HTTP handler with auth[application_token]', async () => {
    const b24 = sdkFor(harness, app)
    await b24.callMethod('event.bind', { event: 'ONCRMLEADADD', handler: `${capture.url}/b24/events` })
    const leadId = (await b24.callMethod('crm.lead.add', { fields: { TITLE: 'Evented' } })).getData()?.result
    const request = await capture.nth(0)
    expect(request.form).toMatchObject({ event: 'ONCRMLEADADD', data: { FIELDS: { ID: String(leadId) } } })
    expect((request.form.auth as Record<string, string>).application_token).toBe(app.applicationToken)
  })
})

describe('B24OAuth and the leaky bucket', () => {
  it('503 QUERY_LIMIT_EXCEEDED after the burst: retried with backoff, then thrown', async () => {
    const frozen = await startHarness({
      emulator: { clock: () => Date.UTC(2025, 0, 1) },
      portal: { rateLimit: { burst: 3, drainPerSecond: 2 } },
    })
    const frozenApp = await installApp(frozen.portal)
    const b24 = sdkFor(frozen, frozenApp, { maxRetries: 2 })
    for (let index = 0; index < 3; index += 1) await b24.callMethod('profile')
    const error = await b24.callMethod('profile').catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', status: 503, message: 'Too many requests' })
    await frozen.close()
  })

  it("the SDK's retry succeeds once the bucket has drained", async () => {
    let now = Date.UTC(2025, 0, 1)
    const draining = await startHarness({
      emulator: { clock: () => now },
      portal: { rateLimit: { burst: 2, drainPerSecond: 2 } },
    })
    const drainingApp = await installApp(draining.portal)
    const b24 = sdkFor(draining, drainingApp, { maxRetries: 3 })
    await b24.callMethod('profile')
    await b24.callMethod('profile')
    setTimeout(() => (now += 5000), 300)
    expect((await b24.callMethod('profile')).getData()?.result).toMatchObject({ ID: '1' })
    await draining.close()
  })
})

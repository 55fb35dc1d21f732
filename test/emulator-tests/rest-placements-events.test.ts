import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docExample, expectDocumentedShape } from './support/doc-examples'
import { callRest, installApp, startHarness, type Harness } from './support/harness'

let harness: Harness
let adminToken: string
let userToken: string
const call = (method: string, params: object, token = adminToken) =>
  callRest(harness.portal.clientEndpoint(), method, params, token)

beforeAll(async () => {
  harness = await startHarness()
  adminToken = (await installApp(harness.portal)).accessToken
  // Boris (user 2) is no administrator: the token the portal gives him when he opens the app.
  const answer = await fetch(`${harness.url}/__emulator/portals/${harness.portal.memberId}/frame-auth`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userId: 2 }),
  })
  userToken = ((await answer.json()) as { AUTH_ID: string }).AUTH_ID
})
afterAll(() => harness.close())

describe('placement.bind / get / unbind (D:api-reference/widgets/placement-*)', () => {
  it('placement.bind: the documented request shape returns true (placement-bind)', async () => {
    const example = docExample('placement-bind')
    const { status, body } = await call('placement.bind', { ...example.request, PLACEMENT: 'CRM_LEAD_DETAIL_TAB' })
    expect(status).toBe(200)
    expectDocumentedShape(body, example.response)
    expect(body.result).toBe(true)
  })

  it('placement.bind errors: ERROR_ARGUMENT with `argument`, duplicates, unknown codes, non-admins', async () => {
    const example = docExample('placement-bind')
    expect(await call('placement.bind', { HANDLER: 'https://x.test/' })).toEqual({ status: 200, body: example.error })
    expect(
      (await call('placement.bind', { PLACEMENT: 'CRM_LEAD_DETAIL_TAB', HANDLER: 'http://myapp.com/handler/?type=1' }))
        .body,
    ).toEqual({
      error: 'ERROR_CORE',
      error_description: 'Handler already binded',
    })
    expect((await call('placement.bind', { PLACEMENT: 'NO_SUCH_PLACE', HANDLER: 'https://x.test/' })).body.error).toBe(
      'ERROR_PLACEMENT_NOT_FOUND',
    )
    expect(
      (await call('placement.bind', { PLACEMENT: 'CRM_DEAL_DETAIL_TAB', HANDLER: 'https://x.test/' }, userToken))
        .status,
    ).toBe(403)
  })

  it('placement.get: rows like the documented ones (placement-get)', async () => {
    const example = docExample('placement-get')
    await call('placement.bind', {
      PLACEMENT: 'CRM_DEAL_DETAIL_TAB',
      HANDLER: 'https://myapp.com/?handler=1',
      TITLE: 'Add invoice',
      LANG_ALL: { de: { TITLE: 'Add invoice', DESCRIPTION: '', GROUP_NAME: 'Documents' } },
    })
    const { body } = await call('placement.get', example.request)
    expectDocumentedShape(body, example.response)
    for (const row of body.result as unknown[])
      expectDocumentedShape(row, (example.response.result as unknown[])[0], { exact: true })
    expect((body.result as Record<string, unknown>[])[1]).toMatchObject({
      placement: 'CRM_DEAL_DETAIL_TAB',
      userId: 0,
      options: [],
      title: 'Add invoice',
    })
  })

  it('placement.unbind: `.json` suffix, count = found + removed (placement-unbind)', async () => {
    const example = docExample('placement-unbind')
    await call('placement.bind', {
      PLACEMENT: 'CRM_LEAD_DETAIL_TAB',
      HANDLER: 'https://www.myapplicationhost.com/placement/',
    })
    const { status, body } = await call('placement.unbind.json', example.request)
    expect(status).toBe(200)
    expectDocumentedShape(body, example.response)
    expect(body.result).toEqual({ count: 2 })
    expect(await call('placement.unbind', {})).toEqual({
      status: 400,
      body: {
        error: 'ERROR_ARGUMENT',
        error_description: "Argument 'PLACEMENT' is null or empty",
        argument: 'PLACEMENT',
      },
    })
  })
})

describe('event.bind / get / unbind (D:api-reference/events/event-*)', () => {
  it('event.bind: the documented request returns true (event-bind)', async () => {
    const example = docExample('event-bind')
    const { status, body } = await call('event.bind', example.request)
    expect(status).toBe(200)
    expectDocumentedShape(body, example.response)
  })

  it('event.bind errors: ERROR_EVENT_NOT_FOUND 400, duplicate, admin-only offline and foreign auth_type (event-bind)', async () => {
    const example = docExample('event-bind')
    expect(await call('event.bind', { event: 'ONSOMETHINGELSE', handler: 'https://x.test/' })).toEqual({
      status: 400,
      body: example.error,
    })
    expect((await call('event.bind', docExample('event-bind').request)).body).toEqual({
      error: 'ERROR_CORE',
      error_description: 'Handler already binded',
    })
    const offline = await call('event.bind', { event: 'ONCRMLEADADD', event_type: 'offline' }, userToken)
    expect(offline).toEqual({
      status: 403,
      body: {
        error: 'ACCESS_DENIED',
        error_description: 'Access denied! Offline events binding requires administrator access rights',
      },
    })
    const foreign = await call(
      'event.bind',
      { event: 'ONCRMLEADADD', handler: 'https://x.test/', auth_type: 1 },
      userToken,
    )
    expect(foreign.body.error_description).toBe(
      'Access denied! Event binding with AUTH_TYPE requires administrator access rights',
    )
  })

  it('event.get: rows with auth_type as a string and offline as a number (event-get)', async () => {
    const example = docExample('event-get')
    await call('event.bind', { event: 'ONCRMLEADADD', handler: 'https://www.my-domain.com/handler/', auth_type: 15 })
    const { body } = await call('event.get', example.request)
    expectDocumentedShape(body, example.response)
    const strip = (rows: unknown) => (rows as Record<string, unknown>[]).map((row) => ({ ...row }))
    expect(strip(body.result)).toEqual(example.response.result)
  })

  it('event.unbind: count of removed handlers; auth_type=0 keeps user-bound ones (event-unbind)', async () => {
    const example = docExample('event-unbind')
    const { status, body } = await call('event.unbind', { ...example.request, auth_type: 0 })
    expect(status).toBe(200)
    expectDocumentedShape(body, example.response)
    expect(body.result).toEqual({ count: 1 })
    expect((await call('event.unbind', example.request)).body.result).toEqual({ count: 1 })
    expect((await call('event.get', {})).body.result).toEqual([])
  })
})

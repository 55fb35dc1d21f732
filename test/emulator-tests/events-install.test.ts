import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startCaptureServer, type CaptureServer, type CapturedRequest } from './support/capture-server'
import { docExample, expectDocumentedShape } from './support/doc-examples'
import { callRest, startHarness, type Harness } from './support/harness'

const events = docExample('events') as unknown as Record<
  'onCrmLeadUpdate' | 'eventToApplication' | 'onAppInstall' | 'onAppUninstall',
  { source: string; payload: Record<string, unknown> }
>
let capture: CaptureServer
let harness: Harness
let token: string
const call = (method: string, params: object) => callRest(harness.portal.clientEndpoint(), method, params, token)
const byPath = (prefix: string): CapturedRequest[] =>
  capture.requests.filter((request) => request.path.startsWith(prefix))

beforeAll(async () => {
  capture = await startCaptureServer()
  harness = await startHarness({
    app: {
      handlerUrl: `${capture.url}/app/`,
      installUrl: `${capture.url}/install/`,
      installEventUrl: `${capture.url}/events/install`,
    },
  })
})
afterAll(async () => {
  await harness.close()
  await capture.close()
})
beforeEach(() => harness.emulator.faults.clear())

describe('install (D:settings/oauth/simple-way, D:settings/app-installation/installation-finish)', () => {
  it('POSTs the installer page with DOMAIN/PROTOCOL/LANG/APP_SID in the query and the standard fields in the body', async () => {
    const result = await harness.portal.install()
    expect(result.installerStatus).toBe(200)
    const installer = byPath('/install/')[0]
    expect(installer?.method).toBe('POST')
    expect(installer?.contentType).toBe('application/x-www-form-urlencoded')
    const query = new URL(installer?.path ?? '', capture.url).searchParams
    expect(Object.fromEntries(query)).toEqual({
      DOMAIN: new URL(harness.url).host,
      PROTOCOL: '0',
      LANG: 'en',
      APP_SID: expect.stringMatching(/^[0-9a-f]{32}$/),
    })
    expect(Object.keys(installer?.form ?? {})).toEqual([
      'AUTH_ID',
      'AUTH_EXPIRES',
      'REFRESH_ID',
      'SERVER_ENDPOINT',
      'APPLICATION_TOKEN',
      'APPLICATION_SCOPE',
      'member_id',
      'status',
      'PLACEMENT',
      'PLACEMENT_OPTIONS',
    ])
    expect(installer?.form).toMatchObject({
      AUTH_EXPIRES: '3600',
      SERVER_ENDPOINT: `${harness.url}/rest/`,
      APPLICATION_SCOPE: 'crm,placement,user_brief',
      status: 'L',
      PLACEMENT: 'DEFAULT',
    })
    expect(JSON.parse(String(installer?.form.PLACEMENT_OPTIONS))).toEqual({
      URI: expect.stringMatching(/^\/marketplace\/app\/\d+\/$/),
    })
    token = String(installer?.form.AUTH_ID)
  })

  it('sends ONAPPINSTALL to the install event URL, shaped like D:api-reference/common/events/on-app-install', async () => {
    await harness.emulator.whenEventsDelivered()
    const [install] = byPath('/events/install')
    expect(install?.contentType).toBe('application/x-www-form-urlencoded')
    expectDocumentedShape(install?.form, events.onAppInstall.payload, { exact: true, form: true })
    const auth = install?.form.auth as Record<string, string>
    expect(install?.form.data).toEqual({ VERSION: '1', ACTIVE: 'Y', INSTALLED: 'N', LANGUAGE_ID: 'en' })
    expect(auth.scope).toBe('crm placement user_brief')
    expect(auth.application_token).toBe(byPath('/install/')[0]?.form.APPLICATION_TOKEN)
    expect((await callRest(String(auth.client_endpoint), 'profile', {}, auth.access_token)).status).toBe(200)
  })

  it('delivers no event before installFinish, then events of every kind once it is called', async () => {
    await call('event.bind', { event: 'ONCRMLEADADD', handler: `${capture.url}/events/crm` })
    await call('crm.lead.add', { fields: { TITLE: 'Before finish' } })
    await harness.emulator.whenEventsDelivered()
    expect(byPath('/events/crm')).toHaveLength(0)
    expect((await call('app.info', {})).body.result).toMatchObject({ INSTALLED: false })
    harness.portal.finishInstall()
    expect((await call('app.info', {})).body.result).toMatchObject({ INSTALLED: true })
  })
})

describe('event delivery (D:api-reference/events/index)', () => {
  it('form-encoded POST with bracket keys, after the call returned, shaped like the documented app event', async () => {
    const { body } = await call('crm.lead.add', { fields: { TITLE: 'After finish' } })
    const pending = harness.portal.deliveries().at(-1)
    expect(pending?.outcome).toBe('pending')
    const request = await capture.nth(capture.requests.length)
    expect(request.rawBody).toContain('data%5BFIELDS%5D%5BID%5D=')
    expect(request.rawBody).toContain('auth%5Bapplication_token%5D=')
    expectDocumentedShape(request.form, events.eventToApplication.payload, { exact: true, form: true })
    expect(request.form).toMatchObject({ event: 'ONCRMLEADADD', data: { FIELDS: { ID: String(body.result) } } })
    const auth = request.form.auth as Record<string, string>
    expect(auth).toMatchObject({
      member_id: harness.portal.memberId,
      client_endpoint: harness.portal.clientEndpoint(),
      status: 'L',
      expires_in: '3600',
    })
    expect(auth).not.toHaveProperty('refresh_token')
    expect((await callRest(auth.client_endpoint ?? '', 'profile', {}, auth.access_token)).body.result).toMatchObject({
      ID: '1',
    })
  })

  it("a person moving a lead in the portal UI fires ONCRMLEADUPDATE with that user's token; automation sends none", async () => {
    await call('event.bind', { event: 'ONCRMLEADUPDATE', handler: `${capture.url}/events/crm` })
    const leadId = harness.portal.addLead({ TITLE: 'UI lead' }, { userId: 2 })
    const move = await fetch(`${harness.url}/__emulator/portals/${harness.portal.memberId}/leads/${leadId}/move`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ stageId: 'IN_PROCESS', userId: 3 }),
    })
    expect(move.status).toBe(200)
    await harness.emulator.whenEventsDelivered()
    const update = byPath('/events/crm').find((request) => request.form.event === 'ONCRMLEADUPDATE')
    const userAuth = update?.form.auth as Record<string, string>
    expect(
      (await callRest(userAuth.client_endpoint ?? '', 'profile', {}, userAuth.access_token)).body.result,
    ).toMatchObject({ ID: '3' })
    harness.portal.moveLead(leadId, 'PROCESSED', { automation: true })
    await harness.emulator.whenEventsDelivered()
    const robot = byPath('/events/crm').at(-1)?.form.auth as Record<string, string>
    expect(Object.keys(robot).sort()).toEqual([
      'application_token',
      'client_endpoint',
      'domain',
      'member_id',
      'scope',
      'server_endpoint',
      'status',
    ])
  })

  it('simple mode: crm.lead.add queues ONCRMLEADADD, ONCRMDEALADD, ONCRMLEADUPDATE; Won fires ONCRMDEALUPDATE', async () => {
    await call('event.bind', { event: 'ONCRMDEALADD', handler: `${capture.url}/events/crm` })
    await call('event.bind', { event: 'ONCRMDEALUPDATE', handler: `${capture.url}/events/crm` })
    harness.portal.setCrmMode(2)
    const before = byPath('/events/crm').length
    const leadId = (await call('crm.lead.add', { fields: { TITLE: 'Simple', NAME: 'Ada' } })).body.result
    await harness.emulator.whenEventsDelivered()
    const added = byPath('/events/crm').slice(before)
    expect(added.map((request) => request.form.event)).toEqual(['ONCRMLEADADD', 'ONCRMDEALADD', 'ONCRMLEADUPDATE'])
    const dealId = Number((added[1]?.form.data as { FIELDS: { ID: string } }).FIELDS.ID)
    expect(harness.portal.getDeal(dealId)).toMatchObject({ LEAD_ID: String(leadId) })
    harness.portal.moveDeal(dealId, 'WON')
    await harness.emulator.whenEventsDelivered()
    expect(byPath('/events/crm').at(-1)?.form).toMatchObject({
      event: 'ONCRMDEALUPDATE',
      data: { FIELDS: { ID: String(dealId) } },
    })
    harness.portal.setCrmMode(1)
  })

  it('never retries a failed delivery, and drops the share of events it is told to', async () => {
    capture.respondWith(500)
    const before = capture.requests.length
    await call('crm.lead.add', { fields: { TITLE: 'Handler fails' } })
    await harness.emulator.whenEventsDelivered()
    expect(capture.requests.length).toBe(before + 1)
    expect(harness.portal.deliveries().at(-1)).toMatchObject({ outcome: 'failed', httpStatus: 500 })
    capture.respondWith(200)
    harness.emulator.faults.dropEvents(100)
    await call('crm.lead.add', { fields: { TITLE: 'Dropped' } })
    await harness.emulator.whenEventsDelivered()
    expect(capture.requests.length).toBe(before + 1)
    expect(harness.portal.deliveries().at(-1)?.outcome).toBe('dropped')
  })
})

describe('uninstall (D:api-reference/common/events/on-app-uninstall)', () => {
  it('ONAPPUNINSTALL carries LANGUAGE_ID, CLEAN and auth without tokens; access ends', async () => {
    await call('event.bind', { event: 'ONAPPUNINSTALL', handler: `${capture.url}/events/app` })
    harness.portal.uninstall({ clean: true })
    const uninstall = await capture.nth(capture.requests.length)
    // Bound handlers get event_handler_id: "The set of top-level keys is the same for all events" (D:api-reference/events/index).
    expectDocumentedShape(
      uninstall.form,
      { ...events.onAppUninstall.payload, event_handler_id: '1' },
      { exact: true, form: true },
    )
    expect(uninstall.form).toMatchObject({ event: 'ONAPPUNINSTALL', data: { LANGUAGE_ID: 'en', CLEAN: '1' } })
    expect(Object.keys(uninstall.form.auth as object).sort()).toEqual([
      'application_token',
      'client_endpoint',
      'domain',
      'member_id',
      'server_endpoint',
    ])
    expect((await call('profile', {})).body.error).toBe('invalid_token')
  })
})

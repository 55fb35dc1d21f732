import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callRest, installApp, startHarness, TEST_APP, type Harness } from './support/harness'

let harness: Harness
const control = async (path: string, body?: object) => {
  const init =
    body === undefined
      ? undefined
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
  const response = await fetch(`${harness.url}/__emulator${path}`, init)
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

beforeAll(async () => {
  harness = await startHarness()
})
afterAll(() => harness.close())

describe('several portals on one host', () => {
  it('each portal has its own client_endpoint /portal/<memberId>/rest/, users, CRM data and mode', async () => {
    const second = harness.emulator.addPortal({
      memberId: 'b7f0c0ffee',
      crmMode: 2,
      users: [{ name: 'Solo', admin: true }],
    })
    const first = await installApp(harness.portal)
    const other = await installApp(second)
    expect(second.clientEndpoint()).toBe(`${harness.url}/portal/b7f0c0ffee/rest/`)
    expect((await callRest(second.clientEndpoint(), 'crm.settings.mode.get', {}, other.accessToken)).body.result).toBe(
      2,
    )
    expect(
      (await callRest(harness.portal.clientEndpoint(), 'crm.settings.mode.get', {}, first.accessToken)).body.result,
    ).toBe(1)
    expect((await callRest(second.clientEndpoint(), 'profile', {}, other.accessToken)).body.result).toMatchObject({
      NAME: 'Solo',
    })
    expect(other.applicationToken).not.toBe(first.applicationToken)
    const summary = await control('/state')
    expect((summary.body.portals as { memberId: string }[]).map((portal) => portal.memberId)).toEqual([
      harness.portal.memberId,
      'b7f0c0ffee',
    ])
  })
})

describe('control endpoints under /__emulator', () => {
  it('install / launch / finish-install / uninstall', async () => {
    const portal = harness.emulator.addPortal({ memberId: 'control-portal' })
    const install = await control('/portals/control-portal/install', { postInstaller: false })
    expect((install.body.launch as { mode: string }).mode).toBe('installer')
    const asUser = await control('/portals/control-portal/launch', { userId: 2 })
    expect(asUser.body).toMatchObject({ mode: 'blocked', message: expect.stringContaining('not fully installed') })
    await control('/portals/control-portal/finish-install', {})
    const launch = await control('/portals/control-portal/launch', {
      userId: 2,
      placement: 'CRM_LEAD_DETAIL_TAB',
      placementOptions: { ID: '5' },
    })
    expect(launch.body).toMatchObject({
      mode: 'app',
      windowName: expect.stringMatching(/^127\.0\.0\.1:\d+\|0\|[0-9a-f]{32}$/),
      fields: { PLACEMENT: 'CRM_LEAD_DETAIL_TAB', PLACEMENT_OPTIONS: expect.stringContaining('"ID":"5"') },
      initData: {
        INSTALL: false,
        IS_ADMIN: false,
        PLACEMENT_OPTIONS: { ID: '5', URI: expect.stringMatching(/^\/marketplace\/app\/\d+\/$/) },
      },
    })
    await control('/portals/control-portal/uninstall', { clean: true })
    expect(portal.state.installations.get(TEST_APP.clientId)?.active).toBe(false)
    expect((await control('/portals/nowhere/launch', {})).status).toBe(404)
  })

  it('CRM actions as a person in the UI: add, move, convert; settings and clock', async () => {
    const { body } = await control(`/portals/${harness.portal.memberId}/leads`, {
      fields: { TITLE: 'By hand', NAME: 'Kim' },
      userId: 3,
    })
    const id = Number(body.id)
    expect(harness.portal.getLead(id)).toMatchObject({ TITLE: 'By hand', CREATED_BY_ID: '3' })
    await control(`/portals/${harness.portal.memberId}/leads/${id}/move`, { stageId: 'JUNK' })
    expect(harness.portal.getLead(id)).toMatchObject({ STATUS_SEMANTIC_ID: 'F' })
    const converted = await control(`/portals/${harness.portal.memberId}/leads/${id}/convert`, {})
    await control(`/portals/${harness.portal.memberId}/deals/${String(converted.body.dealId)}/move`, {
      stageId: 'LOSE',
    })
    expect(harness.portal.getDeal(Number(converted.body.dealId))).toMatchObject({
      LEAD_ID: String(id),
      STAGE_SEMANTIC_ID: 'F',
    })
    await control(`/portals/${harness.portal.memberId}/settings`, {
      crmMode: 2,
      autoSelectUserId: 3,
      rateLimit: { burst: 10, drainPerSecond: 1 },
    })
    expect(harness.portal.state).toMatchObject({
      crmMode: 2,
      autoSelectUserId: 3,
      rateLimit: { burst: 10, drainPerSecond: 1 },
    })
    const before = Date.now()
    expect(Number((await control('/clock', { advanceMs: 3_600_000 })).body.now)).toBeGreaterThanOrEqual(
      before + 3_600_000,
    )
  })
})

describe('the fake portal page', () => {
  it('serves the shell with a strict CSP, no inline script, and its assets', async () => {
    const response = await fetch(harness.portal.pageUrl())
    const html = await response.text()
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(html).toContain('DEMO — emulated Bitrix24 portal')
    expect(html).toContain(`data-member-id="${harness.portal.memberId}"`)
    expect(html).not.toMatch(/<script>(?!<\/script>)/)
    for (const asset of ['portal.js', 'frame-host.js', 'portal.css', 'slider.css']) {
      expect((await fetch(`${harness.url}/__emulator/ui/${asset}`)).status).toBe(200)
    }
    expect((await fetch(`${harness.url}/__emulator/ui/..%2Findex.ts`)).status).toBe(404)
    expect(await (await fetch(`${harness.url}/`)).text()).toContain(harness.portal.memberId)
  })
})

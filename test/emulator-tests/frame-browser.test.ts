import { existsSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectPageProblems, launchBrowser } from '../e2e/support/browser'
import { startFrameTestApp, type FrameTestApp } from './support/frame-test-app'
import { startHarness, TEST_APP, type Harness } from './support/harness'

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
let browser: Browser
let testApp: FrameTestApp
let harness: Harness

describe.skipIf(!existsSync(chromiumPath))('the fake portal page hosts the real B24Frame SDK', () => {
  beforeAll(async () => {
    testApp = await startFrameTestApp()
    harness = await startHarness({ app: { handlerUrl: `${testApp.url}/app/`, installUrl: `${testApp.url}/install/` } })
    await harness.portal.install({ postInstaller: false })
    browser = await launchBrowser()
  })
  const newPage = async (): Promise<Page> => {
    const page = await browser.newPage()
    page.setDefaultTimeout(10_000)
    return page
  }
  afterAll(async () => {
    await browser?.close()
    await harness?.close()
    await testApp?.close()
  })

  it('install: init data, installFinish, reload into the app; then REST, resize, refreshAuth, selectUser and openPath', async () => {
    const page = await newPage()
    const problems = collectPageProblems(page)
    await page.goto(`${harness.url}/portal/${harness.portal.memberId}/app/${TEST_APP.clientId}/`)

    const installer = await testApp.report('installFinish')
    expect(installer.windowName).toMatch(
      new RegExp(`^${new URL(harness.url).host.replace('.', '\\.')}\\|0\\|[0-9a-f]{32}$`),
    )
    expect(installer).toMatchObject({
      mode: 'installer',
      auth: { hasToken: true, memberId: harness.portal.memberId, domain: harness.url, isAdmin: true },
    })
    const installHit = testApp.hits.find((hit) => hit.path === '/install/')
    expect(installHit).toMatchObject({
      method: 'POST',
      query: { DOMAIN: new URL(harness.url).host, PROTOCOL: '0', LANG: 'en' },
      fields: { PLACEMENT: 'DEFAULT', member_id: harness.portal.memberId },
    })
    expect(Object.keys(installHit?.fields ?? {})).toContain('APPLICATION_TOKEN')

    const started = await testApp.report('resized')
    expect(started).toMatchObject({ mode: 'app', placement: { code: 'DEFAULT' }, profile: { ID: '1', ADMIN: true } })
    expect(harness.portal.state.installations.get(TEST_APP.clientId)?.installed).toBe(true)
    expect(await page.locator('iframe.app-frame[data-mode="app"]').getAttribute('data-height')).toBe('480')

    await page.locator('.picker-user[data-user-id="2"]').click()
    const picked = await testApp.report('selectedUser')
    expect(picked).toMatchObject({ refreshed: true, selectedUser: { id: '2', name: 'Boris Sales' } })

    const leadId = String(picked.leadId)
    await expect
      .poll(() => page.locator(`#slider .entity[data-id="${leadId}"] dd[data-field="TITLE"]`).textContent())
      .toBe('Reserved in the app')
    await page.locator('#slider .slider-close').click()
    expect((await testApp.report('openPath')).openPath).toEqual({ isOpenAtNewWindow: false, isClose: true })
    expect(problems).toEqual([])
    await page.close()
  })

  it('the CRM view: the lead made in the app appears; convert it, mark the deal Won, and the placement tab opens the app', async () => {
    const page = await newPage()
    const problems = collectPageProblems(page)
    await page.goto(harness.portal.pageUrl())
    const row = page.locator('.crm-row', { hasText: 'Reserved in the app' })
    await row.click()
    await page.locator('#slider button', { hasText: 'Convert to deal' }).click()
    await expect.poll(() => page.locator('#slider .stage.current').getAttribute('data-stage')).toBe('CONVERTED')

    await page.locator('#slider .tab[data-placement="CRM_LEAD_DETAIL_TAB"]').click()
    const tab = await testApp.report('placement', (report) => (report.placement as { code: string }).code !== 'DEFAULT')
    expect(tab.placement).toMatchObject({ code: 'CRM_LEAD_DETAIL_TAB', options: { ID: expect.any(String) } })
    await page.locator('#slider .slider-close').click()

    await page.goto(`${harness.url}/portal/${harness.portal.memberId}/crm/deal/`)
    await page.locator('.crm-row', { hasText: 'Reserved in the app' }).click()
    await page.locator('#slider button.won').click()
    await expect.poll(() => page.locator('#slider .stage.current').getAttribute('data-stage')).toBe('WON')
    const deal = [...harness.portal.state.deals.values()].at(-1)
    expect(deal === undefined ? undefined : harness.portal.getDeal(deal.id)).toMatchObject({
      STAGE_SEMANTIC_ID: 'S',
      LEAD_ID: expect.any(String),
    })
    expect(problems).toEqual([])
    await page.close()
  })

  it("a non-admin opening an app whose install is not finished sees the portal's message", async () => {
    const other = harness.emulator.addPortal({ memberId: 'second-portal' })
    await other.install({ postInstaller: false })
    const page = await newPage()
    await page.goto(other.pageUrl())
    await Promise.all([page.waitForEvent('load'), page.locator('#current-user').selectOption('2')])
    await page.goto(`${harness.url}/portal/second-portal/app/${TEST_APP.clientId}/`)
    await expect
      .poll(() => page.locator('.notice').textContent())
      .toContain('The application is not fully installed yet')
    await page.close()
  })
})

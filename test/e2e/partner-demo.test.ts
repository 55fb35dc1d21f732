import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Frame, FrameLocator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seriousViolations } from './support/axe'
import { collectPageProblems, launchBrowser } from './support/browser'
import { startDemoServer, type RunningDemoServer } from './support/demo'
import { REPO_ROOT } from './support/server'

const ARTIFACTS = join(REPO_ROOT, 'test', 'e2e', 'artifacts')
const CLIENT_ID = 'local.demo.implementation-requests'
const ACME = 'demo0acme0000000000000000000000a'
const SOL = 'demo0sol00000000000000000000000b'
const NEU = 'demo0neu00000000000000000000000c'
const NEWCOMER = 'demo0new00000000000000000000000d'
/** The fifth peer partner, who has not reserved the Hamburg request yet (the other four have). */
const PEER_5 = 'demo0peer5'.padEnd(32, '0')

let demo: RunningDemoServer
let browser: Browser
let context: BrowserContext

const appUrl = (memberId: string) => `${demo.portalUrl}/portal/${memberId}/app/${CLIENT_ID}/`
const crmUrl = (memberId: string, kind: 'lead' | 'deal') => `${demo.portalUrl}/portal/${memberId}/crm/${kind}/`
const APP_FRAME = '#app-container iframe.app-frame'
const appFrame = (page: Page): FrameLocator => page.frameLocator(APP_FRAME)

async function frameOf(page: Page, selector: string): Promise<Frame> {
  const frame = await page
    .locator(selector)
    .elementHandle()
    .then((handle) => handle?.contentFrame())
  if (!frame) throw new Error(`No frame at ${selector}`)
  return frame
}

/** Saves a screenshot of the whole portal page and checks the app frame (or the page) with axe-core. */
async function screen(page: Page, name: string, frameSelector: string | null = APP_FRAME) {
  const target = frameSelector ? await frameOf(page, frameSelector) : page
  // Dialogs fade in: colours are only final once every animation has finished.
  // (Page code as a string: the tests' TypeScript has no DOM types.)
  await target.waitForFunction(
    `document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)`,
  )
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true })
  expect(await seriousViolations(target), `axe on ${name}`).toEqual([])
}

/** The app frame's height in the portal page and the height of the app's own content. */
async function frameHeights(page: Page): Promise<{ frame: number; content: number }> {
  const app = await frameOf(page, APP_FRAME)
  // Page code as strings: the tests' TypeScript has no DOM types.
  const content = Number(await app.evaluate('document.documentElement.scrollHeight'))
  const frame = Number(await page.evaluate(`document.querySelector('${APP_FRAME}').getBoundingClientRect().height`))
  return { frame, content }
}

/**
 * The portal sized the app's frame to its content (within a pixel of rounding): no second scrollbar inside the
 * frame. The SDK's fitWindow measures the document, which is never shorter than the frame, so the frame grows
 * with the content but does not shrink back.
 */
async function expectFrameFitsContent(page: Page): Promise<number> {
  await expect
    .poll(async () => {
      const { frame, content } = await frameHeights(page)
      return Math.abs(frame - content)
    })
    .toBeLessThanOrEqual(1)
  return (await frameHeights(page)).frame
}

/** The score on the Rating screen, freshly loaded. */
async function ratingScore(app: FrameLocator): Promise<number> {
  await app.getByRole('link', { name: 'Requests' }).click()
  await app.getByRole('link', { name: 'Rating' }).click()
  return Number(await app.getByTestId('score').textContent())
}

async function openApp(memberId: string): Promise<{ page: Page; app: FrameLocator; problems: string[] }> {
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)
  const problems = collectPageProblems(page)
  await page.goto(appUrl(memberId))
  return { page, app: appFrame(page), problems }
}

describe('the partner app inside the emulated portal (npm start demo)', () => {
  beforeAll(async () => {
    if (!existsSync(join(REPO_ROOT, 'dist', 'client', 'partner', 'index.html'))) {
      throw new Error('dist/client/partner/index.html is missing: build the client first (npm run build)')
    }
    mkdirSync(ARTIFACTS, { recursive: true })
    // A small quota (a ceiling over every rating tier), so that the quota refusal is reachable in the demo.
    demo = await startDemoServer({ RESERVATION_OPEN_LIMIT: '2', DEMO_HISTORY: 'off' })
    browser = await launchBrowser()
    // axe-core is injected into the pages, which their CSP would refuse.
    context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 1600 }, locale: 'en-US' })
  }, 120_000)

  afterAll(async () => {
    await context?.close()
    await browser?.close()
    await demo?.server.stop()
  })

  it('the demo page is labelled as a demo and links into the portals', async () => {
    const page = await context.newPage()
    await page.goto(`${demo.server.baseUrl}/demo`)
    await expect.poll(() => page.locator('.demo-label').first().textContent()).toBe('DEMO')
    expect(await page.locator(`a[data-demo-app="${ACME}"]`).getAttribute('href')).toBe(appUrl(ACME))
    await screen(page, '01-demo-page', null)
    // The app opened outside a portal explains where it runs.
    await page.goto(`${demo.server.baseUrl}/partner/`)
    await page.getByText('You are viewing this app outside Bitrix24').waitFor()
    await screen(page, '01b-outside-portal', null)
    await page.close()
  })

  it('reserve a request with a chosen CRM user, see the lead in the CRM, mark it Lost and see the outcome', async () => {
    const { page, app, problems } = await openApp(ACME)
    await app.getByRole('heading', { name: 'Requests in your locations' }).waitFor()
    await app.locator('[data-testid="request-card"]').first().waitFor()
    await expect.poll(() => app.getByTestId('quota').textContent()).toContain('2 of 2 reservations left')
    // Each request shows how many of its 5 places are taken; a full one has left the feed.
    const hamburg = app.locator('[data-testid="request-card"]', { hasText: 'Hamburg' })
    expect(await hamburg.getByTestId('taken').textContent()).toContain('4 of 5 taken')
    expect(await app.locator('[data-testid="request-card"]', { hasText: 'München' }).count()).toBe(0)
    // A top-tier partner sees new requests before slower tiers do, and for how long.
    await expect
      .poll(() => hamburg.getByTestId('early-access-countdown').textContent())
      .toMatch(
        /lower tiers see it later: Trusted in [12] h \d+ min, Standard in [56] h \d+ min, and Limited in 2[34] h \d+ min/,
      )
    // The request list is taller than the portal's initial 600 px frame: the frame grew to show all of it.
    expect(await expectFrameFitsContent(page)).toBeGreaterThan(600)
    await screen(page, '02-requests')

    const berlin = app.locator('[data-testid="request-card"]', { hasText: 'Berlin' })
    await berlin.getByRole('button', { name: 'Details' }).click()
    const detail = app.getByTestId('request-detail')
    await detail.waitFor()
    // The phone number typed into the description stays hidden until the request is reserved.
    expect(await detail.textContent()).not.toContain('1234567')
    await screen(page, '03-request-detail')

    await app.getByRole('button', { name: 'Reserve', exact: true }).click()
    await app.getByTestId('reserve-confirm').waitFor()
    await app.getByRole('button', { name: 'Choose a user…' }).click()
    // The portal's own user picker opens in the portal page, outside the app's frame.
    await page.locator('.picker-user[data-user-id="2"]').click()
    await expect.poll(() => app.getByTestId('assignee').textContent()).toBe('Boris Sales')
    await screen(page, '04-reserve-confirm')
    await app.getByRole('button', { name: 'Reserve and create lead' }).click()
    await app.getByTestId('reserved').waitFor()
    await expect.poll(() => app.getByTestId('quota').textContent()).toContain('1 of 2 reservations left')

    await app.getByRole('link', { name: 'Open My reservations' }).click()
    const reservation = app.locator('[data-testid="reservation"]', { hasText: 'Berlin' })
    await expect.poll(() => reservation.getByTestId('contact').textContent()).toContain('jana@studio-richter.example')
    await expect
      .poll(() => reservation.locator('[data-crm-status]').getAttribute('data-crm-status'), { timeout: 20_000 })
      .toBe('in_crm')
    // Once the lead is in the CRM, the first-contact deadline shows until the lead moves.
    await expect.poll(() => reservation.locator('[data-first-contact]').getAttribute('data-first-contact')).toBe('due')
    expect(await reservation.locator('[data-first-contact]').textContent()).toMatch(/\d/)
    await screen(page, '05-reservations')

    await reservation.getByTestId('open-crm').click()
    const card = page.locator('#slider .entity[data-kind="lead"]')
    await expect.poll(() => card.locator('dd[data-field="NAME"]').textContent()).toBe('Jana')
    expect(await card.locator('dd[data-field="ASSIGNED_BY_ID"]').textContent()).toBe('2')
    const leadId = await card.getAttribute('data-id')
    await page.screenshot({ path: join(ARTIFACTS, '06-lead-in-slider.png'), fullPage: true })

    // The CRM detail tab of the lead shows the request behind it.
    await page.locator('#slider .tab[data-placement="CRM_LEAD_DETAIL_TAB"]').click()
    const tab = page.frameLocator('#slider iframe.app-frame')
    await expect.poll(() => tab.getByTestId('placement-request').textContent()).toContain('Berlin')
    await screen(page, '07-crm-tab', '#slider iframe.app-frame')
    await page.locator('#slider .slider-close').click()
    const scoreBefore = await ratingScore(app)
    await expectFrameFitsContent(page)
    await screen(page, '07b-rating')

    // In the portal's CRM the lead is there; junk it, as a salesperson would.
    const crm = await context.newPage()
    await crm.goto(crmUrl(ACME, 'lead'))
    await crm.locator(`.crm-row[data-id="${leadId}"]`).click()
    await crm.locator('#slider .stage[data-stage="JUNK"]').click()
    await expect.poll(() => crm.locator('#slider .stage.current').getAttribute('data-stage')).toBe('JUNK')
    await crm.screenshot({ path: join(ARTIFACTS, '08-crm-lead-lost.png'), fullPage: true })
    await crm.close()

    await expect
      .poll(
        async () => {
          await app.getByRole('link', { name: 'Requests' }).click()
          await app.getByRole('link', { name: 'My reservations' }).click()
          return reservation.locator('[data-crm-status]').getAttribute('data-crm-status')
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toBe('lost')
    await expect.poll(() => ratingScore(app), { timeout: 20_000, interval: 500 }).toBeLessThan(scoreBefore)
    expect(await app.getByTestId('rating-counts').locator('[data-count="lost"] dd').textContent()).toBe('1')
    await screen(page, '08b-rating-after-lost')
    expect(problems).toEqual([])
    await page.close()
  })

  it('a converted lead whose deal is Won shows Won, and the score rises', async () => {
    const { page, app } = await openApp(ACME)
    const scoreBefore = await ratingScore(app)
    await app.getByRole('link', { name: 'Requests' }).click()
    await app
      .locator('[data-testid="request-card"]', { hasText: 'Zürich' })
      .getByRole('button', { name: 'Details' })
      .click()
    await app.getByRole('button', { name: 'Reserve', exact: true }).click()
    await app.getByRole('button', { name: 'Reserve and create lead' }).click()
    await app.getByTestId('reserved').waitFor()
    await app.getByRole('link', { name: 'Open My reservations' }).click()
    const reservation = app.locator('[data-testid="reservation"]', { hasText: 'Zürich' })
    await expect
      .poll(() => reservation.locator('[data-crm-status]').getAttribute('data-crm-status'), { timeout: 20_000 })
      .toBe('in_crm')

    const crm = await context.newPage()
    await crm.goto(crmUrl(ACME, 'lead'))
    await crm.locator('.crm-row', { hasText: 'Zürich' }).first().click()
    await crm.locator('#slider button', { hasText: 'Convert to deal' }).click()
    await expect.poll(() => crm.locator('#slider .stage.current').getAttribute('data-stage')).toBe('CONVERTED')
    await crm.goto(crmUrl(ACME, 'deal'))
    await crm.locator('.crm-row').first().click()
    await crm.locator('#slider button.won').click()
    await expect.poll(() => crm.locator('#slider .stage.current').getAttribute('data-stage')).toBe('WON')
    await crm.screenshot({ path: join(ARTIFACTS, '09-crm-deal-won.png'), fullPage: true })
    await crm.close()

    await expect
      .poll(
        async () => {
          await app.getByRole('link', { name: 'Requests' }).click()
          await app.getByRole('link', { name: 'My reservations' }).click()
          return reservation.locator('[data-crm-status]').getAttribute('data-crm-status')
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toBe('won')
    await expect.poll(() => ratingScore(app), { timeout: 20_000, interval: 500 }).toBeGreaterThan(scoreBefore)

    // The deal's CRM detail tab shows the request behind the lead it was converted from.
    await page.goto(crmUrl(ACME, 'deal'))
    await page.locator('.crm-row').first().click()
    await page.locator('#slider .tab[data-placement="CRM_DEAL_DETAIL_TAB"]').click()
    const tab = page.frameLocator('#slider iframe.app-frame')
    await expect.poll(() => tab.getByTestId('placement-request').textContent()).toContain('Zürich')
    expect(await tab.locator('[data-crm-status]').getAttribute('data-crm-status')).toBe('won')
    await screen(page, '09b-crm-deal-tab', '#slider iframe.app-frame')
    await page.close()
  })

  it('refusals: another partner takes the last place first, then the quota', async () => {
    const { page, app } = await openApp(ACME)
    const hamburg = app.locator('[data-testid="request-card"]', { hasText: 'Hamburg' })
    await hamburg.getByRole('button', { name: 'Details' }).click()
    await app.getByRole('button', { name: 'Reserve', exact: true }).click()
    await app.getByTestId('reserve-confirm').waitFor()

    // Meanwhile the fifth partner reserves the same request in its own portal.
    const peer = await openApp(PEER_5)
    const peerCard = peer.app.locator('[data-testid="request-card"]', { hasText: 'Hamburg' })
    await peerCard.getByRole('button', { name: 'Details' }).click()
    await peer.app.getByRole('button', { name: 'Reserve', exact: true }).click()
    await peer.app.getByRole('button', { name: 'Reserve and create lead' }).click()
    await peer.app.getByTestId('reserved').waitFor()
    await peer.page.close()

    await app.getByRole('button', { name: 'Reserve and create lead' }).click()
    await expect
      .poll(() => app.getByTestId('reserve-error').textContent())
      .toContain('All 5 places of this request are taken by other partners.')
    await screen(page, '10-refusal-fully-reserved')
    await app.getByRole('button', { name: 'Close' }).first().click()

    // The two open places of the quota, then one more.
    for (const city of ['Madrid', 'Wien']) {
      await app
        .locator('[data-testid="request-card"]', { hasText: city })
        .getByRole('button', { name: 'Details' })
        .click()
      await app.getByRole('button', { name: 'Reserve', exact: true }).click()
      await app.getByRole('button', { name: 'Reserve and create lead' }).click()
      await app.getByTestId('reserved').waitFor()
      await app.getByRole('button', { name: 'Close' }).first().click()
    }
    await expect.poll(() => app.getByTestId('quota').textContent()).toContain('0 of 2 reservations left')

    await app
      .locator('[data-testid="request-card"]', { hasText: 'Barcelona' })
      .getByRole('button', { name: 'Details' })
      .click()
    // The feed already carries the server's decision: the dialog says why instead of offering Reserve.
    await expect
      .poll(() => app.getByTestId('denial').textContent())
      .toContain('You hold as many open reservations as allowed.')
    expect(await app.getByRole('button', { name: 'Reserve', exact: true }).count()).toBe(0)
    await screen(page, '11-refusal-quota')
    await page.close()
  })

  it('release a reservation after confirming, and return another as a bad lead', async () => {
    const { page, app } = await openApp(ACME)
    await app.getByRole('link', { name: 'My reservations' }).click()
    const madrid = app.locator('[data-testid="reservation"]', { hasText: 'Madrid' })
    await madrid.getByTestId('release').click()
    await app.getByTestId('confirm-release').click()
    await expect.poll(() => madrid.locator('[data-crm-status]').getAttribute('data-crm-status')).toBe('released')
    expect(await madrid.getByTestId('contact').count()).toBe(0)

    const vienna = app.locator('[data-testid="reservation"]', { hasText: 'Wien' })
    await vienna.getByTestId('return').click()
    const form = app.getByTestId('return-form')
    await form.waitFor()
    await form.getByLabel('The client cannot be reached').check()
    await form.locator('textarea').fill('Three calls, no answer.')
    await screen(page, '12a-return-bad-lead')
    await app.getByTestId('confirm-return').click()
    await expect.poll(() => vienna.locator('[data-return]').getAttribute('data-return')).toBe('pending')
    expect(await vienna.locator('[data-crm-status]').getAttribute('data-crm-status')).toBe('returned')
    await page.close()
  })

  it('locations: the registered country and the additional ones, which filter the feed', async () => {
    const { page, app } = await openApp(ACME)
    const cards = app.locator('[data-testid="request-card"]')
    await cards.first().waitFor()
    const all = await cards.count()
    await app.locator('select[name="country"]').selectOption('CH')
    await expect.poll(() => cards.count()).toBeLessThan(all)
    expect(await cards.count()).toBeGreaterThan(0)
    for (const text of await cards.allTextContents()) expect(text).toContain('Switzerland')
    await app.locator('select[name="country"]').selectOption('')
    await expect.poll(() => cards.count()).toBe(all)
    await app.getByRole('link', { name: 'Locations' }).click()
    await expect.poll(() => app.getByTestId('registered').textContent()).toBe('Germany')
    expect(await app.getByTestId('additional').textContent()).toContain('Switzerland')
    // The demo restricts one country: it is explained and cannot be chosen.
    expect(await app.getByTestId('restricted-list').textContent()).toContain('North Korea')
    expect(await app.locator('select option[value="KP"]').count()).toBe(0)
    await screen(page, '12-locations')
    await page.close()
  })

  it('a suspended partner is told until when, in the portal’s language (Spanish)', async () => {
    const { page, app } = await openApp(SOL)
    const notice = app.getByTestId('eligibility')
    await expect.poll(() => notice.textContent()).toContain('Su acceso a las solicitudes está suspendido hasta el')
    // The refused feed adds no second box: the notice says it all.
    await app.locator('#requests-title').waitFor()
    expect(await app.getByTestId('load-error').count()).toBe(0)
    await screen(page, '13-suspended-es')
    await page.close()
  })

  it('a partner not approved and without the tutorial sees both reasons, in German', async () => {
    const { page, app } = await openApp(NEU)
    const notice = app.getByTestId('eligibility')
    await notice.locator('[data-reason]').first().waitFor()
    await expect.poll(() => notice.locator('[data-reason]').count()).toBe(2)
    expect(await notice.textContent()).toContain('noch nicht zugelassen')
    expect(await notice.textContent()).toContain('Tutorial nicht abgeschlossen')
    await screen(page, '14-not-approved-de')
    await page.close()
  })

  it('a new installation: the installer finishes, then the administrator links the portal with the code', async () => {
    const code = /data-demo-link-code>([^<]+)</.exec(demo.demoHtml)?.[1]
    expect(code).toBeTruthy()
    const page = await context.newPage()
    page.setDefaultTimeout(15_000)
    const problems = collectPageProblems(page)
    const app = appFrame(page)
    // Hold the portal's side of installFinish while the installer screen is checked; the portal reloads the
    // frame into the app as soon as it is answered.
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    await page.route('**/__emulator/portals/*/finish-install', async (route) => {
      await held
      await route.continue()
    })
    await page.goto(appUrl(NEWCOMER))
    await app.getByTestId('install').waitFor()
    await screen(page, '15-install')
    release()
    // installFinish makes the portal reload the frame into the app, which is not linked yet.
    const link = app.getByTestId('link-portal')
    await link.waitFor({ timeout: 20_000 })
    await screen(page, '16-link-portal')
    await link.getByRole('textbox').fill('WRONG-CODE')
    await link.getByRole('button', { name: 'Link portal' }).click()
    await expect.poll(() => link.getByRole('alert').textContent()).toContain('This link code is unknown')
    await link.getByRole('textbox').fill(code!)
    await link.getByRole('button', { name: 'Link portal' }).click()
    await app.getByRole('heading', { name: 'Requests in your locations' }).waitFor()
    // A new partner's tier sees new requests hours after they arrive: the demo's are minutes old.
    await expect.poll(() => app.getByTestId('early-access').textContent()).toContain('6 hours after they arrive')
    await app.getByTestId('empty').waitFor()
    await screen(page, '17-linked-requests')
    // The browser logs the refused wrong code as a failed request; nothing else may go wrong.
    expect(problems.filter((problem) => !problem.includes('404 (Not Found) (http://127.0.0.1'))).toEqual([])
    expect(problems.filter((problem) => problem.includes('404'))).toHaveLength(1)
    await page.close()
  })
})

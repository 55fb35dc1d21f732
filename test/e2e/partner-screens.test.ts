import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Frame, FrameLocator, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser } from './support/browser'
import { startDemoServer, type RunningDemoServer } from './support/demo'
import { REPO_ROOT } from './support/server'

/** Every screen of the partner app, in each language, for people to look at (committed with the code). */
const ARTIFACTS = join(REPO_ROOT, 'test', 'e2e', 'artifacts', 'partner')
const LANGUAGES = ['en', 'de', 'es'] as const
type Language = (typeof LANGUAGES)[number]

const CLIENT_ID = 'local.demo.implementation-requests'
const ACME = 'demo0acme0000000000000000000000a'
const SOL = 'demo0sol00000000000000000000000b'
const NEU = 'demo0neu00000000000000000000000c'
const NEWCOMER = 'demo0new00000000000000000000000d'
const APP_FRAME = '#app-container iframe.app-frame'
const TAB_FRAME = '#slider iframe.app-frame'

let demo: RunningDemoServer
let browser: Browser
let context: BrowserContext

const appUrl = (memberId: string) => `${demo.portalUrl}/portal/${memberId}/app/${CLIENT_ID}/`
const crmUrl = (memberId: string, kind: 'lead' | 'deal') => `${demo.portalUrl}/portal/${memberId}/crm/${kind}/`

async function frameOf(page: Page, selector: string): Promise<Frame> {
  const frame = await page
    .locator(selector)
    .elementHandle()
    .then((handle) => handle?.contentFrame())
  if (!frame) throw new Error(`No frame at ${selector}`)
  return frame
}

/** Waits until animations (dialogs scale in) are over: until then boxes and colours are not final. */
async function settled(page: Page, frameSelector: string | null = APP_FRAME): Promise<void> {
  const target = frameSelector ? await frameOf(page, frameSelector) : page
  await target.waitForFunction(
    `document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)`,
  )
}

/** Saves the whole portal page once it has settled, or only the window (`fullPage: false`) as the user sees it. */
async function shoot(
  page: Page,
  name: string,
  frameSelector: string | null = APP_FRAME,
  { fullPage = true } = {},
): Promise<void> {
  await settled(page, frameSelector)
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage })
}

/**
 * Opens the app in a portal and reloads its frame with `?lang=`, which the app prefers to the portal user's
 * language: the portal answers the reloaded frame's handshake as it did the first time.
 */
async function openApp(
  memberId: string,
  lang: Language,
  options: { on?: BrowserContext; ready?: (app: FrameLocator) => Promise<unknown> } = {},
): Promise<{ page: Page; app: FrameLocator }> {
  const page = await (options.on ?? context).newPage()
  page.setDefaultTimeout(15_000)
  await page.goto(appUrl(memberId))
  const app = page.frameLocator(APP_FRAME)
  await (options.ready ?? ((frame) => frame.locator('main').waitFor()))(app)
  await inLanguage(page, APP_FRAME, lang)
  return { page, app }
}

async function inLanguage(page: Page, selector: string, lang: Language): Promise<void> {
  const frame = await frameOf(page, selector)
  const url = new URL(frame.url())
  url.searchParams.set('lang', lang)
  await frame.goto(url.toString())
  await expect.poll(() => frame.evaluate('document.documentElement.lang')).toBe(lang)
}

const card = (app: FrameLocator, city: string) => app.locator('[data-testid="request-card"]', { hasText: city })
const reservationOf = (app: FrameLocator, city: string) => app.locator('[data-testid="reservation"]', { hasText: city })

/** The element lies fully inside the portal window (Playwright gives frame elements in window coordinates). */
async function expectInWindow(page: Page, element: Locator, what: string): Promise<void> {
  const box = await element.boundingBox()
  const viewport = page.viewportSize()!
  expect(box, what).not.toBeNull()
  expect(box!.y, `${what}: top`).toBeGreaterThanOrEqual(0)
  expect(box!.y + box!.height, `${what}: bottom`).toBeLessThanOrEqual(viewport.height)
  expect(box!.x, `${what}: left`).toBeGreaterThanOrEqual(0)
  expect(box!.x + box!.width, `${what}: right`).toBeLessThanOrEqual(viewport.width)
}

/** Reserves the request open in the dialog; the lead goes to the user reserving. */
async function reserveFromDialog(app: FrameLocator): Promise<void> {
  await app.getByTestId('detail-reserve').click()
  await app.getByTestId('reserve-confirm').waitFor()
  await app.getByTestId('confirm-reserve').click()
  await app.getByTestId('reserved').waitFor()
}

describe('the partner app, screen by screen, in English, German and Spanish', () => {
  beforeAll(async () => {
    if (!existsSync(join(REPO_ROOT, 'dist', 'client', 'partner', 'index.html'))) {
      throw new Error('dist/client/partner/index.html is missing: build the client first (npm run build)')
    }
    mkdirSync(ARTIFACTS, { recursive: true })
    // The partner's own screens, without the console's back-dated history in its lists.
    demo = await startDemoServer({ DEMO_HISTORY: 'off' })
    browser = await launchBrowser()
    // The screenshots wait for animations with page code, which the pages' CSP would refuse. The window is as
    // tall as the longest screen: a full-page screenshot leaves the part of a frame below the window unpainted.
    context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 1800 }, locale: 'en-US' })
  }, 120_000)

  afterAll(async () => {
    await context?.close()
    await browser?.close()
    await demo?.server.stop()
  })

  it('the reserve dialog opened from a lower card stays inside a small window, and shows the contacts once reserved', async () => {
    for (const viewport of [
      { width: 800, height: 600 },
      { width: 375, height: 667 },
    ]) {
      const small = await browser.newContext({ bypassCSP: true, viewport, locale: 'en-US' })
      const { page, app } = await openApp(ACME, 'en', { on: small })
      const cards = app.locator('[data-testid="request-card"]')
      await cards.first().waitFor()
      // The oldest request is the lowest card; on the wide window it is Berlin, on the narrow one Wien.
      const city = viewport.width === 800 ? 'Berlin' : 'Wien'
      await card(app, city).getByRole('button', { name: 'Details' }).click()
      const dialog = app.getByRole('dialog')
      await dialog.waitFor()
      const size = `${viewport.width}x${viewport.height}`
      await shoot(page, `en-detail-${size}`, APP_FRAME, { fullPage: false })
      await expectInWindow(page, dialog.locator('[data-slot="title"]'), `${size} title`)
      await expectInWindow(page, dialog.getByRole('button', { name: 'Close' }).first(), `${size} close button`)
      await expectInWindow(page, app.getByTestId('detail-reserve'), `${size} reserve button`)

      await reserveFromDialog(app)
      const contact = app.getByTestId('contact')
      await expect.poll(() => contact.textContent()).toMatch(/@/)
      const text = await dialog.textContent()
      expect(text).not.toContain('hidden until')
      expect(text).toContain('You hold this request')
      // The body scrolls to the contacts; the dialog itself still fits the window.
      await contact.scrollIntoViewIfNeeded()
      await settled(page)
      await expectInWindow(page, contact, `${size} contacts`)
      await expectInWindow(
        page,
        dialog.getByRole('button', { name: 'Close' }).first(),
        `${size} close button after reserving`,
      )
      await shoot(page, `en-reserved-${size}`, APP_FRAME, { fullPage: false })
      await small.close()
    }
  }, 120_000)

  it('a Won reservation offers neither Release nor a return, and says the contacts stay', async () => {
    const { page, app } = await openApp(ACME, 'en')
    await card(app, 'Zürich').getByRole('button', { name: 'Details' }).click()
    await reserveFromDialog(app)
    await app.getByRole('link', { name: 'Open My reservations' }).click()
    const zurich = reservationOf(app, 'Zürich')
    await expect
      .poll(() => zurich.locator('[data-crm-status]').getAttribute('data-crm-status'), { timeout: 20_000 })
      .toBe('in_crm')
    expect(await zurich.getByTestId('release').count()).toBe(1)

    const crm = await context.newPage()
    await crm.goto(crmUrl(ACME, 'lead'))
    await crm.locator('.crm-row', { hasText: 'Zürich' }).first().click()
    await crm.locator('#slider button', { hasText: 'Convert to deal' }).click()
    await expect.poll(() => crm.locator('#slider .stage.current').getAttribute('data-stage')).toBe('CONVERTED')
    await crm.goto(crmUrl(ACME, 'deal'))
    await crm.locator('.crm-row').first().click()
    await crm.locator('#slider button.won').click()
    await expect.poll(() => crm.locator('#slider .stage.current').getAttribute('data-stage')).toBe('WON')
    await crm.close()

    await expect
      .poll(
        async () => {
          await app.getByRole('link', { name: 'Requests' }).click()
          await app.getByRole('link', { name: 'My reservations' }).click()
          return zurich.locator('[data-crm-status]').getAttribute('data-crm-status')
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toBe('won')
    expect(await zurich.getByTestId('release').count()).toBe(0)
    expect(await zurich.getByTestId('return').count()).toBe(0)
    expect(await zurich.getByTestId('state-note').textContent()).toContain('the client is yours')
    expect(await zurich.getByTestId('contact').textContent()).toContain('noah@alpfin.example')
    for (const lang of LANGUAGES) {
      await inLanguage(page, APP_FRAME, lang)
      await app.locator('[data-testid="reservation"]').first().waitFor()
      expect(await reservationOf(app, 'Zürich').getByTestId('release').count()).toBe(0)
      await shoot(page, `${lang}-reservations-won`)
    }
    await page.close()
  }, 120_000)

  it('a suspended or not approved partner gets one explanation with what happens next, and no useless retry', async () => {
    for (const [memberId, state] of [
      [SOL, 'suspended'],
      [NEU, 'not-approved'],
    ] as const) {
      for (const lang of LANGUAGES) {
        const { page, app } = await openApp(memberId, lang)
        const notice = app.getByTestId('eligibility')
        await notice.waitFor()
        await app.locator('#requests-title').waitFor()
        // Give the refused feed call time to answer: it must not add a second box.
        await expect.poll(() => app.locator('[data-testid="filters"]').count()).toBe(0)
        expect(await app.getByTestId('load-error').count()).toBe(0)
        expect(await app.getByRole('alert').count()).toBe(0)
        expect(await app.locator('button', { hasText: /Try again|Erneut|Reintentar|Volver a intentar/ }).count()).toBe(
          0,
        )
        if (state === 'suspended' && lang === 'en') {
          expect(await notice.textContent()).toMatch(/Requests appear here again on .+ by themselves/)
        }
        if (state === 'not-approved' && lang === 'en') {
          expect(await notice.textContent()).toContain('waiting for your partner manager’s approval')
        }
        await shoot(page, `${lang}-refusal-${state}`)
        await app.getByRole('link', { name: /reservations|Reservierungen|reservas/i }).click()
        await app.getByTestId('empty').waitFor()
        await shoot(page, `${lang}-reservations-empty-${state}`)
        await page.close()
      }
    }
  }, 120_000)

  it('every screen of a working partner, in each language', async () => {
    const reserveIn = { en: 'Madrid', de: 'Barcelona', es: 'Hamburg' } as const
    for (const lang of LANGUAGES) {
      // Outside a portal the app explains where it runs.
      const outside = await context.newPage()
      await outside.goto(`${demo.server.baseUrl}/partner/?lang=${lang}`)
      await outside.locator('#app-title').waitFor()
      await shoot(outside, `${lang}-overview-outside-portal`, null)
      await outside.close()

      const { page, app } = await openApp(ACME, lang)
      await app.locator('[data-testid="request-card"]').first().waitFor()
      await expect.poll(() => app.getByTestId('early-access-countdown').count()).toBeGreaterThan(0)
      await shoot(page, `${lang}-requests`)

      const city = reserveIn[lang]
      await card(app, city).getByTestId('open-detail').click()
      await app.getByTestId('request-detail').waitFor()
      await shoot(page, `${lang}-detail`)
      await app.getByTestId('detail-reserve').click()
      await app.getByTestId('reserve-confirm').waitFor()
      await shoot(page, `${lang}-reserve-confirm`)
      await app.getByTestId('confirm-reserve').click()
      await app.getByTestId('reserved').waitFor()
      await app.getByTestId('contact').waitFor()
      await shoot(page, `${lang}-reserved`)
      await app.getByTestId('open-reservations').click()

      const held = reservationOf(app, city)
      await held.getByTestId('contact').waitFor()
      await shoot(page, `${lang}-reservations`)
      await held.getByTestId('release').click()
      await app.getByTestId('confirm-release').waitFor()
      await shoot(page, `${lang}-release-confirm`)
      await app.getByTestId('cancel-release').click()
      await held.getByTestId('return').click()
      await app.getByTestId('return-form').waitFor()
      await shoot(page, `${lang}-return-bad-lead`)
      await app.getByTestId('cancel-return').click()

      await app.locator('nav a').nth(2).click()
      await app.getByTestId('score').waitFor()
      await shoot(page, `${lang}-rating`)
      await app.locator('nav a').nth(3).click()
      await app.getByTestId('registered').waitFor()
      await shoot(page, `${lang}-locations`)

      // A filter that matches nothing says so, rather than that nothing is there.
      await app.locator('nav a').nth(0).click()
      await app.locator('[data-testid="request-card"]').first().waitFor()
      await app.locator('select[name="type"]').selectOption('other')
      await expect.poll(() => app.getByTestId('empty').getAttribute('data-empty')).toBe('filtered')
      // The frame kept the height of the longer screen before: show the window at the top of the page.
      await page.evaluate('window.scrollTo(0, 0)')
      await shoot(page, `${lang}-requests-empty-filtered`, APP_FRAME, { fullPage: false })
      await page.close()
    }

    // The CRM detail tab of a lead reserved above shows the request behind it.
    const page = await context.newPage()
    page.setDefaultTimeout(15_000)
    await page.goto(crmUrl(ACME, 'lead'))
    await page.locator('.crm-row', { hasText: 'Madrid' }).first().click()
    await page.locator('#slider .tab[data-placement="CRM_LEAD_DETAIL_TAB"]').click()
    const tab = page.frameLocator(TAB_FRAME)
    await tab.getByTestId('placement-request').waitFor()
    for (const lang of LANGUAGES) {
      await inLanguage(page, TAB_FRAME, lang)
      await tab.getByTestId('placement-request').waitFor()
      await shoot(page, `${lang}-placement`, TAB_FRAME)
    }
    await page.close()
  }, 240_000)

  it('a new installation: the installer, then the portal waiting to be linked, in each language', async () => {
    // The portal's side of installFinish is held while the installers are on screen; every page stays open until
    // all are taken, since a page that closes lets its held call go.
    const installers: Page[] = []
    for (const lang of LANGUAGES) {
      const page = await context.newPage()
      page.setDefaultTimeout(15_000)
      installers.push(page)
      await page.route('**/__emulator/portals/*/finish-install', () => undefined)
      await page.goto(appUrl(NEWCOMER))
      await page.frameLocator(APP_FRAME).getByTestId('install').waitFor()
      await inLanguage(page, APP_FRAME, lang)
      await page.frameLocator(APP_FRAME).getByTestId('install').waitFor()
      await shoot(page, `${lang}-install`)
    }
    for (const page of installers) await page.close()
    // Let the installation finish: the portal reloads the frame into the app, which is not linked yet.
    const finishing = await context.newPage()
    await finishing.goto(appUrl(NEWCOMER))
    await finishing.frameLocator(APP_FRAME).getByTestId('link-portal').waitFor({ timeout: 20_000 })
    await finishing.close()
    for (const lang of LANGUAGES) {
      const { page, app } = await openApp(NEWCOMER, lang)
      await app.getByTestId('link-portal').waitFor()
      await shoot(page, `${lang}-link-portal`)
      await page.close()
    }
  }, 120_000)

  it('after a drop to a slower tier, the empty feed says how many requests are coming and when the next appears', async () => {
    // The demo page lists one account per role; the rating adjustment is a manager's.
    const row = /data-demo-manager="manager">.*?data-demo-email>([^<]+)<.*?data-demo-password>([^<]+)</s.exec(
      demo.demoHtml,
    )
    const [email, password] = [row?.[1], row?.[2]]
    const api = async (method: string, path: string, token: string | null, body?: unknown) => {
      const response = await fetch(`${demo.server.baseUrl}${path}`, {
        method,
        headers: {
          'Content-Type': 'application/json',
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      expect(response.status, `${method} ${path}`).toBeLessThan(300)
      return response.json() as Promise<Record<string, unknown>>
    }
    const session = await api('POST', '/api/manager/session', null, { email, password })
    const token = String(session.token)
    const found = (await api('GET', '/api/manager/partners?search=demo-acme', token)) as {
      items: { id: string; partnerCode: string }[]
    }
    const acme = found.items.find((item) => item.partnerCode === 'demo-acme')!
    // The demo lifted Acme to the top tier by 35 points; a complaint takes them back.
    await api('POST', `/api/manager/partners/${acme.id}/rating/adjustments`, token, {
      delta: -35,
      reason: 'Complaint from a client',
    })

    for (const lang of LANGUAGES) {
      const { page, app } = await openApp(ACME, lang)
      const empty = app.getByTestId('empty')
      await expect.poll(() => empty.getAttribute('data-empty')).toBe('upcoming')
      if (lang === 'en') {
        // Every open request in Acme's locations is minutes old: the standard tier sees them 6 hours later.
        expect(await empty.textContent()).toMatch(
          /\d+ requests in your locations become visible to you later; the next at .*\d{1,2}:\d{2}/,
        )
        expect(await empty.textContent()).not.toContain('No open requests')
        expect(await app.getByTestId('early-access').textContent()).toContain('6 hours after they arrive')
      }
      await shoot(page, `${lang}-requests-empty-tier-delay`)
      await page.close()
    }
  })
})

import { existsSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, FrameLocator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collectPageProblems, launchBrowser } from './support/browser'
import { startDemoServer, type RunningDemoServer } from './support/demo'
import { REPO_ROOT } from './support/server'

const ARTIFACTS = join(REPO_ROOT, 'test', 'e2e', 'artifacts')
const CLIENT_ID = 'local.demo.implementation-requests'
const ACME = 'demo0acme0000000000000000000000a'
const APP_FRAME = '#app-container iframe.app-frame'
/** The emulated portals run at UTC+02:00; the browser runs in a third zone, so neither can pass for the other. */
const PORTAL_OFFSET_MINUTES = 120
const BROWSER_ZONE = 'America/Los_Angeles'
/** What the partner must see without touching the page. */
const LIVE_WITHIN_MS = 5_000

let demo: RunningDemoServer
let browser: Browser
let context: BrowserContext

const appUrl = (memberId: string) => `${demo.portalUrl}/portal/${memberId}/app/${CLIENT_ID}/`

async function openApp(memberId: string): Promise<{ page: Page; app: FrameLocator; problems: string[] }> {
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)
  const problems = collectPageProblems(page)
  await page.goto(appUrl(memberId))
  return { page, app: page.frameLocator(APP_FRAME), problems }
}

/** The emulated portal's control API: what a salesperson does in the CRM, without the app's page. */
async function control<T>(path: string, body?: object): Promise<T> {
  const response = await fetch(`${demo.portalUrl}/__emulator${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  })
  expect(response.status).toBe(200)
  return (await response.json()) as T
}

/** `16.11.2026, 14:05` as the portal's CRM shows the instant, whatever zone the browser is in. */
function portalTime(iso: string, locale: string): string {
  const shifted = new Date(Date.parse(iso) + PORTAL_OFFSET_MINUTES * 60_000)
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(shifted)
}

const count = (app: FrameLocator, key: string) =>
  app.getByTestId('rating-counts').locator(`[data-count="${key}"] dd`).textContent()

describe('the partner app stays true while it is open (demo portal)', () => {
  beforeAll(async () => {
    if (!existsSync(join(REPO_ROOT, 'dist', 'client', 'partner', 'index.html'))) {
      throw new Error('dist/client/partner/index.html is missing: build the client first (npm run build)')
    }
    mkdirSync(ARTIFACTS, { recursive: true })
    demo = await startDemoServer({ DEMO_HISTORY: 'off' })
    browser = await launchBrowser()
    context = await browser.newContext({
      viewport: { width: 1280, height: 1400 },
      locale: 'en-US',
      timezoneId: BROWSER_ZONE,
    })
  }, 120_000)

  afterAll(async () => {
    await context?.close()
    await browser?.close()
    await demo?.server.stop()
  })

  it('a lead moved to Lost in the CRM reaches the badge, the rating counts and the header within 5 s, untouched', async () => {
    const reservations = await openApp(ACME)
    const { app } = reservations
    const berlin = app.locator('[data-testid="request-card"]', { hasText: 'Berlin' })
    await berlin.getByRole('button', { name: 'Details' }).click()
    await app.getByRole('button', { name: 'Reserve', exact: true }).click()
    await app.getByRole('button', { name: 'Reserve and create lead' }).click()
    await app.getByTestId('reserved').waitFor()
    await app.getByRole('link', { name: 'Open My reservations' }).click()
    const reservation = app.locator('[data-testid="reservation"]', { hasText: 'Berlin' })
    // The lead reaches the CRM while the screen is open: "syncing" turns into "in the CRM" by itself.
    await expect
      .poll(() => reservation.locator('[data-crm-status]').getAttribute('data-crm-status'), { timeout: 20_000 })
      .toBe('in_crm')
    const reservationId = await reservation.getAttribute('data-reservation-id')
    const quotaBefore = await app.getByTestId('quota').textContent()
    const leftBefore = Number(/(\d+) of (\d+) reservations left/.exec(quotaBefore ?? '')?.[1])

    // A second tab on the Rating screen, as a partner keeps it open.
    const ratingTab = await openApp(ACME)
    await ratingTab.app.getByRole('link', { name: 'Rating' }).click()
    await ratingTab.app.getByTestId('rating-counts').waitFor()
    const openBefore = Number(await count(ratingTab.app, 'open'))
    expect(openBefore).toBeGreaterThanOrEqual(1)
    expect(await count(ratingTab.app, 'lost')).toBe('0')

    // In the CRM, someone junks the lead: nobody touches the app's pages from here on.
    const snapshot = await control<{ leads: { ID: string; ORIGIN_ID?: string }[] }>(`/portals/${ACME}`)
    const lead = snapshot.leads.find((row) => row.ORIGIN_ID === reservationId)
    expect(lead, `the lead of reservation ${reservationId}`).toBeDefined()
    const movedAt = Date.now()
    await control(`/portals/${ACME}/leads/${lead!.ID}/move`, { stageId: 'JUNK' })

    await expect
      .poll(() => reservation.locator('[data-crm-status]').getAttribute('data-crm-status'), {
        timeout: LIVE_WITHIN_MS,
        interval: 100,
      })
      .toBe('lost')
    await expect
      .poll(() => app.getByTestId('quota').textContent(), { timeout: LIVE_WITHIN_MS - (Date.now() - movedAt) })
      .toContain(`${leftBefore + 1} of`)
    await expect
      .poll(() => count(ratingTab.app, 'lost'), { timeout: Math.max(100, LIVE_WITHIN_MS - (Date.now() - movedAt)) })
      .toBe('1')
    expect(Date.now() - movedAt).toBeLessThanOrEqual(LIVE_WITHIN_MS)
    // The same answer: the reservation left "open" in the very update that counts it Lost.
    expect(Number(await count(ratingTab.app, 'open'))).toBe(openBefore - 1)
    expect(await ratingTab.app.getByTestId('quota').textContent()).toContain(`${leftBefore + 1} of`)
    await reservations.page.screenshot({ path: join(ARTIFACTS, 'live-01-lost-without-reload.png'), fullPage: true })
    await ratingTab.page.screenshot({ path: join(ARTIFACTS, 'live-02-rating-without-reload.png'), fullPage: true })
    expect(reservations.problems).toEqual([])
    expect(ratingTab.problems).toEqual([])
    await ratingTab.page.close()
    await reservations.page.close()
  })

  it('in German, scores have a decimal comma and every time is the portal’s, not the browser’s or UTC', async () => {
    const { page, app, problems } = await openApp(ACME)
    await app.getByRole('link', { name: 'Rating' }).waitFor()
    // The same portal user, with the app in German (`?lang=` wins over the portal's language).
    const frame = page.frame({ url: /\/partner\// })!
    await frame.goto(`${frame.url()}&lang=de`)
    await app.getByRole('link', { name: 'Bewertung' }).click()
    const score = (await app.getByTestId('score').textContent())?.trim() ?? ''
    expect(score).toMatch(/^\d+,\d$/)
    // The Lost of the test before changed the score: every change is a point, at its time in the portal's zone.
    const points = app.getByTestId('history-list').locator('li')
    expect(await points.count()).toBeGreaterThanOrEqual(2)
    const latestChange = points.nth(1)
    const at = (await latestChange.getAttribute('data-at'))!
    const text = (await latestChange.textContent()) ?? ''
    expect(text).toContain(portalTime(at, 'de'))
    expect(text).not.toContain(
      new Intl.DateTimeFormat('de', { timeStyle: 'short', timeZone: BROWSER_ZONE }).format(new Date(at)),
    )
    expect(text).not.toContain(
      new Intl.DateTimeFormat('de', { timeStyle: 'short', timeZone: 'UTC' }).format(new Date(at)),
    )
    expect(text).toMatch(/\d+,\d \(/)
    expect(await app.getByTestId('time-zone').textContent()).toContain('UTC+02:00')
    await app.getByTestId('history-list').locator('..').locator('summary').click()
    await page.screenshot({ path: join(ARTIFACTS, 'live-03-rating-de.png'), fullPage: true })

    // The reservation's date on My reservations is the portal's time too.
    await app.getByRole('link', { name: 'Meine Reservierungen' }).click()
    const reservation = app.locator('[data-testid="reservation"]', { hasText: 'Berlin' })
    await reservation.waitFor()
    const reservationText = (await reservation.textContent()) ?? ''
    const reserved = /(\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2})/.exec(reservationText)?.[1]
    expect(reserved, reservationText).toBeDefined()
    // Reserved a minute or two ago: the portal's wall clock now, within a few minutes.
    const nowInPortal = portalTime(new Date().toISOString(), 'de')
    expect(reserved!.slice(0, 12)).toBe(nowInPortal.slice(0, 12))
    const [hours, minutes] = reserved!.slice(12).split(':').map(Number)
    const [nowHours, nowMinutes] = nowInPortal.slice(12).split(':').map(Number)
    expect(Math.abs(hours! * 60 + minutes! - (nowHours! * 60 + nowMinutes!))).toBeLessThanOrEqual(5)
    await page.screenshot({ path: join(ARTIFACTS, 'live-04-reservations-de.png'), fullPage: true })
    expect(problems).toEqual([])
    await page.close()
  })
})

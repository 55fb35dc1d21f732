import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seriousViolations } from './support/axe'
import { collectPageProblems, launchBrowser } from './support/browser'
import { startDemoServer, type RunningDemoServer } from './support/demo'
import { REPO_ROOT } from './support/server'

const ARTIFACTS = join(REPO_ROOT, 'test', 'e2e', 'artifacts', 'manager')
const LANGUAGES = ['en', 'de', 'es'] as const
type Role = 'manager' | 'viewer'

let demo: RunningDemoServer
let browser: Browser
const accounts = new Map<Role, { email: string; password: string }>()

/** The console's accounts as the demo page lists them. */
function readAccounts(html: string): void {
  for (const role of ['manager', 'viewer'] as const) {
    const row = new RegExp(
      `data-demo-manager="${role}">.*?data-demo-email>([^<]+)<.*?data-demo-password>([^<]+)<`,
      's',
    ).exec(html)
    if (!row) throw new Error(`the demo page lists no ${role} account`)
    accounts.set(role, { email: row[1]!, password: row[2]! })
  }
}

const url = (path: string) => `${demo.server.baseUrl}/manager${path}`

async function signIn(role: Role, lang: string): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  // bypassCSP only lets axe-core be injected; the console runs under its real CSP otherwise.
  const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 900 }, bypassCSP: true })
  const page = await context.newPage()
  const problems = collectPageProblems(page)
  const account = accounts.get(role)!
  await page.goto(url(`/sign-in?lang=${lang}`), { waitUntil: 'networkidle' })
  await page.locator('#email').fill(account.email)
  await page.locator('#password').fill(account.password)
  await page.locator('[data-testid="sign-in-form"] button[type="submit"]').click()
  await page.waitForURL(/\/manager\/dashboard/)
  // Before signing in, the console asked whether a session exists: that 401 is expected.
  problems.length = 0
  return { context, page, problems }
}

/** Waits for the screen to settle, saves its screenshot and checks it with axe-core. */
async function screen(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle')
  await page.locator('[data-testid="list-loading"]').first().waitFor({ state: 'detached', timeout: 15_000 })
  await page.waitForFunction(
    `document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)`,
  )
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true })
  const violations = await seriousViolations(page)
  // Each violation with the start of its element, so a failure says what to fix.
  const found = await Promise.all(
    violations.flatMap((violation) =>
      violation.targets.map(async (target) => {
        const html = await page
          .locator(target)
          .first()
          .evaluate((element) => (element as unknown as { outerHTML: string }).outerHTML.slice(0, 240))
          .catch(() => target)
        return `${violation.id}: ${html}`
      }),
    ),
  )
  expect(found, `axe on ${name}`).toEqual([])
}

/** Opens a section from the navigation, as a person would. */
async function open(page: Page, path: string): Promise<void> {
  await page.locator(`[data-testid="console-nav"] a[href="/manager${path}"]`).click()
  await page.waitForURL(new RegExp(`/manager${path}`))
}

/** Confirms the open dialog, typing a reason when it asks for one. */
async function confirmWithReason(page: Page, reason: string): Promise<void> {
  await page.locator('[data-testid="reason-input"]').fill(reason)
  await page.locator('[data-testid="reason-confirm"]').click()
  await page.locator('[data-testid="reason-input"]').waitFor({ state: 'detached' })
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true })
  demo = await startDemoServer()
  readAccounts(demo.demoHtml)
  browser = await launchBrowser()
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await demo?.server.stop()
})

describe('the manager console screens', () => {
  it.each(LANGUAGES)(
    'in %s, every screen shows real demo data without serious accessibility problems',
    async (lang) => {
      const { context, page, problems } = await signIn('manager', lang)
      try {
        expect(await page.locator('html').getAttribute('lang')).toBe(lang)
        await page.locator('[data-testid="dashboard-charts"] canvas').first().waitFor()
        await screen(page, `${lang}-dashboard`)

        await open(page, '/partners')
        await page.locator('[data-testid="partner-link"]').first().waitFor()
        await screen(page, `${lang}-partners`)
        await page.locator('[data-testid="partner-link"]').first().click()
        await page.locator('[data-testid="partner-name"]').waitFor()
        await screen(page, `${lang}-partner`)

        await open(page, '/requests')
        await page.locator('[data-testid="request-link"]').first().waitFor()
        await screen(page, `${lang}-requests`)
        await page.locator('[data-testid="request-link"]').first().click()
        await page.locator('[data-testid="request-title"]').waitFor()
        await screen(page, `${lang}-request`)

        for (const [path, name] of [
          ['/returns', 'returns'],
          ['/lead-sync', 'lead-sync'],
          ['/restricted-countries', 'restricted-countries'],
          ['/feedback', 'feedback'],
          ['/audit', 'audit'],
        ] as const) {
          await open(page, path)
          await screen(page, `${lang}-${name}`)
        }
        // The demo seeds a restricted country, client feedback and the audit of its own seeding.
        expect(await page.locator('[data-testid="audit-entries"] li').count()).toBeGreaterThan(0)
        expect(problems).toEqual([])
      } finally {
        await context.close()
      }
    },
    180_000,
  )

  it('a manager can filter, sort, page and do every action, each change landing in the audit log', async () => {
    const { context, page, problems } = await signIn('manager', 'en')
    try {
      // Filters and sorting live in the URL.
      await open(page, '/partners')
      await page.locator('[data-testid="filter-eligible"]').selectOption('true')
      await page.waitForURL(/eligible=true/)
      await page.locator('[data-testid="sort-score"]').click()
      await page.waitForURL(/sort=score/)
      await page.locator('[data-testid="sort-score"]').click()
      await page.waitForURL(/order=desc/)
      expect(await page.locator('th[aria-sort="descending"]').count()).toBe(1)
      await page.reload({ waitUntil: 'networkidle' })
      expect(await page.locator('[data-testid="filter-eligible"]').inputValue()).toBe('true')
      expect(await page.locator('[data-testid="export-csv"]').getAttribute('href')).toContain('eligible=true')

      // The partner page: rating, suspension, locations, link code.
      await page.locator('[data-testid="partner-link"]').first().click()
      await page.locator('[data-testid="partner-name"]').waitFor()
      await page.locator('[data-testid="adjust-rating"]').click()
      await page.locator('[data-testid="adjust-delta"]').fill('3')
      await confirmWithReason(page, 'Helped a client beyond the request')
      await page.locator('[data-testid="adjustments"]').getByText('Helped a client beyond the request').waitFor()

      await page.locator('[data-testid="suspend"]').click()
      await page.locator('[data-testid="suspend-for-good"]').check()
      await confirmWithReason(page, 'Repeated complaints under review')
      await page.locator('[data-testid="lift-suspension"]').click()
      await page.locator('[data-testid="confirm-yes"]').click()
      await page.locator('[data-testid="suspend"]').waitFor()

      await page.locator('[data-testid="locations-locked"]').check()
      await page.locator('[data-testid="save-locations"]').click()
      await page.locator('[data-testid="partner-notice"]').waitFor()

      await page.locator('[data-testid="issue-link-code"]').click()
      await page.locator('[data-testid="link-code"]').waitFor()
      await screen(page, 'en-partner-after-actions')

      // A request: reveal contacts (audited), close and reopen.
      await open(page, '/requests')
      await page.locator('[data-testid="filter-status"]').selectOption('open')
      await page.waitForURL(/status=open/)
      await page.locator('[data-testid="request-link"]').first().click()
      await page.locator('[data-testid="request-title"]').waitFor()
      await page.locator('[data-testid="reveal-contacts"]').click()
      await page.locator('[data-testid="revealed-contacts"]').waitFor()
      await page.locator('[data-testid="moderate-close"]').click()
      await confirmWithReason(page, 'Client asked by phone to close it')
      await page.locator('[data-testid="moderate-reopen"]').click()
      await confirmWithReason(page, 'Closed by mistake')
      await page.locator('[data-testid="moderate-close"]').waitFor()

      // Returns: decide the oldest waiting one, when the demo has one.
      await open(page, '/returns')
      await page.waitForLoadState('networkidle')
      if ((await page.locator('[data-testid="return-reject"]').count()) > 0) {
        await page.locator('[data-testid="return-reject"]').first().click()
        await confirmWithReason(page, 'The client answered the partner')
        await page.locator('[data-testid="returns-notice"]').waitFor()
      }

      // Lead sync: retry the failed pushes the demo has.
      await open(page, '/lead-sync')
      await page.locator('[data-testid="portals-table"]').waitFor()
      if ((await page.locator('[data-testid="select-failure"]').count()) > 0) {
        await page.locator('[data-testid="select-failure"]').first().check()
        await page.locator('[data-testid="retry-selected"]').click()
        await page.locator('[data-testid="confirm-yes"]').click()
        await page.locator('[data-testid="lead-sync-notice"]').waitFor()
      }

      // Restricted countries: restrict one, then lift it again.
      await open(page, '/restricted-countries')
      await page.locator('[data-testid="restrict-country-select"]').selectOption('IS')
      await page.locator('[data-testid="restrict-country"]').click()
      await confirmWithReason(page, 'Program paused there this quarter')
      await page.locator('[data-testid="restricted-table"]').getByText('Program paused there this quarter').waitFor()
      const before = await page.locator('[data-testid="lift-restriction"]').count()
      await page
        .locator('tr', { hasText: 'Program paused there this quarter' })
        .locator('[data-testid="lift-restriction"]')
        .click()
      await page.locator('[data-testid="confirm-yes"]').click()
      await expect.poll(() => page.locator('[data-testid="lift-restriction"]').count()).toBe(before - 1)

      // The audit log shows the changes with a readable diff.
      await open(page, '/audit')
      await page.locator('[data-testid="audit-action"]').fill('contacts.revealed')
      await page.locator('[data-testid="audit-apply"]').click()
      await page.waitForURL(/action=contacts.revealed/)
      await page.locator('[data-testid="audit-entries"] li').first().waitFor()
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  }, 240_000)

  it('a viewer sees every screen but no action button', async () => {
    const { context, page, problems } = await signIn('viewer', 'en')
    try {
      const ACTIONS =
        '[data-testid="approve"],[data-testid="revoke-approval"],[data-testid="suspend"],[data-testid="lift-suspension"],' +
        '[data-testid="adjust-rating"],[data-testid="issue-link-code"],[data-testid="save-locations"],' +
        '[data-testid="save-tutorial"],[data-testid="moderation-actions"],[data-testid="reveal-contacts"],' +
        '[data-testid="return-confirm"],[data-testid="return-reject"],[data-testid="retry-selected"],' +
        '[data-testid="retry-portal"],[data-testid="select-failure"],[data-testid="restrict-country"],' +
        '[data-testid="lift-restriction"],[data-testid="export-csv-contacts"]'
      expect(await page.locator('[data-testid="console-nav"] a[href="/manager/managers"]').count()).toBe(0)
      await open(page, '/partners')
      await page.locator('[data-testid="partner-link"]').first().click()
      await page.locator('[data-testid="partner-name"]').waitFor()
      expect(await page.locator(ACTIONS).count()).toBe(0)
      expect(await page.locator('[data-testid="status-select"]').isDisabled()).toBe(true)
      await screen(page, 'en-viewer-partner')
      await open(page, '/requests')
      await page.locator('[data-testid="request-link"]').first().click()
      await page.locator('[data-testid="request-title"]').waitFor()
      expect(await page.locator(ACTIONS).count()).toBe(0)
      await screen(page, 'en-viewer-request')
      for (const path of ['/returns', '/lead-sync', '/restricted-countries', '/feedback', '/audit']) {
        await open(page, path)
        await page.waitForLoadState('networkidle')
        expect(await page.locator(ACTIONS).count(), path).toBe(0)
      }
      expect(problems).toEqual([])
    } finally {
      await context.close()
    }
  }, 180_000)
})

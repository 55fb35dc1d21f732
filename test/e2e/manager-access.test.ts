import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { Secret, TOTP } from 'otpauth'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createManager } from '../../app-server/modules/managers'
import type { ManagerRole } from '../../shared/domain/manager-roles'
import { seriousAccessibilityViolations } from './support/axe'
import { launchBrowser } from './support/browser'
import { startInProcessApp, type InProcessApp } from './support/in-process-app'
import { REPO_ROOT } from './support/server'

const ARTIFACTS = join(REPO_ROOT, 'test', 'e2e', 'artifacts', 'manager')
const PASSWORD = 'correct horse battery staple'
const LANGS = ['en', 'de', 'es'] as const
type Lang = (typeof LANGS)[number]

const TEXT = {
  en: {
    signIn: 'Sign in',
    managers: 'Managers',
    status: 'System status',
    email: 'E-mail',
    password: 'Password',
    confirm: 'Confirm',
  },
  de: {
    signIn: 'Anmelden',
    managers: 'Manager',
    status: 'Systemstatus',
    email: 'E-Mail',
    password: 'Passwort',
    confirm: 'Bestätigen',
  },
  es: {
    signIn: 'Iniciar sesión',
    managers: 'Managers',
    status: 'Estado del sistema',
    email: 'Correo electrónico',
    password: 'Contraseña',
    confirm: 'Confirmar',
  },
} as const

describe('manager console: access, the shell and the Managers screen', () => {
  let app: InProcessApp
  let browser: Browser
  const accounts: Record<string, { email: string; name: string }> = {}

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true })
    app = await startInProcessApp({
      PASSWORD_HASH_COST: 'fast',
      LOGIN_RATE_LIMIT: '1000',
      LOGIN_ACCOUNT_RATE_LIMIT: '1000',
      MANAGER_IDLE_MINUTES: '30',
    })
    const people: [string, ManagerRole, string][] = [
      ['admin', 'admin', 'Ada Admin'],
      ['manager', 'manager', 'Max Manager'],
      ['viewer', 'viewer', 'Vera Viewer'],
      ['totp', 'manager', 'Tom Totp'],
      ['colleague', 'manager', 'Carla Colleague'],
    ]
    for (const [key, role, name] of people) {
      const email = `${key}@console.example`
      await createManager(app.database.db, { email, name, password: PASSWORD, role }, 'fast')
      accounts[key] = { email, name }
    }
    browser = await launchBrowser()
  }, 90_000)

  afterAll(async () => {
    await browser?.close()
    await app?.stop()
  })

  async function open(lang: Lang): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext({ locale: lang, viewport: { width: 1280, height: 860 } })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('console', (message) => {
      // A signed-out console asks for the session and gets a 401 the browser logs as a failed load.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        errors.push(message.text())
    })
    return { context, page, errors }
  }

  async function shot(page: Page, lang: Lang, screen: string) {
    await page.screenshot({ path: join(ARTIFACTS, `${lang}-${screen}.png`), fullPage: true })
    expect(await seriousAccessibilityViolations(page), `${lang}-${screen}`).toEqual([])
  }

  async function signIn(page: Page, lang: Lang, who: string, path = '/manager/') {
    await page.goto(`${app.baseUrl}${path}`)
    await page.getByTestId('sign-in-form').waitFor()
    await page.getByLabel(TEXT[lang].email, { exact: true }).fill(accounts[who]!.email)
    await page.getByLabel(TEXT[lang].password, { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: TEXT[lang].signIn, exact: true }).click()
  }

  const codeNow = (secret: string) =>
    new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: app.clock.now().getTime() })

  it.each(LANGS)('an admin signs in and manages the accounts (%s)', async (lang) => {
    const { context, page, errors } = await open(lang)
    try {
      await page.goto(`${app.baseUrl}/manager/`)
      await page.getByTestId('sign-in-form').waitFor()
      expect(new URL(page.url()).pathname).toBe('/manager/sign-in')
      await shot(page, lang, 'sign-in')

      await page.getByLabel(TEXT[lang].email, { exact: true }).fill(accounts.admin!.email)
      await page.getByLabel(TEXT[lang].password, { exact: true }).fill('not the password')
      await page.getByRole('button', { name: TEXT[lang].signIn, exact: true }).click()
      await page.getByTestId('sign-in-error').waitFor()
      await shot(page, lang, 'sign-in-error')

      await page.getByLabel(TEXT[lang].password, { exact: true }).fill(PASSWORD)
      await page.getByRole('button', { name: TEXT[lang].signIn, exact: true }).click()
      await page.getByTestId('signed-in-as').waitFor()
      expect(await page.getByTestId('signed-in-as').textContent()).toContain('Ada Admin')
      // Signed in, the console opens on the dashboard; the system status is one click away.
      await page.getByTestId('dashboard-queues').waitFor()
      await page.getByTestId('console-nav').getByRole('link', { name: TEXT[lang].status, exact: true }).click()
      await page.getByTestId('health-details').waitFor()
      await shot(page, lang, 'status')

      const nav = page.getByTestId('console-nav')
      await nav.getByRole('link', { name: TEXT[lang].managers, exact: true }).click()
      await page.getByTestId('managers-table').waitFor()
      await shot(page, lang, 'managers')

      // Create an account with a generated password, shown once.
      await page.getByTestId('add-manager').click()
      await page.getByTestId('create-manager-form').waitFor()
      await page.locator('#new-name').fill(`Nora ${lang}`)
      await page.locator('#new-email').fill(`nora.${lang}@console.example`)
      await page.getByRole('radio').nth(2).check()
      await shot(page, lang, 'managers-create')
      await page.getByTestId('create-manager-submit').click()
      const generated = page.getByTestId('generated-password')
      await generated.waitFor()
      expect((await generated.textContent())!.trim().length).toBeGreaterThanOrEqual(20)
      await shot(page, lang, 'managers-password')
      await page.getByTestId('password-done').click()
      const row = page.getByTestId(`manager-row-nora.${lang}@console.example`)
      await row.waitFor()

      // Change the role, confirmed first.
      await row.getByTestId('role-select').selectOption('manager')
      await page.getByTestId('confirm-yes').waitFor()
      await shot(page, lang, 'managers-confirm')
      await page.getByTestId('confirm-yes').click()
      await page.getByTestId('managers-notice').waitFor()
      expect(await row.getByTestId('role-select').inputValue()).toBe('manager')

      // Deactivate (confirmed), then reactivate.
      await row.getByTestId('deactivate').click()
      await page.getByTestId('confirm-yes').click()
      await row.getByTestId('reactivate').waitFor()
      await row.getByTestId('reactivate').click()
      await row.getByTestId('deactivate').waitFor()

      // Reset the password: a new one, shown once.
      await row.getByTestId('reset-password').click()
      await page.getByTestId('confirm-yes').click()
      await page.getByTestId('generated-password').waitFor()
      await page.getByTestId('password-done').click()

      // Require two-factor sign-in for everyone, then make it optional again.
      await page.getByTestId('require-two-factor').click()
      await page.getByTestId('managers-notice').waitFor()
      await expect.poll(() => page.getByTestId('require-two-factor').getAttribute('aria-checked')).toBe('true')
      await page.getByTestId('require-two-factor').click()
      await expect.poll(() => page.getByTestId('require-two-factor').getAttribute('aria-checked')).toBe('false')

      await page.getByTestId('account-link').click()
      await page.getByTestId('two-factor-card').waitFor()
      await shot(page, lang, 'account')
      await page.getByTestId('start-two-factor').click()
      await page.getByTestId('two-factor-setup').waitFor()
      await shot(page, lang, 'account-two-factor')

      await page.getByTestId('sign-out').click()
      await page.getByTestId('sign-in-form').waitFor()
      expect(errors).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('a viewer sees every section they may read, no Managers, and cannot open it', async () => {
    const { context, page, errors } = await open('en')
    try {
      await signIn(page, 'en', 'viewer')
      await page.getByTestId('signed-in-as').waitFor()
      expect(await page.getByTestId('signed-in-as').textContent()).toContain('Viewer')
      const nav = page.getByTestId('console-nav')
      expect(await nav.getByRole('link', { name: 'Managers' }).count()).toBe(0)
      expect(await nav.getByRole('link', { name: 'System status' }).count()).toBe(1)
      await shot(page, 'en', 'viewer-status')
      await page.goto(`${app.baseUrl}/manager/managers`)
      // A screen the role may not open sends it home, to the dashboard.
      await page.getByTestId('dashboard-queues').waitFor()
      expect(new URL(page.url()).pathname).toBe('/manager/dashboard')
      expect(errors).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('a manager (not admin) has no Managers section', async () => {
    const { context, page } = await open('en')
    try {
      await signIn(page, 'en', 'manager')
      await page.getByTestId('signed-in-as').waitFor()
      expect(await page.getByTestId('console-nav').getByRole('link', { name: 'Managers' }).count()).toBe(0)
    } finally {
      await context.close()
    }
  })

  it.each(LANGS)('a manager turns on two-factor sign-in and signs in with a code (%s)', async (lang) => {
    const { context, page, errors } = await open(lang)
    try {
      await signIn(page, lang, 'totp', '/manager/account')
      await page.getByTestId('two-factor-card').waitFor()
      expect(new URL(page.url()).pathname).toBe('/manager/account')
      await page.getByTestId('start-two-factor').click()
      const secret = (await page.getByTestId('two-factor-secret').textContent())!.trim()
      // Each code is good once: the previous language's run used the code of this time step.
      app.clock.advance(30_000)
      await page.getByTestId('totp-code').fill(codeNow(secret))
      await page.getByTestId('totp-code').press('Enter')
      await page.getByTestId('disable-two-factor').waitFor()
      await page.getByTestId('sign-out').click()
      await page.getByTestId('sign-in-form').waitFor()

      app.clock.advance(30_000)
      await signIn(page, lang, 'totp')
      await page.getByTestId('code-form').waitFor()
      await page.getByTestId('totp-code').fill('000000')
      await page.getByTestId('totp-code').press('Enter')
      await page.getByTestId('sign-in-error').waitFor()
      await shot(page, lang, 'sign-in-code')
      await page.getByTestId('totp-code').fill(codeNow(secret))
      await page.getByTestId('totp-code').press('Enter')
      await page.getByTestId('signed-in-as').waitFor()

      // Turn it off again (with a fresh code), so the next language starts the same way.
      app.clock.advance(30_000)
      await page.getByTestId('account-link').click()
      await page.getByTestId('disable-two-factor').click()
      await page.getByTestId('totp-code').fill(codeNow(secret))
      await page.getByTestId('totp-code').press('Enter')
      await page.getByTestId('start-two-factor').waitFor()
      expect(errors).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('an expired session returns to sign-in and, once signed in, back to the same page', async () => {
    const { context, page } = await open('en')
    try {
      await signIn(page, 'en', 'colleague', '/manager/account')
      await page.getByTestId('two-factor-card').waitFor()
      app.clock.advance(31 * 60_000)
      await page.getByTestId('start-two-factor').click()
      await page.getByTestId('session-ended').waitFor()
      const url = new URL(page.url())
      expect(url.pathname).toBe('/manager/sign-in')
      expect(url.searchParams.get('redirect')).toBe('/account')
      await shot(page, 'en', 'sign-in-expired')
      await page.getByLabel('E-mail', { exact: true }).fill(accounts.colleague!.email)
      await page.getByLabel('Password', { exact: true }).fill(PASSWORD)
      await page.getByRole('button', { name: 'Sign in', exact: true }).click()
      await page.getByTestId('two-factor-card').waitFor()
      expect(new URL(page.url()).pathname).toBe('/manager/account')
    } finally {
      await context.close()
    }
  })
})

import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { eq } from 'drizzle-orm'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { requests, restrictedCountries } from '../../app-server/db/schema'
import { seriousAccessibilityViolations } from './support/axe'
import { launchBrowser } from './support/browser'
import { startInProcessApp, type InProcessApp } from './support/in-process-app'
import { REPO_ROOT } from './support/server'

const ARTIFACTS = join(REPO_ROOT, 'test', 'e2e', 'artifacts')
const DAY_MS = 86_400_000

describe('request form: a client sends a request and follows it', () => {
  let app: InProcessApp
  let browser: Browser

  beforeAll(async () => {
    if (!existsSync(join(REPO_ROOT, 'dist', 'client', 'request-form', 'index.html'))) {
      throw new Error('dist/client/request-form/index.html is missing: build the client first (npm run build)')
    }
    mkdirSync(ARTIFACTS, { recursive: true })
    // One submission per address and hour (the tests move the clock by days between them), so a second
    // submission within the same hour meets the rate limit.
    // The partner reserving in these tests is new: without early access off, its tier would see the request hours later.
    app = await startInProcessApp({
      REQUEST_RATE_LIMIT: '1',
      FEEDBACK_AFTER_DAYS: '7',
      RATING_EARLY_ACCESS_HOURS: '0,0,0,0',
    })
    await app.database.db.insert(restrictedCountries).values({ country: 'CU', reason: 'export control' })
    browser = await launchBrowser()
  }, 90_000)

  afterAll(async () => {
    await browser?.close()
    await app?.stop()
  })

  async function openPage(locale: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('console', (message) => {
      // Refused submissions are logged by the browser as failed loads; those are the point of some steps.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
        errors.push(message.text())
    })
    return { context, page, errors }
  }

  async function expectAccessible(page: Page) {
    expect(await seriousAccessibilityViolations(page)).toEqual([])
  }

  /** A text field by its exact accessible name (several labels share words such as "e-mail"). */
  const field = (page: Page, name: string) =>
    page.getByRole(name.startsWith('Search') || name === 'Land suchen' ? 'searchbox' : 'textbox', { name, exact: true })

  const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true })

  it('in English: fix an invalid e-mail, send, follow the status, see a partner reserve, rate, withdraw and erase', async () => {
    const { context, page, errors } = await openPage('en-US')
    try {
      await page.goto(`${app.baseUrl}/request-form/request`, { waitUntil: 'networkidle' })
      await page.getByRole('heading', { level: 1, name: 'Describe what you need' }).waitFor()
      await expectAccessible(page)
      await shot(page, 'form-en-empty')

      await field(page, 'Your name').fill('Jane Client')
      await page.getByRole('textbox', { name: 'Company (optional)' }).fill('Client Works Ltd')
      await field(page, 'E-mail').fill('jane.client@')
      await field(page, 'Search for your country').fill('germ')
      expect(await page.locator('#country').inputValue()).toBe('DE')
      await field(page, 'Phone').fill('030 12345678')
      await field(page, 'City').fill('Berlin')
      await page.getByRole('checkbox', { name: /^Training/ }).check()
      await page.getByRole('checkbox', { name: /^Cloud subscription/ }).check()
      await field(page, 'How many people will use Bitrix24?').fill('25')
      await field(page, 'Describe your project').fill('CRM and tasks for our sales team, with training.')
      await page.getByRole('checkbox', { name: /I agree that up to 5 certified Bitrix24 partners/ }).check()
      await page.getByRole('button', { name: 'Send request' }).click()

      await page.getByText('Please enter a valid e-mail address').waitFor()
      expect(await page.locator('#email').getAttribute('aria-invalid')).toBe('true')
      expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe('email')
      expect(await field(page, 'Your name').inputValue()).toBe('Jane Client')
      await expectAccessible(page)
      await shot(page, 'form-en-invalid-email')

      await field(page, 'E-mail').fill('jane.client@example.com')
      expect(await page.locator('#email').getAttribute('aria-invalid')).toBeNull()
      await page.getByRole('button', { name: 'Send request' }).click()

      await page.getByRole('heading', { level: 1, name: 'Thank you, your request was sent' }).waitFor()
      const link = (await page.getByTestId('status-link').textContent())!.trim()
      expect(link).toMatch(/\/request-form\/status\?lang=en#rst_[\w-]{43}$/)
      await expectAccessible(page)
      await shot(page, 'confirmation-en')

      await page.goto(link, { waitUntil: 'networkidle' })
      await page.getByRole('heading', { level: 1, name: 'Your implementation request' }).waitFor()
      await page.getByText('No partner has taken on your request yet').waitFor()
      expect(await page.getByTestId('request-state').textContent()).toContain('Open')
      await expectAccessible(page)

      const [stored] = await app.database.db
        .select()
        .from(requests)
        .where(eq(requests.contactEmail, 'jane.client@example.com'))
      const partner = await app.givenPartner({
        companyName: 'Berlin CRM Partners GmbH',
        registeredCountry: 'DE',
        website: 'https://berlin-crm.example',
        contactName: 'Paul Partner',
        contactEmail: 'hello@berlin-crm.example',
        contactPhone: '+49301234000',
      })
      const reserved = await fetch(`${app.baseUrl}/api/partner/requests/${stored!.id}/reservation`, {
        method: 'POST',
        headers: partner.headers,
      })
      expect(reserved.status).toBe(201)

      await page.getByRole('button', { name: 'Refresh' }).click()
      await page.getByRole('heading', { level: 3, name: 'Berlin CRM Partners GmbH' }).waitFor()
      await page.getByRole('link', { name: 'hello@berlin-crm.example' }).waitFor()
      await page.getByText('You can rate this partner from').waitFor()
      await expectAccessible(page)
      await shot(page, 'status-en-reserved')

      app.clock.advance(7 * DAY_MS)
      await page.getByRole('button', { name: 'Refresh' }).click()
      await page.getByRole('heading', { level: 4, name: 'Rate Berlin CRM Partners GmbH' }).waitFor()
      await page.getByRole('radio', { name: '5 of 5' }).first().check({ force: true })
      await page.getByRole('radio', { name: '4 of 5' }).nth(1).check({ force: true })
      await page.getByRole('button', { name: 'Save rating' }).click()
      await page.getByText('Thank you, your rating was saved.').waitFor()
      await page.getByText('Your rating: speed 5 of 5, quality 4 of 5.').waitFor()

      await page.getByRole('button', { name: 'Withdraw request' }).click()
      await page.getByRole('button', { name: 'Yes, withdraw it' }).click()
      await page.getByText('Your request was withdrawn.').waitFor()
      expect(await page.getByTestId('request-state').textContent()).toContain('Closed: you withdrew the request')

      await page.getByRole('button', { name: 'Erase my contact details' }).click()
      await page.getByRole('button', { name: 'Yes, erase them' }).click()
      await page.getByText('Your contact details were erased on').first().waitFor()
      await page.getByText('outside this app').waitFor()
      await expectAccessible(page)
      await shot(page, 'status-en-erased')

      const [erased] = await app.database.db.select().from(requests).where(eq(requests.id, stored!.id))
      expect(erased).toMatchObject({
        contactName: '',
        contactEmail: '',
        contactPhone: '',
        description: '',
        country: 'DE',
      })
      expect(errors).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('in German: every error in German, a server refusal next to its field, a sent request, then the rate limit', async () => {
    const { context, page, errors } = await openPage('de-DE')
    try {
      await page.goto(`${app.baseUrl}/request-form/request?lang=de`, { waitUntil: 'networkidle' })
      await page.getByRole('heading', { level: 1, name: 'Beschreiben Sie, was Sie brauchen' }).waitFor()
      expect(await page.locator('#country').inputValue()).toBe('DE')
      await page.getByRole('button', { name: 'Anfrage senden' }).click()
      await page.getByText('Bitte korrigieren Sie 8 Felder.').waitFor()
      await page.getByText('Bitte geben Sie Ihren Namen ein.').waitFor()
      await page.getByText('Bitte wählen Sie mindestens eine Art von Hilfe.').waitFor()
      expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe('name')
      await expectAccessible(page)
      await shot(page, 'form-de-errors')

      await field(page, 'Ihr Name').fill('Jonas Kunde')
      await field(page, 'E-Mail').fill('jonas.kunde@example.com')
      await field(page, 'Telefon').fill('12')
      await field(page, 'Stadt').fill('München')
      await page.getByRole('checkbox', { name: /^Schulung/ }).check()
      await field(page, 'Wie viele Personen werden Bitrix24 nutzen?').fill('12')
      await field(page, 'Beschreiben Sie Ihr Projekt').fill('Wir brauchen ein CRM für unser Team.')
      await page.getByRole('checkbox', { name: /Ich bin einverstanden/ }).check()
      await field(page, 'Telefon').blur()
      await page.getByText('Bitte geben Sie eine Mobil- oder Festnetznummer des gewählten Landes ein').waitFor()

      // Cuba is restricted: the list does not offer it, and a search for it says why.
      await field(page, 'Land suchen').fill('kuba')
      await page
        .getByText('Bitrix24-Partner dürfen keine Anfragen aus Kuba annehmen, deshalb steht es nicht in der Liste.')
        .waitFor()
      expect(await page.locator('#country option[value="CU"]').count()).toBe(0)
      expect(await page.locator('#country').inputValue()).toBe('DE')
      expect(await field(page, 'Ihr Name').inputValue()).toBe('Jonas Kunde')

      await field(page, 'Land suchen').fill('deutschland')
      await field(page, 'Telefon').fill('089 12345678')
      await page.getByRole('button', { name: 'Anfrage senden' }).click()
      await page.getByRole('heading', { level: 1, name: 'Vielen Dank, Ihre Anfrage wurde gesendet' }).waitFor()
      await expectAccessible(page)
      await shot(page, 'confirmation-de')
      const link = (await page.getByTestId('status-link').textContent())!.trim()
      // The link keeps the language the form was filled in, whatever the browser that opens it prefers.
      expect(link).toMatch(/\/request-form\/status\?lang=de#rst_[\w-]{43}$/)
      await page.goto(link, { waitUntil: 'networkidle' })
      await page.getByRole('heading', { level: 1, name: 'Ihre Implementierungsanfrage' }).waitFor()
      await page.getByText('Noch hat kein Partner Ihre Anfrage übernommen.').waitFor()
      await expectAccessible(page)
      await shot(page, 'status-de')
      // Switching the language keeps the private token in the address, so the link can still be bookmarked.
      await page.getByRole('link', { name: 'English' }).click()
      await page.getByRole('heading', { level: 1, name: 'Your implementation request' }).waitFor()
      expect(page.url()).toMatch(/\/request-form\/status\?lang=en#rst_[\w-]{43}$/)

      // A second submission from this address within the hour meets the limit; the entries stay.
      await page.goto(`${app.baseUrl}/request-form/request?lang=de`, { waitUntil: 'networkidle' })
      await field(page, 'Ihr Name').fill('Jonas Kunde')
      await field(page, 'E-Mail').fill('jonas.zwei@example.com')
      await field(page, 'Telefon').fill('089 12345679')
      await field(page, 'Stadt').fill('München')
      await page.getByRole('checkbox', { name: /^Telefonie/ }).check()
      await field(page, 'Wie viele Personen werden Bitrix24 nutzen?').fill('3')
      await field(page, 'Beschreiben Sie Ihr Projekt').fill('Telefonie für drei Personen anbinden.')
      await page.getByRole('checkbox', { name: /Ich bin einverstanden/ }).check()
      await page.getByRole('button', { name: 'Anfrage senden' }).click()
      await page.getByText(/Bitte versuchen Sie es in \d+ Minuten erneut/).waitFor()
      expect(await field(page, 'E-Mail').inputValue()).toBe('jonas.zwei@example.com')
      await shot(page, 'form-de-rate-limited')
      expect(errors).toEqual([])
    } finally {
      await context.close()
    }
  })

  it('embedded on another site: the form alone, in the language and with the country the snippet chose', async () => {
    const { context, page, errors } = await openPage('en-US')
    try {
      await page.goto(`${app.baseUrl}/request-form/request?embed=1&country=AT&lang=es`, { waitUntil: 'networkidle' })
      await page.getByRole('heading', { level: 1, name: 'Describa lo que necesita' }).waitFor()
      expect(await page.locator('#country').inputValue()).toBe('AT')
      expect(await page.locator('#country option:checked').textContent()).toBe('Austria')
      expect(await page.locator('header').count()).toBe(0)
      await shot(page, 'form-es-embedded')
      // Each language other than English loads when first chosen; the entries stay.
      await field(page, 'Su nombre').fill('Ana Cliente')
      await page.getByRole('link', { name: 'Deutsch' }).click()
      await page.getByRole('heading', { level: 1, name: 'Beschreiben Sie, was Sie brauchen' }).waitFor()
      expect(await field(page, 'Ihr Name').inputValue()).toBe('Ana Cliente')
      expect(errors).toEqual([])
    } finally {
      await context.close()
    }
  })

  it("embedded with the README's snippet on another origin: sized to its content, sent in German, status in a new tab", async () => {
    // The snippet exactly as documented, with HOST pointing at this app, served by a site on another origin.
    const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8')
    const embedding = readme.slice(readme.indexOf('**Embedding.**'))
    const frame = /```html\n(<iframe[^\n]+)\n```/.exec(embedding)?.[1]
    const resize = /`(<script>addEventListener\('message'[^`]+<\/script>)`/.exec(embedding)?.[1]
    expect(frame).toContain('country=DE&lang=de')
    expect(resize).toBeDefined()
    const html = `<!doctype html><html lang="en"><title>Partner site</title><h1>Our partner site</h1>${frame!.replace('https://HOST', app.baseUrl)}${resize!}`
    const site: Server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(html))
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve))
    const { context, page, errors } = await openPage('en-US')
    try {
      // One submission per address and hour: the earlier tests used this hour's.
      app.clock.advance(2 * 3_600_000)
      await page.goto(`http://localhost:${(site.address() as AddressInfo).port}/`, { waitUntil: 'networkidle' })
      const form = page.frameLocator('iframe')
      await form.getByRole('heading', { level: 1, name: 'Beschreiben Sie, was Sie brauchen' }).waitFor()
      expect(await form.locator('#country').inputValue()).toBe('DE')
      // The form reported its height and the snippet's script sized the frame to it.
      await expect.poll(() => page.locator('iframe').evaluate((node) => node.style.height)).not.toBe('1900px')

      await form.getByRole('textbox', { name: 'Ihr Name', exact: true }).fill('Eva Einbettung')
      await form.getByRole('textbox', { name: 'E-Mail', exact: true }).fill('eva.einbettung@example.com')
      await form.getByRole('textbox', { name: 'Telefon', exact: true }).fill('040 12345678')
      await form.getByRole('textbox', { name: 'Stadt', exact: true }).fill('Hamburg')
      await form.getByRole('checkbox', { name: /^Schulung/ }).check()
      await form.getByRole('textbox', { name: 'Wie viele Personen werden Bitrix24 nutzen?' }).fill('8')
      await form.getByRole('textbox', { name: 'Beschreiben Sie Ihr Projekt' }).fill('Schulung für unser Team.')
      await form.getByRole('checkbox', { name: /Ich bin einverstanden/ }).check()
      await form.getByRole('button', { name: 'Anfrage senden' }).click()
      await form.getByRole('heading', { level: 1, name: 'Vielen Dank, Ihre Anfrage wurde gesendet' }).waitFor()
      await shot(page, 'form-de-embedded-sent')

      const [statusTab] = await Promise.all([
        context.waitForEvent('page'),
        form.getByRole('link', { name: 'Statusseite öffnen' }).click(),
      ])
      await statusTab.getByRole('heading', { level: 1, name: 'Ihre Implementierungsanfrage' }).waitFor()
      expect(new URL(statusTab.url()).origin).toBe(app.baseUrl)
      expect(errors).toEqual([])
    } finally {
      await context.close()
      await new Promise((resolve) => site.close(resolve))
    }
  })
})

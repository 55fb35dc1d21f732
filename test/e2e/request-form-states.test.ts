import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { restrictedCountries } from '../../app-server/db/schema'
import { launchBrowser } from './support/browser'
import { startInProcessApp, type InProcessApp } from './support/in-process-app'
import { REPO_ROOT } from './support/server'

const ARTIFACTS = join(REPO_ROOT, 'test', 'e2e', 'artifacts', 'request-form')
const LANGUAGES = ['en', 'de', 'es'] as const
type Language = (typeof LANGUAGES)[number]
/** A city of its own for each language's request, to find it in the partner's feed. */
const CITY: Record<Language, string> = { en: 'Bonn', de: 'Köln', es: 'Düsseldorf' }

/** What each screen says, in each language, where the sweep waits for it. */
const TEXT: Record<
  Language,
  {
    title: string
    send: string
    sent: string
    statusTitle: string
    withdraw: [string, string]
    erase: [string, string]
    refresh: string
    consent: RegExp
    training: RegExp
    invalidLink: string
  }
> = {
  en: {
    title: 'Describe what you need',
    send: 'Send request',
    sent: 'Thank you, your request was sent',
    statusTitle: 'Your implementation request',
    withdraw: ['Withdraw request', 'Yes, withdraw it'],
    erase: ['Erase my contact details', 'Yes, erase them'],
    refresh: 'Refresh',
    consent: /I agree that up to 5/,
    training: /^Training/,
    invalidLink: 'This status link is not valid.',
  },
  de: {
    title: 'Beschreiben Sie, was Sie brauchen',
    send: 'Anfrage senden',
    sent: 'Vielen Dank, Ihre Anfrage wurde gesendet',
    statusTitle: 'Ihre Implementierungsanfrage',
    withdraw: ['Anfrage zurückziehen', 'Ja, zurückziehen'],
    erase: ['Meine Kontaktdaten löschen', 'Ja, löschen'],
    refresh: 'Aktualisieren',
    consent: /Ich bin einverstanden/,
    training: /^Schulung/,
    invalidLink: 'Dieser Statuslink ist ungültig.',
  },
  es: {
    title: 'Describa lo que necesita',
    send: 'Enviar solicitud',
    sent: 'Gracias, su solicitud se ha enviado',
    statusTitle: 'Su solicitud de implementación',
    withdraw: ['Retirar solicitud', 'Sí, retirarla'],
    erase: ['Borrar mis datos de contacto', 'Sí, borrarlos'],
    refresh: 'Actualizar',
    consent: /Acepto que hasta 5/,
    training: /^Formación/,
    invalidLink: 'Este enlace de estado no es válido.',
  },
}

describe('request form and status page: every state true, nothing lost, every screen in three languages', () => {
  let app: InProcessApp
  let browser: Browser

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true })
    // The partners reserving in the sweep are new: with early access off they see a request at once.
    app = await startInProcessApp({ REQUEST_RATE_LIMIT: '50', RATING_EARLY_ACCESS_HOURS: '0,0,0,0' })
    await app.database.db.insert(restrictedCountries).values({ country: 'CU', reason: 'export control' })
    browser = await launchBrowser()
  }, 90_000)

  afterAll(async () => {
    await browser?.close()
    await app?.stop()
  })

  async function openPage(locale = 'en-US', viewport = { width: 1280, height: 900 }) {
    const context = await browser.newContext({ locale, viewport })
    const page = await context.newPage()
    const errors: string[] = []
    const notFound: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('response', (response) => {
      if (response.status() === 404) notFound.push(response.url())
    })
    return { context, page, errors, notFound }
  }

  async function withPage(
    run: (page: Page, seen: { errors: string[]; notFound: string[] }) => Promise<void>,
    locale?: string,
  ) {
    const { context, page, errors, notFound } = await openPage(locale)
    try {
      await run(page, { errors, notFound })
    } finally {
      await (context as BrowserContext).close()
    }
  }

  /** Waits for the shared schema and the restricted countries, which arrive right after the form shows. */
  async function formReady(page: Page) {
    await page.waitForLoadState('networkidle')
  }

  async function submitByApi(body: { email: string; country: string; phone: string }) {
    const response = await fetch(`${app.baseUrl}/api/public/requests`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Forwarded-For': `198.51.100.${Math.floor(Math.random() * 200)}`,
      },
      body: JSON.stringify({
        contact: { name: 'Lea Test', email: body.email, phone: body.phone },
        country: body.country,
        city: 'Aachen',
        types: ['training'],
        description: 'Training for a team of twelve.',
        usersCount: 12,
        preferredLanguage: 'de',
        consentToShareContacts: true,
      }),
    })
    return { status: response.status, body: (await response.json()) as { statusToken?: string; code?: string } }
  }

  it('refuses 12345 for Germany and for the US, in the browser and on the server, and accepts a German mobile', async () => {
    await withPage(async (page, { errors }) => {
      await page.goto(`${app.baseUrl}/request-form/request?lang=en&country=US`)
      await formReady(page)
      const phone = page.locator('#phone')
      await phone.fill('12345')
      await phone.blur()
      await page.getByText('Please enter a mobile or landline number of the chosen country').waitFor()
      expect(await phone.getAttribute('aria-invalid')).toBe('true')
      // Switching the country judges the number again: still not a German number.
      await page.locator('#country').selectOption('DE')
      expect(await phone.getAttribute('aria-invalid')).toBe('true')
      await page.getByText('Please enter a mobile or landline number of the chosen country').waitFor()
      await phone.fill('0151 23456789')
      expect(await phone.getAttribute('aria-invalid')).toBeNull()
      expect(errors).toEqual([])
    })
    // The server applies the same rule, so a form that skipped the check cannot get `+4912345` to partners.
    for (const country of ['DE', 'US']) {
      const refused = await submitByApi({ email: `short.${country}@example.com`, country, phone: '12345' })
      expect(refused.status, country).toBe(400)
      expect(refused.body.code).toBe('validation_failed')
    }
    const accepted = await submitByApi({ email: 'mobile.de@example.com', country: 'DE', phone: '0151 23456789' })
    expect(accepted.status).toBe(201)
  })

  it('takes the click on the consent box at the first try, right after an error appears on leaving a field', async () => {
    await withPage(async (page, { errors }) => {
      await page.goto(`${app.baseUrl}/request-form/request?lang=en&country=DE`)
      await formReady(page)
      await page.locator('#description').fill('Short')
      const box = page.locator('#consent')
      await box.scrollIntoViewIfNeeded()
      const before = await box.boundingBox()
      // One click: it leaves the description (whose error now shows) and must land on the consent box.
      await box.click()
      await page.getByText('Please write at least 10 characters.').waitFor()
      expect(await box.isChecked()).toBe(true)
      expect(await box.boundingBox()).toEqual(before)
      expect(errors).toEqual([])
    })
  })

  it('does not offer a restricted country, and says why when a link preselects it', async () => {
    await withPage(async (page, { errors }) => {
      await page.goto(`${app.baseUrl}/request-form/request?lang=en&country=CU`)
      await formReady(page)
      await page.getByText('Bitrix24 partners cannot accept requests from Cuba, so it is not in the list.').waitFor()
      expect(await page.locator('#country').inputValue()).toBe('')
      expect(await page.locator('#country option[value="CU"]').count()).toBe(0)
      expect(await page.locator('#country option[value="DE"]').count()).toBe(1)
      expect(errors).toEqual([])
    })
  })

  it('shows a withdrawn request as closed, without any text that says partners can still take it', async () => {
    const sent = await submitByApi({ email: 'withdrawn@example.com', country: 'DE', phone: '030 12345678' })
    await withPage(async (page, { errors }) => {
      await page.goto(`${app.baseUrl}/request-form/status?lang=en#${sent.body.statusToken}`)
      await page.getByText('Certified partners in Germany can take it on').waitFor()
      await page.getByRole('button', { name: 'Withdraw request' }).click()
      await page.getByRole('button', { name: 'Yes, withdraw it' }).click()
      await page.getByText('Your request was withdrawn.').waitFor()
      expect(await page.getByTestId('request-state').textContent()).toContain('Closed: you withdrew the request')
      const text = await page.locator('main').innerText()
      expect(text).toContain('No partner took on your request, and it is closed')
      expect(text).not.toContain('Certified partners in Germany')
      expect(text).not.toContain('Open:')
      expect(await page.getByRole('button', { name: 'Withdraw request' }).count()).toBe(0)
      expect(errors).toEqual([])
    })
  })

  it('calls a wrong link invalid, and a missing one missing', async () => {
    await withPage(async (page) => {
      await page.goto(`${app.baseUrl}/request-form/status?lang=en#rst_${'x'.repeat(43)}`)
      await page.getByText('This status link is not valid.').waitFor()
      expect(await page.locator('main').innerText()).not.toContain('needs your private status link')
      // Cut short when copied: not a token at all, still an invalid link rather than a missing one.
      // Pasted into the same tab: only the fragment changes, and the page follows the new link.
      await page.goto(`${app.baseUrl}/request-form/status?lang=en#rst_abc`)
      await page.getByText('This status link is not valid.').waitFor()
      expect(await page.locator('main').innerText()).not.toContain('needs your private status link')
      await page.goto(`${app.baseUrl}/request-form/status?lang=en`)
      await page.getByText('This page needs your private status link.').waitFor()
      await page.getByRole('link', { name: 'Send a new request' }).waitFor()
    })
  })

  it('loads an icon on every page, and no page meets a 404', async () => {
    await withPage(async (page, { notFound }) => {
      for (const path of ['/request-form/', '/request-form/request', '/partner/', '/manager/', '/api/docs']) {
        await page.goto(`${app.baseUrl}${path}`, { waitUntil: 'networkidle' })
        const icon = await page.locator('link[rel="icon"]').getAttribute('href')
        expect(icon, path).toBeTruthy()
        const served = await fetch(new URL(icon!, `${app.baseUrl}${path}`))
        expect(served.status, path).toBe(200)
        expect(served.headers.get('content-type'), path).toContain('image/svg+xml')
      }
      expect(notFound).toEqual([])
    })
    // Browsers ask for /favicon.ico on their own, for instance on a JSON answer opened in a tab.
    expect((await fetch(`${app.baseUrl}/favicon.ico`)).status).toBe(200)
  })

  it('shows the API reference without a warning, and with a realistic sign-in example', async () => {
    await withPage(async (page, { errors }) => {
      await page.goto(`${app.baseUrl}/api/docs`, { waitUntil: 'networkidle' })
      await page.locator('.information-container .title').waitFor()
      expect(await page.locator('.errors-wrapper').count()).toBe(0)
      expect(await page.locator('#swagger-ui').innerText()).not.toContain('Warning')
      await page.locator('#operations-Managers-signInManager').click()
      await page.getByText('ann.smith@partners.example.com').first().waitFor()
      await page.screenshot({ path: join(ARTIFACTS, 'api-docs-sign-in.png'), fullPage: false })
      expect(errors).toEqual([])
    })
  })

  describe.each(LANGUAGES)('screens in %s', (language) => {
    const text = TEXT[language]
    const shot = (page: Page, screen: string) =>
      page.screenshot({ path: join(ARTIFACTS, `${language}-${screen}.png`), fullPage: true })

    it('every screen and state of the form and the status page', async () => {
      await withPage(
        async (page, { errors, notFound }) => {
          await page.goto(`${app.baseUrl}/request-form/request?lang=${language}&country=DE`)
          await page.getByRole('heading', { level: 1, name: text.title }).waitFor()
          await formReady(page)
          await shot(page, 'form-empty')

          await page.getByRole('button', { name: text.send }).click()
          await page.locator('[role="alert"]').first().waitFor()
          await shot(page, 'form-errors')

          await page.locator('#name').fill('Lena Beispiel')
          await page.locator('#company').fill('Beispiel Logistik GmbH')
          await page.locator('#email').fill(`lena.${language}@example.com`)
          await page.locator('#phone').fill('0151 23456789')
          await page.locator('#city').fill(CITY[language])
          await page.getByRole('checkbox', { name: text.training }).check()
          await page.locator('#usersCount').fill('12')
          await page
            .locator('#description')
            .fill('Wir brauchen ein CRM für zwölf Personen im Vertrieb, mit Telefonie und einer Schulung.')
          await page.getByRole('checkbox', { name: text.consent }).check()
          await shot(page, 'form-filled')

          await page.getByRole('button', { name: text.send }).click()
          await page.getByRole('heading', { level: 1, name: text.sent }).waitFor()
          await shot(page, 'confirmation')
          const link = (await page.getByTestId('status-link').textContent())!.trim()

          await page.goto(link)
          await page.getByRole('heading', { level: 1, name: text.statusTitle }).waitFor()
          await page.getByTestId('partners-empty').waitFor()
          await shot(page, 'status-open')

          const partner = await app.givenPartner({
            companyName: `Rheinland CRM ${language.toUpperCase()} GmbH`,
            registeredCountry: 'DE',
            website: 'https://rheinland-crm.example',
            contactName: 'Paul Partner',
            contactEmail: `hello.${language}@rheinland-crm.example`,
            contactPhone: '+49 221 1234000',
          })
          const feed = (await (
            await fetch(`${app.baseUrl}/api/partner/requests`, { headers: partner.headers })
          ).json()) as { items: { id: string; city: string }[] }
          const target = feed.items.find((item) => item.city === CITY[language])
          expect(target).toBeDefined()
          const reserved = await fetch(`${app.baseUrl}/api/partner/requests/${target!.id}/reservation`, {
            method: 'POST',
            headers: partner.headers,
          })
          expect(reserved.status).toBe(201)
          await page.getByRole('button', { name: text.refresh }).click()
          await page.getByRole('heading', { level: 3, name: `Rheinland CRM ${language.toUpperCase()} GmbH` }).waitFor()
          await shot(page, 'status-reserved')

          await page.getByRole('button', { name: text.withdraw[0] }).click()
          await page.getByRole('button', { name: text.withdraw[1] }).click()
          await page.getByRole('button', { name: text.withdraw[0] }).waitFor({ state: 'detached' })
          await shot(page, 'status-withdrawn')

          await page.getByRole('button', { name: text.erase[0] }).click()
          await page.getByRole('button', { name: text.erase[1] }).click()
          await page.getByRole('button', { name: text.erase[0] }).waitFor({ state: 'detached' })
          await shot(page, 'status-erased')

          await page.goto(`${app.baseUrl}/request-form/status?lang=${language}#rst_${'y'.repeat(43)}`)
          await page.getByText(text.invalidLink).waitFor()
          await shot(page, 'status-invalid-link')
          expect(errors).toEqual([])
          expect(notFound.filter((url) => !url.includes('/api/'))).toEqual([])
        },
        `${language}-${language === 'en' ? 'US' : language.toUpperCase()}`,
      )
    })
  })
})

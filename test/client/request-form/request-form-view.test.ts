import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { de } from '../../../app-client/request-form/i18n/de'
import { en } from '../../../app-client/request-form/i18n/en'
import { es } from '../../../app-client/request-form/i18n/es'
import RequestFormView from '../../../app-client/request-form/views/RequestFormView.vue'
import { mountWithApp } from '../support/mount-with-app'

const routes = [
  { path: '/', name: 'form', component: RequestFormView },
  { path: '/sent', name: 'sent', component: { render: () => null } },
]

function problem(status: number, body: object, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify({ type: 'about:blank', title: 'x', status, ...body }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  })
}

/** The API as the form meets it: the restricted countries at load, then `submit` for the submission. */
function stubApi(submit: (init: RequestInit) => Response | Promise<Response> = () => problem(500, {})) {
  const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    if (url.endsWith('/api/public/restricted-countries')) {
      return new Response(JSON.stringify({ countries: ['CU', 'KP'] }), {
        headers: { 'Content-Type': 'application/json' },
      })
    }
    return submit(init)
  })
  vi.stubGlobal('fetch', fetch)
  const submissions = () => fetch.mock.calls.filter(([url]) => url.endsWith('/api/public/requests'))
  return { fetch, submissions }
}

async function mountForm(locale: 'en' | 'de' = 'en') {
  const mounted = await mountWithApp(
    RequestFormView,
    { messages: { en, de, es }, locale, routes },
    { attachTo: document.body },
  )
  // The shared schema loads right after the form shows.
  await vi.dynamicImportSettled()
  await flushPromises()
  return mounted
}

async function fillValid(wrapper: Awaited<ReturnType<typeof mountForm>>['wrapper']) {
  await wrapper.get('#name').setValue('Ana Client')
  await wrapper.get('#email').setValue('ana@example.com')
  await wrapper.get('#country').setValue('DE')
  await wrapper.get('#phone').setValue('030 12345678')
  await wrapper.get('#city').setValue('Berlin')
  await wrapper.get('input[value="training"]').setValue(true)
  await wrapper.get('#usersCount').setValue('12')
  await wrapper.get('#description').setValue('A CRM for our sales team.')
  await wrapper.get('#consent').setValue(true)
}

describe('request form', () => {
  beforeEach(() => sessionStorage.clear())
  afterEach(() => {
    document.body.replaceChildren()
    vi.unstubAllGlobals()
    window.history.replaceState(null, '', '/')
  })

  it('When a field is left, then the shared schema judges it and the message is in the UI language', async () => {
    stubApi()
    const { wrapper } = await mountForm('de')
    await wrapper.get('#country').setValue('DE')
    await wrapper.get('#phone').setValue('12')
    await wrapper.get('#phone').trigger('blur')

    expect(wrapper.get('#phone').attributes('aria-invalid')).toBe('true')
    expect(wrapper.get('#phone').attributes('aria-describedby')).toContain('phone-error')
    expect(wrapper.get('#phone-error').text()).toBe(
      'Bitte geben Sie eine Mobil- oder Festnetznummer des gewählten Landes ein oder eine internationale Nummer, die mit + beginnt.',
    )
    // Untouched fields stay quiet until the client tries to send; their error line is there, empty.
    expect(wrapper.get('#name-error').text()).toBe('')
    expect(wrapper.get('#name').attributes('aria-describedby')).not.toContain('name-error')
    // The first test pays for the first import of the schema and the phone metadata.
  }, 15_000)

  it('When the country changes, then the phone is judged again for the new country', async () => {
    stubApi()
    const { wrapper } = await mountForm()
    await wrapper.get('#country').setValue('US')
    await wrapper.get('#phone').setValue('12345')
    await wrapper.get('#phone').trigger('blur')
    expect(wrapper.get('#phone').attributes('aria-invalid')).toBe('true')
    await wrapper.get('#country').setValue('DE')
    expect(wrapper.get('#phone').attributes('aria-invalid')).toBe('true')
    await wrapper.get('#phone').setValue('0151 23456789')
    expect(wrapper.get('#phone').attributes('aria-invalid')).toBeUndefined()
    await wrapper.get('#country').setValue('US')
    expect(wrapper.get('#phone').attributes('aria-invalid')).toBe('true')
  })

  it('When text is typed into a limited field, then a counter with the schema limit describes it', async () => {
    stubApi()
    const { wrapper } = await mountForm('de')
    await wrapper.get('#description').setValue('  Ein CRM  ')
    expect(wrapper.get('#description-count [aria-hidden="true"]').text()).toBe('7 / 5.000')
    expect(wrapper.get('#description-count .sr-only').text()).toBe('7 von 5.000 Zeichen')
    expect(wrapper.get('#description').attributes('aria-describedby')).toContain('description-count')
    expect(wrapper.get('#name-count .sr-only').text()).toBe('0 von 200 Zeichen')
    // Screen readers hear the count only near the limit.
    const live = () => wrapper.get('#description-error').element.nextElementSibling!
    expect(live().getAttribute('aria-live')).toBe('polite')
    expect(live().textContent).toBe('')
    await wrapper.get('#description').setValue('x'.repeat(4_990))
    expect(live().textContent).toBe('Noch 10 Zeichen übrig.')
    await wrapper.get('#description').setValue('x'.repeat(5_002))
    expect(live().textContent).toBe('2 Zeichen zu viel.')
    await wrapper.get('#description').trigger('blur')
    expect(wrapper.get('#description-error').text()).toBe('Bitte verwenden Sie höchstens 5.000 Zeichen.')
  })

  it('When countries are restricted, then the list does not offer them and a search for one says why', async () => {
    stubApi()
    const { wrapper } = await mountForm()
    const offered = wrapper.findAll('#country option').map((option) => option.attributes('value'))
    expect(offered).toContain('DE')
    expect(offered).not.toContain('CU')
    expect(offered).not.toContain('KP')
    await wrapper.get('#country-search').setValue('cuba')
    expect(wrapper.get('#country-search-hint').text()).toBe(
      'Bitrix24 partners cannot accept requests from Cuba, so it is not in the list.',
    )
  })

  it('When a restricted country comes preselected from the link, then it is not chosen and the form says why', async () => {
    stubApi()
    window.history.replaceState(null, '', '/?country=CU')
    const { wrapper } = await mountForm()
    expect((wrapper.get('#country').element as HTMLSelectElement).value).toBe('')
    expect(wrapper.get('#country-hint').text()).toBe(
      'Bitrix24 partners cannot accept requests from Cuba, so it is not in the list.',
    )
    await wrapper.get('#country').setValue('ES')
    expect(wrapper.find('#country-hint').exists()).toBe(false)
  })

  it('When sending with errors, then nothing is sent, the errors are counted and the first invalid field has the focus', async () => {
    const { submissions } = stubApi()
    const { wrapper } = await mountForm()
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    expect(submissions()).toHaveLength(0)
    expect(wrapper.get('[role="alert"]').text()).toMatch(/Please correct \d+ fields\./)
    expect(document.activeElement?.id).toBe('name')
    expect(wrapper.get('#name-error').text()).toBe('Please enter your name.')
    expect(wrapper.get('#email-error').text()).toBe('Please enter your e-mail address.')
    expect(wrapper.get('#consent-error').text()).toBe('Please agree, so that partners can contact you.')
  })

  it('When the server refuses a field, then its error shows at the field and the input stays', async () => {
    stubApi(() =>
      problem(400, {
        code: 'validation_failed',
        errors: [{ path: 'contact.email', code: 'invalid_format', message: 'must be a valid e-mail address' }],
      }),
    )
    const { wrapper } = await mountForm()
    await fillValid(wrapper)
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    expect(wrapper.get('#email-error').text()).toBe('Please enter a valid e-mail address, like name@company.com.')
    expect((wrapper.get('#name').element as HTMLInputElement).value).toBe('Ana Client')
    await wrapper.get('#email').setValue('ana@example.org')
    expect(wrapper.get('#email-error').text()).toBe('')
  })

  it('When the submission limit is reached, then the wait is given in minutes and the input stays', async () => {
    stubApi(() => problem(429, { code: 'rate_limited' }, { 'Retry-After': '1500' }))
    const { wrapper } = await mountForm()
    await fillValid(wrapper)
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    expect(wrapper.text()).toContain('Please try again in 25 minutes')
    expect((wrapper.get('#description').element as HTMLTextAreaElement).value).toBe('A CRM for our sales team.')
  })

  it('When the request is accepted, then the body is what the API defines and the confirmation follows', async () => {
    const { submissions } = stubApi(
      () =>
        new Response(
          JSON.stringify({
            id: '6f1c1f5e-6a0b-4c57-9f38-3d1f3c7a1a11',
            status: 'open',
            statusToken: `rst_${'a'.repeat(43)}`,
          }),
          { status: 201, headers: { 'Content-Type': 'application/json' } },
        ),
    )
    const { wrapper, router } = await mountForm()
    await fillValid(wrapper)
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    const init = submissions()[0]![1]
    expect(JSON.parse(init!.body as string)).toEqual({
      contact: { name: 'Ana Client', email: 'ana@example.com', phone: '030 12345678' },
      country: 'DE',
      city: 'Berlin',
      types: ['training'],
      description: 'A CRM for our sales team.',
      usersCount: 12,
      preferredLanguage: 'en',
      consentToShareContacts: true,
    })
    expect(router.currentRoute.value.name).toBe('sent')
  })

  it.each(['en', 'de', 'es'] as const)(
    'When the %s messages are compiled, then every one of them renders',
    async (locale) => {
      stubApi()
      const { i18n } = await mountForm(locale === 'es' ? 'en' : locale)
      i18n.global.locale.value = locale
      const keys: string[] = []
      const walk = (node: object, prefix: string) => {
        for (const [key, value] of Object.entries(node)) {
          if (typeof value === 'object' && value !== null) walk(value, `${prefix}${key}.`)
          else keys.push(`${prefix}${key}`)
        }
      }
      walk({ en, de, es }[locale], '')
      for (const key of keys)
        expect(() => i18n.global.t(key, { count: 2, max: 5, min: 10, used: 3 }), key).not.toThrow()
    },
  )
})

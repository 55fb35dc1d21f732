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
  afterEach(() => document.body.replaceChildren())

  it('When a field is left, then the shared schema judges it and the message is in the UI language', async () => {
    const { wrapper } = await mountForm('de')
    await wrapper.get('#country').setValue('DE')
    await wrapper.get('#phone').setValue('12')
    await wrapper.get('#phone').trigger('blur')

    expect(wrapper.get('#phone').attributes('aria-invalid')).toBe('true')
    expect(wrapper.get('#phone').attributes('aria-describedby')).toContain('phone-error')
    expect(wrapper.get('#phone-error').text()).toBe('Das ist keine gültige Telefonnummer für das gewählte Land.')
    // Untouched fields stay quiet until the client tries to send.
    expect(wrapper.find('#name-error').exists()).toBe(false)
  })

  it('When sending with errors, then nothing is sent, the errors are counted and the first invalid field has the focus', async () => {
    const fetch = vi.fn()
    vi.stubGlobal('fetch', fetch)
    const { wrapper } = await mountForm()
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    expect(fetch).not.toHaveBeenCalled()
    expect(wrapper.get('[role="alert"]').text()).toMatch(/Please correct \d+ fields\./)
    expect(document.activeElement?.id).toBe('name')
    expect(wrapper.get('#name-error').text()).toBe('Please enter your name.')
    expect(wrapper.get('#email-error').text()).toBe('Please enter your e-mail address.')
    expect(wrapper.get('#consent-error').text()).toBe('Please agree, so that partners can contact you.')
  })

  it('When the server refuses a field, then its error shows at the field and the input stays', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () =>
        problem(400, {
          code: 'validation_failed',
          errors: [{ path: 'contact.email', code: 'invalid_format', message: 'must be a valid e-mail address' }],
        }),
      ),
    )
    const { wrapper } = await mountForm()
    await fillValid(wrapper)
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    expect(wrapper.get('#email-error').text()).toBe('Please enter a valid e-mail address, like name@company.com.')
    expect((wrapper.get('#name').element as HTMLInputElement).value).toBe('Ana Client')
    await wrapper.get('#email').setValue('ana@example.org')
    expect(wrapper.find('#email-error').exists()).toBe(false)
  })

  it('When the submission limit is reached, then the wait is given in minutes and the input stays', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => problem(429, { code: 'rate_limited' }, { 'Retry-After': '1500' })),
    )
    const { wrapper } = await mountForm()
    await fillValid(wrapper)
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    expect(wrapper.text()).toContain('Please try again in 25 minutes')
    expect((wrapper.get('#description').element as HTMLTextAreaElement).value).toBe('A CRM for our sales team.')
  })

  it('When the request is accepted, then the body is what the API defines and the confirmation follows', async () => {
    const fetch = vi.fn(
      async (_url: string, _init: RequestInit) =>
        new Response(
          JSON.stringify({
            id: '6f1c1f5e-6a0b-4c57-9f38-3d1f3c7a1a11',
            status: 'open',
            statusToken: `rst_${'a'.repeat(43)}`,
          }),
          { status: 201, headers: { 'Content-Type': 'application/json' } },
        ),
    )
    vi.stubGlobal('fetch', fetch)
    const { wrapper, router } = await mountForm()
    await fillValid(wrapper)
    await wrapper.get('form').trigger('submit')
    await flushPromises()

    const init = fetch.mock.calls[0]![1]
    expect(JSON.parse(init.body as string)).toEqual({
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
      for (const key of keys) expect(() => i18n.global.t(key, { count: 2, max: 5 }), key).not.toThrow()
    },
  )
})

import { describe, expect, it } from 'vitest'
import { de } from '../../../app-client/request-form/i18n/de'
import { en } from '../../../app-client/request-form/i18n/en'
import { es } from '../../../app-client/request-form/i18n/es'
import { REQUEST_TYPES } from '../../../shared/domain/request-type-codes'
import LandingView from '../../../app-client/request-form/views/LandingView.vue'
import { mountWithApp } from '../support/mount-with-app'

// The landing page links to the form by route name.
const routes = [
  { path: '/', name: 'landing', component: LandingView },
  { path: '/request', name: 'form', component: { render: () => null } },
]

// Raw sources, keyed by path: what the request form and the code it shares are made of.
const SOURCES: Record<string, Record<string, string>> = {
  'request-form': import.meta.glob('../../../app-client/request-form/**/*.{ts,vue,css,html}', {
    query: '?raw',
    import: 'default',
    eager: true,
  }),
  common: import.meta.glob('../../../app-client/common/**/*.{ts,vue,css,html}', {
    query: '?raw',
    import: 'default',
    eager: true,
  }),
}

describe('request form landing page', () => {
  it('When it renders, then it explains the steps and lists every request type', async () => {
    const { wrapper } = await mountWithApp(LandingView, { messages: { en, de, es }, routes })

    expect(wrapper.get('h1').text()).toBe('Get Bitrix24 implemented by a certified partner')
    expect(wrapper.findAll('h2').map((heading) => heading.text())).toEqual([
      'How it works',
      'What you can ask for',
      'Who sees your contact details',
    ])
    expect(wrapper.findAll('#types-title ~ ul > li')).toHaveLength(REQUEST_TYPES.length)
    expect(wrapper.text()).toContain('Workflow automation')
    expect(wrapper.get('a[href="/request"]').text()).toBe('Describe your request')
  })

  it('When the language is Spanish, then the page is Spanish', async () => {
    const { wrapper } = await mountWithApp(LandingView, { messages: { en, de, es }, locale: 'es', routes })

    expect(wrapper.get('h1').text()).toBe('Implemente Bitrix24 con un partner certificado')
  })

  // The public page has a 120 kB budget: the UI kit must never reach it, directly or through shared code.
  it.each(Object.keys(SOURCES))('When %s/ is scanned, then nothing uses the Bitrix24 UI kit', (folder) => {
    const files = Object.entries(SOURCES[folder] ?? {})
    const offenders = files
      .filter(([, source]) => /@bitrix24\/b24ui-nuxt|@bitrix24\/b24icons-vue|<B24[A-Z]/.test(source))
      .map(([path]) => path)

    expect(files.length).toBeGreaterThan(3)
    expect(offenders).toEqual([])
  })
})

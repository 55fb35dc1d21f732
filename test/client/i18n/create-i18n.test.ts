import { describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import { createAppI18n, detectLocale, matchLocale } from '../../../app-client/common/i18n/create-i18n'
import { followLocaleQuery, syncDocumentWithLocale } from '../../../app-client/common/i18n/sync-document'
import { localeFromPortalLanguage } from '../../../app-client/partner/i18n'

describe('detectLocale', () => {
  it('When ?lang= names a supported locale, then it wins over the browser languages', () => {
    expect(detectLocale({ search: '?lang=de', languages: ['es-ES', 'en'] })).toBe('de')
  })

  it('When ?lang= is unsupported, then the first supported browser language is used', () => {
    expect(detectLocale({ search: '?lang=fr', languages: ['fr-FR', 'es-MX', 'de'] })).toBe('es')
  })

  it('When no language is supported, then English is the fallback', () => {
    expect(detectLocale({ search: '', languages: ['ru-RU', 'pt-BR'] })).toBe('en')
    expect(detectLocale({ search: '', languages: [] })).toBe('en')
  })

  it('When called without sources, then it reads the page URL', () => {
    window.history.replaceState(null, '', '/request-form/?lang=es')

    expect(detectLocale()).toBe('es')
  })

  it.each([
    ['de-AT', 'de'],
    ['ES_419', 'es'],
    ['en', 'en'],
    ['fr', undefined],
    ['', undefined],
    [null, undefined],
  ])('matches %j to %j', (tag, locale) => {
    expect(matchLocale(tag)).toBe(locale)
  })
})

describe('localeFromPortalLanguage', () => {
  it.each([
    ['la', 'es'],
    ['de', 'de'],
    ['en', 'en'],
    ['ru', undefined],
    [null, undefined],
  ])('maps the Bitrix24 language %j to %j', (portalLanguage, locale) => {
    expect(localeFromPortalLanguage(portalLanguage)).toBe(locale)
  })
})

describe('createAppI18n', () => {
  const messages = {
    en: { greeting: 'Hello', onlyEnglish: 'Only in English' },
    de: { greeting: 'Hallo' },
    es: { greeting: 'Hola' },
  }

  it('When a key is missing in the active locale, then the English text is shown', () => {
    // vue-i18n reports the fallback on the console in development builds; here it is the expected path.
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const i18n = createAppI18n(messages, 'de')

    expect(i18n.global.t('greeting')).toBe('Hallo')
    expect(i18n.global.t('onlyEnglish')).toBe('Only in English')
  })

  it('When an entry is created, then the shared error messages are included in every locale', () => {
    const i18n = createAppI18n(messages, 'es')

    expect(i18n.global.t('errors.network_error')).toMatch(/conexión/)
    expect(i18n.global.t('language.de')).toBe('Deutsch')
  })
})

describe('document language and title', () => {
  function setUp() {
    const i18n = createAppI18n(
      {
        en: { app: { name: 'App' }, page: { home: 'Home' } },
        de: { app: { name: 'Anwendung' }, page: { home: 'Start' } },
        es: { app: { name: 'Aplicación' }, page: { home: 'Inicio' } },
      },
      'en',
    )
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/', component: { render: () => null }, meta: { titleKey: 'page.home' } }],
    })
    followLocaleQuery({ i18n, router })
    syncDocumentWithLocale({ i18n, router, appNameKey: 'app.name' })
    return { i18n, router }
  }

  it('When the route is shown, then <html lang> and the title follow the locale', async () => {
    const { router } = setUp()

    await router.push('/')
    await nextTick()

    expect(document.documentElement.lang).toBe('en')
    expect(document.title).toBe('Home · App')
  })

  it('When a navigation carries ?lang=de, then the UI switches to German', async () => {
    const { router, i18n } = setUp()

    await router.push('/?lang=de')
    await nextTick()

    expect(i18n.global.locale.value).toBe('de')
    expect(document.documentElement.lang).toBe('de')
    expect(document.title).toBe('Start · Anwendung')
  })
})

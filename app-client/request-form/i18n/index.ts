import { createAppI18n, detectLocale, type AppI18n, type AppLocale, type Messages } from '../../common/i18n/create-i18n'
import { en } from './en'

/**
 * English is built in (the default and the fallback); German and Spanish load only for the visitors who use
 * them, which keeps two of the three languages out of the form's initial JavaScript.
 */
const translations: Record<Exclude<AppLocale, 'en'>, () => Promise<Messages>> = {
  de: () => import('./de').then((module) => module.de),
  es: () => import('./es').then((module) => module.es),
}

export async function createRequestFormI18n(locale: AppLocale = detectLocale()): Promise<AppI18n> {
  const i18n = createAppI18n({ en, de: {}, es: {} }, locale)
  await loadLocaleMessages(i18n, locale)
  return i18n
}

/**
 * Makes a language's messages available before it is shown. If they cannot be loaded (a network error),
 * the page shows English, the fallback, instead of message keys.
 */
export async function loadLocaleMessages(i18n: AppI18n, locale: AppLocale): Promise<void> {
  if (locale === 'en' || hasOwnMessages(i18n, locale)) return
  try {
    i18n.global.mergeLocaleMessage(locale, await translations[locale]())
  } catch {
    // Left to the fallback language.
  }
}

/** The common messages (error codes, language names) are there from the start; the form's own arrive later. */
function hasOwnMessages(i18n: AppI18n, locale: AppLocale): boolean {
  return 'app' in (i18n.global.getLocaleMessage(locale) as Record<string, unknown>)
}

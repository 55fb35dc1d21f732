import { createI18n, type I18n } from 'vue-i18n'
import { commonMessages } from './common-messages'

export const SUPPORTED_LOCALES = ['en', 'de', 'es'] as const
export type AppLocale = (typeof SUPPORTED_LOCALES)[number]
/** Every locale without its own messages, and every missing key, falls back to English. */
export const FALLBACK_LOCALE: AppLocale = 'en'

/** Reduces a BCP 47 tag such as `de-AT` or `es_419` to a supported locale, if there is one. */
export function matchLocale(tag: string | null | undefined): AppLocale | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0]
  return SUPPORTED_LOCALES.find((locale) => locale === primary)
}

export interface LocaleSources {
  /** The page's query string; `?lang=de` wins over everything else. */
  search?: string
  /** Preferred languages, most preferred first (the browser's `navigator.languages`). */
  languages?: readonly string[]
}

/** Picks the UI language: `?lang=`, then the first supported browser language, then English. */
export function detectLocale(sources: LocaleSources = {}): AppLocale {
  const search = sources.search ?? window.location.search
  const languages = sources.languages ?? (navigator.languages.length > 0 ? navigator.languages : [navigator.language])
  const fromQuery = matchLocale(new URLSearchParams(search).get('lang'))
  if (fromQuery) return fromQuery
  for (const tag of languages) {
    const match = matchLocale(tag)
    if (match) return match
  }
  return FALLBACK_LOCALE
}

export type AppI18n = I18n<Record<string, unknown>, Record<string, unknown>, Record<string, unknown>, string, false>

/** A tree of translated strings. */
export interface Messages {
  [key: string]: string | Messages
}

/**
 * Named number formats, the same in every locale: Intl.NumberFormat writes each locale's own separators
 * (`30.0` in English, `30,0` in German and Spanish). `score` is a rating score with its one decimal.
 */
export const NUMBER_FORMATS = {
  score: { minimumFractionDigits: 1, maximumFractionDigits: 1 },
} as const satisfies Record<string, Intl.NumberFormatOptions>

/**
 * Creates the composition-mode i18n of one entry: its own messages plus the shared ones (error codes,
 * language names). Each entry types its German and Spanish messages by its English ones, so none is incomplete.
 */
export function createAppI18n(messages: Record<AppLocale, Messages>, locale: AppLocale = detectLocale()): AppI18n {
  const merged: Record<string, Messages> = Object.fromEntries(
    SUPPORTED_LOCALES.map((code) => [code, { ...commonMessages[code], ...messages[code] }]),
  )
  return createI18n({
    legacy: false,
    globalInjection: true,
    locale,
    fallbackLocale: FALLBACK_LOCALE,
    messages: merged,
    numberFormats: Object.fromEntries(SUPPORTED_LOCALES.map((code) => [code, NUMBER_FORMATS])),
  })
}

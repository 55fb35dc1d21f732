import { createAppI18n, matchLocale, type AppLocale } from '../../common/i18n/create-i18n'
import { de } from './de'
import { en } from './en'
import { es } from './es'

export function createPartnerI18n() {
  return createAppI18n({ en, de, es })
}

/** Bitrix24 interface languages that are not BCP 47 tags: `la` is Spanish (Latin America). */
const PORTAL_LANGUAGE_ALIASES: Record<string, string> = { la: 'es' }

/** The UI locale for a Bitrix24 interface language, or undefined when we have no messages for it. */
export function localeFromPortalLanguage(portalLanguage: string | null | undefined): AppLocale | undefined {
  if (!portalLanguage) return undefined
  return matchLocale(PORTAL_LANGUAGE_ALIASES[portalLanguage] ?? portalLanguage)
}

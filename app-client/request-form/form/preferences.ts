import { isCountryCode } from '@shared/domain/country-codes'

/** Languages offered for talking with partners; any BCP 47 code the API accepts would do. */
export const PARTNER_LANGUAGES = [
  'en',
  'de',
  'es',
  'fr',
  'it',
  'pt-BR',
  'pl',
  'tr',
  'uk',
  'nl',
  'ja',
  'zh',
  'vi',
  'id',
] as const

/** A preselected country: `?country=` from an embedding site, else the region of the browser's language. */
export function initialCountry(search: string, languages: readonly string[]): string {
  const fromQuery = new URLSearchParams(search).get('country')?.trim().toUpperCase()
  if (fromQuery && isCountryCode(fromQuery)) return fromQuery
  for (const tag of languages) {
    const region = /^[a-z]{2,3}[-_]([A-Za-z]{2})$/.exec(tag)?.[1]?.toUpperCase()
    if (region && isCountryCode(region)) return region
  }
  return ''
}

export function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale, 'en'], { type: 'language' }).of(code) ?? code
  } catch {
    return code
  }
}

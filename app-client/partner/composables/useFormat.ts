import { useI18n } from 'vue-i18n'
import { countryName } from '@shared/domain/countries'

/** Dates, countries and languages in the UI language. */
export function useFormat() {
  const { locale } = useI18n()

  return {
    date: (iso: string) => new Intl.DateTimeFormat(locale.value, { dateStyle: 'long' }).format(new Date(iso)),
    dateTime: (iso: string) =>
      new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    country: (code: string) => countryName(code, locale.value),
    language: (code: string) => {
      try {
        return new Intl.DisplayNames([locale.value, 'en'], { type: 'language' }).of(code) ?? code
      } catch {
        return code
      }
    },
  }
}

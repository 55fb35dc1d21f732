import { useI18n } from 'vue-i18n'
import { countryName } from '@shared/domain/countries'
import { usePortalStore } from '../stores/portal'

const MINUTE_MS = 60_000

/**
 * Dates, times, scores, countries and languages in the UI language. Times are the portal's wall-clock time, as its
 * CRM shows them, whatever zone the browser is in: the instant is moved by the portal's offset and formatted as
 * UTC (one offset for every date; a portal whose zone has summer time shows older dates of the other season an
 * hour apart from its CRM, which is what a fixed offset from `server.time` can tell).
 */
export function useFormat() {
  const { locale, n } = useI18n()
  const portal = usePortalStore()

  function inPortalZone(iso: string, options: Intl.DateTimeFormatOptions): string {
    const offset = portal.utcOffsetMinutes
    if (offset === null) return new Intl.DateTimeFormat(locale.value, options).format(new Date(iso))
    const shifted = new Date(Date.parse(iso) + offset * MINUTE_MS)
    return new Intl.DateTimeFormat(locale.value, { ...options, timeZone: 'UTC' }).format(shifted)
  }

  return {
    date: (iso: string) => inPortalZone(iso, { dateStyle: 'long' }),
    dateTime: (iso: string) => inPortalZone(iso, { dateStyle: 'medium', timeStyle: 'short' }),
    shortDate: (iso: string) => inPortalZone(iso, { dateStyle: 'medium' }),
    /** The portal's zone as `UTC+02:00`, or null when times are in the browser's zone. */
    zone: () => {
      const offset = portal.utcOffsetMinutes
      if (offset === null) return null
      const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')
      const minutes = String(Math.abs(offset) % 60).padStart(2, '0')
      return `UTC${offset < 0 ? '−' : '+'}${hours}:${minutes}`
    },
    /** A rating score with one decimal, in the locale's notation (`30,0` in German). */
    score: (value: number) => n(value, 'score'),
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

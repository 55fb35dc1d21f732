import { useI18n } from 'vue-i18n'

/** Dates, numbers and country names in the console's language. */
export function useFormat() {
  const { locale, t } = useI18n()
  const regionNames = new Map<string, Intl.DisplayNames>()

  const date = (iso: string | null | undefined) =>
    iso ? new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium' }).format(new Date(iso)) : '—'
  const dateTime = (iso: string | null | undefined) =>
    iso ? new Intl.DateTimeFormat(locale.value, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '—'
  const number = (value: number | null | undefined, digits = 0) =>
    value === null || value === undefined
      ? '—'
      : new Intl.NumberFormat(locale.value, { maximumFractionDigits: digits }).format(value)
  const percent = (share: number | null | undefined) =>
    share === null || share === undefined
      ? '—'
      : new Intl.NumberFormat(locale.value, { style: 'percent', maximumFractionDigits: 1 }).format(share)
  function country(code: string | null | undefined): string {
    if (!code) return '—'
    let names = regionNames.get(locale.value)
    if (!names) {
      names = new Intl.DisplayNames([locale.value], { type: 'region' })
      regionNames.set(locale.value, names)
    }
    try {
      return names.of(code) ?? code
    } catch {
      return code
    }
  }
  const yesNo = (value: boolean) => (value ? t('console.yes') : t('console.no'))

  return { date, dateTime, number, percent, country, yesNo }
}

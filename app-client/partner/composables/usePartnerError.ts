import { useI18n } from 'vue-i18n'
import { isApiError } from '../../common/api/api-error'
import { useApiError } from '../../common/composables/useApiError'
import { useFormat } from './useFormat'

/**
 * Refusals of the partner API in the UI language, with the dates the server gives: until when a suspension lasts,
 * when the monthly quota frees, when an early-access request opens to this tier.
 */
export function usePartnerError() {
  const { t, locale } = useI18n()
  const { messageFor: generic } = useApiError()
  const format = useFormat()
  const when = (value: unknown): string | null => {
    if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) return null
    return format.dateTime(value)
  }

  function messageFor(error: unknown): string {
    if (!isApiError(error)) return generic(error)
    const { code, extensions } = error
    if (code === 'partner_suspended' && when(extensions.until)) {
      return t('eligibility.partner_suspended_until', { date: when(extensions.until) })
    }
    if (code === 'reservation_quota_exceeded' && extensions.quota === 'monthly') {
      const date = when(extensions.resetsAt)
      return date ? t('errors.monthly_quota_until', { date }) : t('errors.monthly_quota')
    }
    if (code === 'country_restricted' && Array.isArray(extensions.countries) && extensions.countries.length > 0) {
      const countries = extensions.countries.map((country) => format.country(String(country)))
      return t('errors.country_restricted_named', { countries: new Intl.ListFormat(locale.value).format(countries) })
    }
    if (code === 'early_access_pending' && when(extensions.visibleAt)) {
      return t('errors.early_access_until', { date: when(extensions.visibleAt) })
    }
    return generic(error)
  }

  return { messageFor }
}

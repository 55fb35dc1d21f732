import { useI18n } from 'vue-i18n'
import { isApiError } from '../../common/api/api-error'
import { useApiError } from '../../common/composables/useApiError'

/** The console's sentence for a failed call: its own codes (sign-in, roles, accounts) first, then the common ones. */
export function useManagerError() {
  const { t, te } = useI18n()
  const common = useApiError()

  function messageFor(error: unknown): string {
    if (isApiError(error)) {
      if (error.code === 'rate_limited' && error.retryAfter !== undefined) {
        return t('managerErrors.rate_limited_wait', { minutes: Math.max(1, Math.ceil(error.retryAfter / 60)) })
      }
      const key = `managerErrors.${error.code}`
      if (te(key)) return t(key)
    }
    return common.messageFor(error)
  }

  return { messageFor }
}

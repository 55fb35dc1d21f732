import { useI18n } from 'vue-i18n'
import { isApiError } from '../api/api-error'

/**
 * Turns a failed call into a sentence in the UI language. The server's stable `code` picks the message;
 * its English `title` is never shown, so every locale reads the same.
 */
export function useApiError() {
  const { t, te } = useI18n()

  function messageFor(error: unknown): string {
    if (!isApiError(error)) return t('errors.unknown', { code: 'client_error' })
    if (error.code === 'rate_limited' && error.retryAfter !== undefined) {
      return t('errors.rate_limited_retry', { seconds: error.retryAfter })
    }
    const key = `errors.${error.code}`
    if (te(key)) return t(key)
    if (error.status >= 500) return t('errors.internal_error')
    return t('errors.unknown', { code: error.code })
  }

  return { messageFor }
}

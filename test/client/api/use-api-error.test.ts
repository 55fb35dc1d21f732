import { describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import { ApiError } from '../../../app-client/common/api/api-error'
import { useApiError } from '../../../app-client/common/composables/useApiError'
import { mountWithApp } from '../support/mount-with-app'

const emptyMessages = { en: {}, de: {}, es: {} }

async function messageIn(locale: 'en' | 'de' | 'es', error: unknown): Promise<string> {
  const Probe = defineComponent({
    setup() {
      const { messageFor } = useApiError()
      return () => h('p', messageFor(error))
    },
  })
  const { wrapper } = await mountWithApp(Probe, { messages: emptyMessages, locale })
  return wrapper.text()
}

function apiError(status: number, code: string, retryAfter?: number): ApiError {
  return new ApiError({ status, code, title: 'English title from the server', retryAfter })
}

describe('useApiError', () => {
  it.each([
    ['not_found', 404, 'We could not find what you were looking for.'],
    ['validation_failed', 400, 'Some of the data is not valid. Please check the highlighted fields.'],
    ['rate_limited', 429, 'Too many requests. Please wait a moment and try again.'],
    ['internal_error', 500, 'Something went wrong on our side. Please try again later.'],
    ['service_unavailable', 503, 'The service is temporarily unavailable. Please try again in a few minutes.'],
    ['network_error', 0, 'No connection to the server. Check your internet connection and try again.'],
  ])('When the code is %s, then its translated message is shown', async (code, status, text) => {
    expect(await messageIn('en', apiError(status, code))).toBe(text)
  })

  it('When the UI is German, then the message is German', async () => {
    expect(await messageIn('de', apiError(0, 'network_error'))).toMatch(/^Keine Verbindung zum Server/)
  })

  it('When the server asked to retry later, then the seconds are part of the message', async () => {
    expect(await messageIn('es', apiError(429, 'rate_limited', 30))).toBe(
      'Demasiadas solicitudes. Vuelva a intentarlo dentro de 30 segundos.',
    )
  })

  it('When a 5xx code is unknown, then the generic server message is shown instead of the English title', async () => {
    expect(await messageIn('en', apiError(502, 'upstream_broken'))).toBe(
      'Something went wrong on our side. Please try again later.',
    )
  })

  it('When a 4xx code is unknown, then the code is named so support can find it', async () => {
    expect(await messageIn('en', apiError(409, 'request_fully_reserved'))).toBe(
      'Something went wrong (error code: request_fully_reserved).',
    )
  })

  it('When the error is not from the API, then a generic message is shown', async () => {
    expect(await messageIn('en', new Error('boom'))).toBe('Something went wrong (error code: client_error).')
  })
})

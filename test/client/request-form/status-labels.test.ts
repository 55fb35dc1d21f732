import { describe, expect, it } from 'vitest'
import { de } from '../../../app-client/request-form/i18n/de'
import { en } from '../../../app-client/request-form/i18n/en'
import { es } from '../../../app-client/request-form/i18n/es'
import { RequestCloseReasonSchema } from '../../../shared/schemas/request.schema'

describe('the status page names every way a request closes', () => {
  it.each([
    ['en', en],
    ['de', de],
    ['es', es],
  ])('in %s', (_lang, messages) => {
    const labels: Record<string, string | undefined> = messages.status.state
    for (const reason of RequestCloseReasonSchema.options) {
      expect(labels[reason], reason).toMatch(/\S/)
    }
  })
})

import { describe, expect, it } from 'vitest'
import { de as partnerDe } from '../../../app-client/partner/i18n/de'
import { en as partnerEn } from '../../../app-client/partner/i18n/en'
import { es as partnerEs } from '../../../app-client/partner/i18n/es'
import { de as formDe } from '../../../app-client/request-form/i18n/de'
import { en as formEn } from '../../../app-client/request-form/i18n/en'
import { es as formEs } from '../../../app-client/request-form/i18n/es'
import { REQUEST_TYPES } from '../../../shared/domain/request-type-codes'

/** Both clients key request-type messages by the API's code, so a new code needs its words in every language. */
describe('every request type has its words, keyed by its code', () => {
  it.each([
    ['en', formEn],
    ['de', formDe],
    ['es', formEs],
  ])('in the request form, in %s', (_lang, messages) => {
    const types = messages.types as Record<string, { title?: string; text?: string } | string | undefined>
    for (const code of REQUEST_TYPES) {
      const message = types[code]
      expect(typeof message === 'object' ? message.title : undefined, code).toMatch(/\S/)
      expect(typeof message === 'object' ? message.text : undefined, code).toMatch(/\S/)
    }
  })

  it.each([
    ['en', partnerEn],
    ['de', partnerDe],
    ['es', partnerEs],
  ])('in the partner app, in %s', (_lang, messages) => {
    const types: Record<string, string | undefined> = messages.types
    for (const code of REQUEST_TYPES) expect(types[code], code).toMatch(/\S/)
  })
})

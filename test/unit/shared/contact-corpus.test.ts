import { describe, expect, it } from 'vitest'
import { maskContactDetails, MASK } from '../../../shared/domain/mask-contacts'
import { CONTACT_CORPUS, ORDINARY_TEXT } from './fixtures/contact-corpus'

describe('masking a corpus of contact details as clients type them (rules 5.2)', () => {
  it('holds at least 100 cases', () => {
    expect(CONTACT_CORPUS.length).toBeGreaterThanOrEqual(100)
  })

  it.each(CONTACT_CORPUS.map((entry) => [entry.text, entry.secrets] as const))('hides %j', (text, secrets) => {
    const masked = maskContactDetails(text)
    expect(masked).toContain(MASK)
    for (const secret of secrets) expect(masked).not.toContain(secret)
  })

  it.each(ORDINARY_TEXT.map((entry) => [entry.text, entry.survives] as const))('keeps %j', (text, survives) => {
    const masked = maskContactDetails(text)
    expect(masked).toBe(text)
    for (const part of survives) expect(masked).toContain(part)
  })
})

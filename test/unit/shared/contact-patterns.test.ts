import { describe, expect, it } from 'vitest'
import { replaceContacts, scrubContactData } from '../../../shared/domain/contact-patterns'

describe('the shared contact patterns', () => {
  it('replace only the kinds asked for, each with its own replacement', () => {
    const text = 'ann@example.com, +49 30 1234 5678, @ann_smith, https://example.org'
    expect(replaceContacts(text, { email: 'E', phone: 'P' })).toBe('E, P, @ann_smith, https://example.org')
    expect(replaceContacts(text, { email: 'E', url: 'U', phone: 'P', messenger: 'M' })).toBe('E, P, M, U')
  })

  it('take a replacement literally', () => {
    expect(replaceContacts('mail ann@example.com', { email: '$&$1' })).toBe('mail $&$1')
  })

  it.each([
    'at run (/app/node_modules/@scope/pkg/index.js:10:5)',
    'at file:///app/node_modules/.pnpm/vitest@4.1.12/node_modules/vitest/dist/index.js:1:2',
    'request 42 of 5 partners',
  ])('leave paths and short numbers in an operator text as they are: %j', (text) => {
    expect(scrubContactData(text)).toBe(text)
  })

  it('scrub e-mail addresses with any letters and phone numbers of 7 digits or more', () => {
    expect(scrubContactData('jürgen@müller.de rang 1234567 and +44 20 7946 0958')).toBe(
      '[email] rang [number] and [number]',
    )
  })
})

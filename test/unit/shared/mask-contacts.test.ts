import { describe, expect, it } from 'vitest'
import { MASK, maskContactDetails } from '../../../shared/domain/mask-contacts'

describe('masking contact details in request text (rules 5.2)', () => {
  it.each([
    ['write to ivan.petrov@mail.ru today', `write to ${MASK} today`],
    ['call +7 (495) 123-45-67', `call ${MASK}`],
    ['call 030 1234 5678', `call ${MASK}`],
    ['see https://firma.de/kontakt?x=1 for details', `see ${MASK} for details`],
    ['our site www.example.org', `our site ${MASK}`],
    ['our site example.com.', `our site ${MASK}.`],
    ['telegram @john_doe_82', `telegram ${MASK}`],
    ['Ünïcødé mail: jürgen@müller.de', `Ünïcødé mail: ${MASK}`],
  ])('masks %j', (input, expected) => {
    expect(maskContactDetails(input)).toBe(expected)
  })

  it.each([
    'We need 40 users from 2026 onwards, budget 15000 EUR',
    'Integration with 1C and SAP, version 8.3',
    'Node.js and Vue apps, 3 offices',
  ])('keeps ordinary text %j', (input) => {
    expect(maskContactDetails(input)).toBe(input)
  })
})

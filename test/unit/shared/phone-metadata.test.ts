import { parsePhoneNumberFromString, type CountryCode, type MetadataJson } from 'libphonenumber-js/core'
import examples from 'libphonenumber-js/examples.mobile.json'
import metadata from 'libphonenumber-js/metadata.max.json'
import { describe, expect, it } from 'vitest'
import { CONTACT_PHONE_TYPES, toE164 } from '../../../shared/domain/phone'
import { forContactPhones, type PhoneMetadataJson } from '../../../shared/domain/phone-metadata'

const full = metadata as unknown as MetadataJson
const cut = forContactPhones(metadata as unknown as PhoneMetadataJson) as unknown as MetadataJson

/** What the browser's copy answers: with only fixed-line and mobile patterns left, valid means one of those. */
function e164WithCut(phone: string, country: string): string | undefined {
  const parsed = parsePhoneNumberFromString(phone, country as CountryCode, cut)
  return parsed?.isValid() ? parsed.number : undefined
}

/** Deterministic digits, so a failure can be reproduced. */
function* digits(seed: number): Generator<string> {
  let state = seed
  for (;;) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648
    yield String(state % 10)
  }
}

describe('contact phone numbers', () => {
  it.each([
    ['12345', 'DE'],
    ['12345', 'US'],
    ['+4912345', 'US'],
    ['0800 1234567', 'DE'],
    ['+1 800 555 0199', 'US'],
    ['0900 1234567', 'DE'],
  ])('refuses %s in %s: too short, or not a mobile or fixed-line number', (phone, country) => {
    expect(toE164(phone, country)).toBeUndefined()
    expect(e164WithCut(phone, country)).toBeUndefined()
  })

  it.each([
    ['0151 23456789', 'DE', '+4915123456789'],
    ['030 12345678', 'DE', '+493012345678'],
    ['(201) 555-0123', 'US', '+12015550123'],
    ['612 34 56 78', 'ES', '+34612345678'],
    ['+43 664 1234567', 'DE', '+436641234567'],
  ])('accepts %s in %s as %s', (phone, country, expected) => {
    expect(toE164(phone, country)).toBe(expected)
    expect(e164WithCut(phone, country)).toBe(expected)
  })
})

describe("the request form's phone metadata (fixed-line and mobile patterns, no formats)", () => {
  it('is smaller and keeps every country', () => {
    expect(JSON.stringify(cut).length).toBeLessThan(JSON.stringify(full).length * 0.75)
    expect(Object.keys((cut as unknown as PhoneMetadataJson).countries)).toEqual(
      Object.keys((full as unknown as PhoneMetadataJson).countries),
    )
  })

  it('accepts and refuses exactly the numbers toE164 does with the full metadata, in every country', () => {
    const countries = Object.keys((full as unknown as PhoneMetadataJson).countries)
    const random = digits(7)
    const take = (length: number) => Array.from({ length }, () => random.next().value as string).join('')
    let valid = 0
    let refusedType = 0
    let compared = 0
    for (const country of countries) {
      const example = (examples as Record<string, string>)[country]
      const callingCode = (full as unknown as PhoneMetadataJson).countries[country]![0] as string
      const inputs = [take(5), take(6), take(8), take(10), take(12), `+${callingCode}${take(9)}`, `+${take(11)}`]
      if (example) {
        inputs.push(example, `0${example}`, `+${callingCode} ${example}`, example.slice(0, -1), `${example}7`)
        inputs.push(`(${example.slice(0, 3)}) ${example.slice(3)}`, `00${callingCode}${example}`)
      }
      for (const input of inputs) {
        for (const as of [country, 'US', 'DE']) {
          const expected = toE164(input, as)
          expect(e164WithCut(input, as), `${input} in ${as}`).toBe(expected)
          if (expected) valid += 1
          const type = parsePhoneNumberFromString(input, as as CountryCode, full)
          if (type?.isValid() && !CONTACT_PHONE_TYPES.includes(type.getType()!)) refusedType += 1
          compared += 1
        }
      }
    }
    // Both outcomes are covered, across thousands of inputs, and so are valid numbers of another type.
    expect(compared).toBeGreaterThan(4_000)
    expect(valid).toBeGreaterThan(500)
    expect(refusedType).toBeGreaterThan(10)
    // Thousands of parses with both copies: seconds on a busy machine.
  }, 30_000)

  it('refuses metadata in another format version rather than strip the wrong field', () => {
    expect(() => forContactPhones({ version: 3, countries: {} })).toThrow('version 3')
  })
})

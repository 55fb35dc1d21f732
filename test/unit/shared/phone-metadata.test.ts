import { parsePhoneNumberFromString, type CountryCode, type MetadataJson } from 'libphonenumber-js/core'
import examples from 'libphonenumber-js/examples.mobile.json'
import metadata from 'libphonenumber-js/metadata.min.json'
import { describe, expect, it } from 'vitest'
import { withoutFormats, type PhoneMetadataJson } from '../../../shared/domain/phone-metadata'

const full = metadata as unknown as MetadataJson
const stripped = withoutFormats(metadata as unknown as PhoneMetadataJson) as unknown as MetadataJson

/** What `toE164` answers, with the given metadata. */
function e164(phone: string, country: string, with_: MetadataJson): string | undefined {
  const parsed = parsePhoneNumberFromString(phone, country as CountryCode, with_)
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

describe("the request form's phone metadata without formats", () => {
  it('is smaller and keeps every country', () => {
    expect(JSON.stringify(stripped).length).toBeLessThan(JSON.stringify(full).length * 0.7)
    expect(Object.keys((stripped as unknown as PhoneMetadataJson).countries)).toEqual(
      Object.keys((full as unknown as PhoneMetadataJson).countries),
    )
  })

  it('accepts and rejects exactly the numbers the full metadata does, in every country', () => {
    const countries = Object.keys((full as unknown as PhoneMetadataJson).countries)
    const random = digits(7)
    const take = (length: number) => Array.from({ length }, () => random.next().value as string).join('')
    let valid = 0
    let compared = 0
    for (const country of countries) {
      const example = (examples as Record<string, string>)[country]
      const callingCode = (full as unknown as PhoneMetadataJson).countries[country]![0] as string
      const inputs = [take(6), take(8), take(10), take(12), `+${callingCode}${take(9)}`, `+${take(11)}`]
      if (example) {
        inputs.push(example, `0${example}`, `+${callingCode} ${example}`, example.slice(0, -1), `${example}7`)
        inputs.push(`(${example.slice(0, 3)}) ${example.slice(3)}`, `00${callingCode}${example}`)
      }
      for (const input of inputs) {
        for (const as of [country, 'US', 'DE']) {
          const expected = e164(input, as, full)
          expect(e164(input, as, stripped), `${input} in ${as}`).toBe(expected)
          if (expected) valid += 1
          compared += 1
        }
      }
    }
    // Both outcomes are covered, across thousands of inputs.
    expect(compared).toBeGreaterThan(4_000)
    expect(valid).toBeGreaterThan(500)
  })

  it('refuses metadata in another format version rather than strip the wrong field', () => {
    expect(() => withoutFormats({ version: 3, countries: {} })).toThrow('version 3')
  })
})

import { describe, expect, it } from 'vitest'
import { countryName, COUNTRY_CODES } from '../../../shared/domain/countries'
import { CreateRequestBodySchema } from '../../../shared/schemas/request.schema'

const valid = {
  contact: { name: 'Anna', email: ' Anna@Example.com ', phone: '030 1234567' },
  country: 'de',
  city: 'Berlin',
  types: ['purchase'],
  description: 'Need 20 licences and help.',
  usersCount: 20,
  preferredLanguage: 'de',
  consentToShareContacts: true,
}

describe('the request form schema shared by the browser and the server', () => {
  it('normalises the e-mail, the country and the phone number', () => {
    const parsed = CreateRequestBodySchema.parse(valid)
    expect(parsed.contact).toEqual({ name: 'Anna', email: 'anna@example.com', phone: '+49301234567' })
    expect(parsed.country).toBe('DE')
  })

  it('reads a local number by the chosen country', () => {
    expect(
      CreateRequestBodySchema.parse({ ...valid, country: 'US', contact: { ...valid.contact, phone: '(201) 555-0123' } })
        .contact.phone,
    ).toBe('+12015550123')
    expect(
      CreateRequestBodySchema.safeParse({
        ...valid,
        country: 'US',
        contact: { ...valid.contact, phone: '030 1234567' },
      }).success,
    ).toBe(false)
  })

  it('requires consent to share the contacts with up to 5 partners', () => {
    const result = CreateRequestBodySchema.safeParse({ ...valid, consentToShareContacts: false })
    expect(result.error?.issues[0]?.path).toEqual(['consentToShareContacts'])
    expect(result.error?.issues[0]?.message).toContain('5 partners')
  })

  it('knows every ISO 3166-1 alpha-2 country and names it in the asked language', () => {
    expect(COUNTRY_CODES).toHaveLength(249)
    expect(countryName('DE', 'es')).toBe('Alemania')
    expect(countryName('DE', 'de')).toBe('Deutschland')
  })
})

import { parsePhoneNumberFromString, type CountryCode as PhoneCountry } from 'libphonenumber-js/min'

/**
 * Parses a phone number as a person in `country` would type it (a local number, or international with +)
 * and returns it in E.164, or `undefined` when it is not a valid number.
 */
export function toE164(phone: string, country: string): string | undefined {
  const parsed = parsePhoneNumberFromString(phone, country as PhoneCountry)
  return parsed?.isValid() ? parsed.number : undefined
}

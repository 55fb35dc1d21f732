import { parsePhoneNumberFromString, type CountryCode as PhoneCountry, type NumberType } from 'libphonenumber-js/max'

/**
 * The kinds of number a client can be called back on. Toll-free, premium-rate, shared-cost, VoIP, pager and
 * personal numbers are refused: partners call the client, and such numbers either cannot be dialled from abroad
 * or cost the caller.
 */
export const CONTACT_PHONE_TYPES: readonly NumberType[] = ['MOBILE', 'FIXED_LINE', 'FIXED_LINE_OR_MOBILE']

/**
 * Parses a phone number as a person in `country` would type it (a local number, or international with +)
 * and returns it in E.164, or `undefined` unless it is a valid mobile or fixed-line number of its country.
 * The full ("max") metadata holds the patterns of each number type; the minimal one only checks lengths and
 * leading digits, which lets numbers such as `12345` through for countries with variable-length numbers.
 */
export function toE164(phone: string, country: string): string | undefined {
  const parsed = parsePhoneNumberFromString(phone, country as PhoneCountry)
  if (!parsed?.isValid()) return undefined
  const type = parsed.getType()
  return type && CONTACT_PHONE_TYPES.includes(type) ? parsed.number : undefined
}

import { z } from 'zod'
import { isCountryCode, type CountryCode } from './country-codes'

export { COUNTRY_CODES, countryName, isCountryCode, type CountryCode } from './country-codes'

/** A country code; lower-case input is accepted and upper-cased. */
export const CountryCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCountryCode, { message: 'must be an ISO 3166-1 alpha-2 country code, e.g. DE' })
  .transform((value) => value as CountryCode)
  .meta({ description: 'ISO 3166-1 alpha-2 country code.', examples: ['DE'] })

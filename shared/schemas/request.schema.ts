import { z } from 'zod'
import { CountryCodeSchema, isCountryCode } from '../domain/countries'
import { toE164 } from '../domain/phone'
import { DESCRIPTION_MIN_LENGTH, REQUEST_TEXT_LIMITS } from '../domain/request-limits'
import { REQUEST_CLOSE_REASONS, REQUEST_STATUSES } from '../domain/request-states'
import { RequestTypeSchema } from '../domain/request-types'
import { MAX_RESERVATIONS_PER_REQUEST } from '../domain/reservation-rules'
import { multiLine, singleLine } from './text'

export const LanguageSchema = z
  .string()
  .trim()
  .regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'must be a language code such as en or pt-BR')
  .meta({ description: 'BCP 47 language code.', examples: ['en', 'de', 'pt-BR'] })

export const RequestContactInputSchema = z.strictObject({
  name: singleLine(REQUEST_TEXT_LIMITS.name).meta({ examples: ['Anna Schmidt'] }),
  company: singleLine(REQUEST_TEXT_LIMITS.company)
    .meta({ examples: ['Schmidt Logistik GmbH'] })
    .optional(),
  email: z
    .string()
    .trim()
    .max(254, 'must be at most 254 characters')
    .pipe(z.email('must be a valid e-mail address'))
    .transform((value) => value.toLowerCase())
    .meta({ examples: ['anna.schmidt@example.com'] }),
  phone: singleLine(40)
    .describe(
      'As typed; a mobile or fixed-line number of the request country, or an international number starting with +. ' +
        'Stored in E.164.',
    )
    .meta({ examples: ['030 12345678', '+49 151 23456789'] }),
})

function phoneAndCountryReadable(value: unknown): boolean {
  const body = value as { contact?: { phone?: unknown }; country?: unknown } | undefined
  return (
    typeof body?.contact?.phone === 'string' &&
    typeof body.country === 'string' &&
    isCountryCode(body.country.trim().toUpperCase())
  )
}

// A place name as people write it: `Frankfurt am Main`, `Halle (Saale)`, `St. Gallen`, `L'Aquila`, `Castrop-Rauxel`.
// No digits, @ or slashes, and a dot only after an abbreviation (never inside a word, as in a host name), so the
// one field every partner in the country sees cannot carry a phone number, an address or a link.
const PLACE_NAME = /^\p{L}[\p{L}\p{M}\s'’.()-]*$/u
const DOT_INSIDE_WORD = /\.[\p{L}\p{M}-]/u

export const CitySchema = singleLine(REQUEST_TEXT_LIMITS.city)
  .refine(
    (value) => PLACE_NAME.test(value) && !DOT_INSIDE_WORD.test(value),
    'must be a place name: letters, spaces, hyphens, apostrophes, dots and brackets only, no links',
  )
  .meta({ examples: ['Berlin'] })

/** What a prospective client submits (rules 5.2). The same schema validates the form in the browser. */
export const CreateRequestBodySchema = z
  .strictObject({
    contact: RequestContactInputSchema,
    country: CountryCodeSchema,
    city: CitySchema,
    types: z
      .array(RequestTypeSchema)
      .min(1, 'choose at least one')
      .max(14, 'choose each type at most once')
      .refine((types) => new Set(types).size === types.length, 'choose each type at most once'),
    description: multiLine(REQUEST_TEXT_LIMITS.description, DESCRIPTION_MIN_LENGTH).meta({
      examples: ['A CRM for our 20 sales people, with telephony and training for the team, by March.'],
    }),
    usersCount: z
      .number('must be a number')
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(1_000_000, 'must be at most 1000000'),
    preferredLanguage: LanguageSchema,
    consentToShareContacts: z.literal(
      true,
      `must be accepted: up to ${MAX_RESERVATIONS_PER_REQUEST} partners receive your contact details`,
    ),
    /** Left empty by people; bots fill it in. */
    website: z.string().max(200).optional(),
  })
  .refine((body) => toE164(body.contact.phone, body.country) !== undefined, {
    path: ['contact', 'phone'],
    message: 'must be a mobile or fixed-line phone number of the chosen country, or an international number with +',
    // Checked even when other fields are wrong, so every invalid field is reported at once.
    when: ({ value }) => phoneAndCountryReadable(value),
  })
  .transform((body) => ({
    ...body,
    contact: { ...body.contact, phone: toE164(body.contact.phone, body.country) ?? body.contact.phone },
  }))
  .meta({ id: 'CreateRequestBody' })
export type CreateRequestBody = z.input<typeof CreateRequestBodySchema>
export type CreateRequestInput = z.output<typeof CreateRequestBodySchema>

/** The countries the form does not offer, because requests from them are refused (rules 2.4). */
export const RestrictedCountryCodesSchema = z
  .object({
    countries: z
      .array(z.string().meta({ description: 'ISO 3166-1 alpha-2 country code.' }))
      .meta({ description: 'In alphabetical order of the code.', examples: [['CU', 'KP']] }),
  })
  .meta({ id: 'RestrictedCountryCodes' })
export type RestrictedCountryCodes = z.infer<typeof RestrictedCountryCodesSchema>

export const CreatedRequestSchema = z
  .object({
    id: z.uuid(),
    status: z.literal('open'),
    statusToken: z
      .string()
      .meta({ description: 'Private token for the status page; shown once, stored only as a hash.' }),
  })
  .meta({ id: 'CreatedRequest' })
export type CreatedRequest = z.infer<typeof CreatedRequestSchema>

export const RequestStatusSchema = z.enum(REQUEST_STATUSES)
export const RequestCloseReasonSchema = z.enum(REQUEST_CLOSE_REASONS)
export type { RequestCloseReason } from '../domain/request-states'

export const ReservationCountSchema = z.object({
  taken: z.number().int().min(0).max(MAX_RESERVATIONS_PER_REQUEST),
  limit: z.literal(MAX_RESERVATIONS_PER_REQUEST),
})

/** A request as any eligible partner in its location sees it: no contacts, contact details in the text masked. */
export const RequestSummarySchema = z
  .object({
    id: z.uuid(),
    country: z.string(),
    city: z.string(),
    types: z.array(RequestTypeSchema),
    description: z.string(),
    usersCount: z.number().int(),
    preferredLanguage: z.string(),
    createdAt: z.iso.datetime(),
    reservations: ReservationCountSchema,
  })
  .meta({ id: 'RequestSummary' })
export type RequestSummary = z.infer<typeof RequestSummarySchema>

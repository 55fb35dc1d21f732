import { z } from 'zod'
import { CountryCodeSchema } from '../domain/countries'
import { PARTNER_STATUSES } from '../domain/partner-statuses'
import { MAX_ADDITIONAL_LOCATIONS } from '../domain/reservation-rules'
import { singleLine } from './text'
import { timestamp } from './timestamp'

export const PartnerStatusSchema = z.enum(PARTNER_STATUSES).meta({ id: 'PartnerStatus' })
export type { PartnerStatus } from '../domain/partner-statuses'

/** The status a manager entered when adding the partner; the Partner Program engine's verdict will replace it. */
const declaredStatus = PartnerStatusSchema.meta({
  description:
    'The Partner Program status a manager entered when adding the partner; the program engine will decide it instead. Not the rating tier.',
})

export const SuspensionSchema = z
  .object({
    since: z.iso.datetime(),
    until: z.iso.datetime().nullable().meta({ description: 'null: permanent (rules 13.4).' }),
    reason: z.string(),
  })
  .meta({ id: 'Suspension' })

export const IneligibilitySchema = z
  .object({
    code: z.enum(['partner_not_approved', 'tutorial_not_completed', 'partner_suspended']),
    until: z.iso.datetime().nullable().optional(),
  })
  .meta({ id: 'Ineligibility' })

export const LocationsSchema = z
  .object({
    registered: z.string(),
    additional: z.array(z.string()),
    maxAdditional: z.literal(MAX_ADDITIONAL_LOCATIONS),
    locked: z.boolean().meta({ description: 'A manager fixed the locations; the partner cannot change them.' }),
  })
  .meta({ id: 'Locations' })
export type Locations = z.infer<typeof LocationsSchema>

export const PartnerContactsSchema = z.object({
  contactName: z.string().nullable(),
  contactEmail: z.string().nullable(),
  contactPhone: z.string().nullable(),
  website: z.string().nullable(),
})

/** The partner's own view of itself in the app. */
export const PartnerProfileSchema = z
  .object({
    id: z.uuid(),
    partnerCode: z.string(),
    companyName: z.string(),
    declaredStatus,
    approved: z.boolean(),
    tutorialCompletedAt: z.iso.datetime().nullable(),
    suspension: SuspensionSchema.nullable(),
    locations: LocationsSchema,
    eligibility: z.object({ eligible: z.boolean(), reasons: z.array(IneligibilitySchema) }),
    reservationQuota: z.object({ limit: z.number().int(), used: z.number().int() }),
    restrictedCountries: z.array(z.string()).meta({
      description:
        'Countries where the Partner Program does not operate (rules 2.4): they cannot be chosen as locations and bring no requests.',
    }),
  })
  .meta({ id: 'PartnerProfile' })
export type PartnerProfile = z.infer<typeof PartnerProfileSchema>

/** A partner as managers see it. */
export const PartnerSchema = PartnerProfileSchema.omit({ reservationQuota: true, restrictedCountries: true })
  .extend(PartnerContactsSchema.shape)
  .extend({ createdAt: z.iso.datetime(), updatedAt: z.iso.datetime() })
  .meta({ id: 'Partner' })
export type Partner = z.infer<typeof PartnerSchema>

const optionalUrl = z.url('must be a URL such as https://example.com').max(300)

export const CreatePartnerBodySchema = z
  .strictObject({
    partnerCode: singleLine(40).regex(/^[A-Za-z0-9._-]+$/, 'may contain letters, digits, dot, dash and underscore'),
    companyName: singleLine(200),
    registeredCountry: CountryCodeSchema,
    declaredStatus: declaredStatus.default('bronze'),
    approved: z.boolean().default(false),
    tutorialCompletedAt: timestamp().nullable().default(null),
    contactName: singleLine(200).nullable().default(null),
    contactEmail: z.email('must be a valid e-mail address').max(254).nullable().default(null),
    contactPhone: singleLine(40).nullable().default(null),
    website: optionalUrl.nullable().default(null),
  })
  .meta({ id: 'CreatePartnerBody' })
export type CreatePartnerInput = z.output<typeof CreatePartnerBodySchema>

export const UpdatePartnerBodySchema = z
  .strictObject({
    companyName: singleLine(200),
    registeredCountry: CountryCodeSchema,
    declaredStatus,
    approved: z.boolean(),
    tutorialCompletedAt: timestamp().nullable(),
    contactName: singleLine(200).nullable(),
    contactEmail: z.email('must be a valid e-mail address').max(254).nullable(),
    contactPhone: singleLine(40).nullable(),
    website: optionalUrl.nullable(),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'name at least one field to change')
  .meta({ id: 'UpdatePartnerBody' })
export type UpdatePartnerInput = z.output<typeof UpdatePartnerBodySchema>

const additionalLocations = z
  .array(CountryCodeSchema)
  .refine((countries) => new Set(countries).size === countries.length, 'list each country once')
  .meta({ description: `Additional locations besides the registered country; at most ${MAX_ADDITIONAL_LOCATIONS}.` })

export const SetMyLocationsBodySchema = z
  .strictObject({ additional: additionalLocations })
  .meta({ id: 'SetMyLocationsBody' })

export const SetPartnerLocationsBodySchema = z
  .strictObject({ additional: additionalLocations, locked: z.boolean().optional() })
  .meta({ id: 'SetPartnerLocationsBody' })

export const SuspendPartnerBodySchema = z
  .strictObject({
    until: timestamp().nullable().meta({ description: 'End of the suspension; null suspends permanently.' }),
    reason: singleLine(500),
  })
  .meta({ id: 'SuspendPartnerBody' })

export const PartnerListQuerySchema = z.strictObject({
  search: singleLine(100, 0).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
})

export const PartnerListSchema = z
  .object({ items: z.array(PartnerSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'PartnerList' })

export const PartnerIdParamsSchema = z.strictObject({ id: z.uuid('must be a partner id') })

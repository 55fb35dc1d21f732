import { z } from 'zod'
import { AUDIT_ACTOR_TYPES } from '../domain/audit'
import { MANAGER_ROLES } from '../domain/manager-roles'
import { CountryCodeSchema } from '../domain/countries'
import { MODERATION_ACTIONS } from '../domain/request-states'
import { RequestCloseReasonSchema, RequestStatusSchema, RequestSummarySchema } from './request.schema'
import { singleLine } from './text'

/** `cookie`: the console's HttpOnly cookie, no token in the answer; `token`: a Bearer token for API clients. */
export const SessionTransportSchema = z
  .enum(['cookie', 'token'])
  .default('token')
  .meta({ description: '`cookie` sets an HttpOnly session cookie (the console); `token` answers a Bearer token.' })

export const ManagerLoginBodySchema = z
  .strictObject({ email: z.email().max(254), password: z.string().min(1).max(200), session: SessionTransportSchema })
  .meta({ id: 'ManagerLoginBody' })

export const ManagerRoleSchema = z.enum(MANAGER_ROLES).meta({ id: 'ManagerRole' })

export const ManagerAbilitiesSchema = z
  .object({ change: z.boolean(), seeContacts: z.boolean(), manageManagers: z.boolean() })
  .meta({ id: 'ManagerAbilities', description: "What the manager's role may do; the console shows only that." })

export const ManagerSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: ManagerRoleSchema,
    abilities: ManagerAbilitiesSchema,
    twoFactor: z.object({
      enabled: z.boolean(),
      required: z.boolean().meta({ description: 'Whether an admin requires two-factor sign-in for everyone.' }),
    }),
  })
  .meta({ id: 'Manager' })

export const ManagerSessionSchema = z
  .object({
    status: z.literal('signed_in'),
    token: z.string().optional().meta({ description: 'The Bearer token; absent when the session is a cookie.' }),
    expiresAt: z.iso.datetime().meta({ description: 'The latest the session lasts; it ends sooner when idle.' }),
    manager: ManagerSchema,
  })
  .meta({ id: 'ManagerSession' })

export const RestrictedCountrySchema = z
  .object({ country: z.string(), reason: z.string(), createdAt: z.iso.datetime() })
  .meta({ id: 'RestrictedCountry' })

export const RestrictedCountryListSchema = z
  .object({ items: z.array(RestrictedCountrySchema) })
  .meta({ id: 'RestrictedCountryList' })

export const RestrictCountryBodySchema = z.strictObject({ reason: singleLine(500) }).meta({ id: 'RestrictCountryBody' })
export const CountryParamsSchema = z.strictObject({ country: CountryCodeSchema })

/** A request as managers moderate it; contacts are included because managers handle spam and complaints. */
export const ModeratedRequestSchema = RequestSummarySchema.extend({
  status: RequestStatusSchema,
  closeReason: RequestCloseReasonSchema.nullable(),
  closedAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime(),
  contact: z.object({ name: z.string(), company: z.string().nullable(), email: z.string(), phone: z.string() }),
}).meta({ id: 'ModeratedRequest' })

export const ModeratedRequestListSchema = z
  .object({ items: z.array(ModeratedRequestSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'ModeratedRequestList' })

export const ModerationQuerySchema = z.strictObject({
  status: RequestStatusSchema.optional(),
  country: CountryCodeSchema.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
})

export const ModerateRequestBodySchema = z
  .strictObject({ action: z.enum(MODERATION_ACTIONS), note: singleLine(500).optional() })
  .meta({ id: 'ModerateRequestBody' })

export const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.iso.datetime(),
    actorType: z.enum(AUDIT_ACTOR_TYPES),
    actorId: z.string().nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
  })
  .meta({ id: 'AuditEntry' })

export const AuditListSchema = z
  .object({ items: z.array(AuditEntrySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'AuditList' })

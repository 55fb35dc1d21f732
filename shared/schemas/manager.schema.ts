import { z } from 'zod'
import { AUDIT_ACTOR_TYPES } from '../domain/audit'
import { CountryCodeSchema } from '../domain/countries'
import { MODERATION_ACTIONS } from '../domain/request-states'
import { RequestCloseReasonSchema, RequestStatusSchema, RequestSummarySchema } from './request.schema'
import { singleLine } from './text'

export const ManagerLoginBodySchema = z
  .strictObject({ email: z.email().max(254), password: z.string().min(1).max(200) })
  .meta({ id: 'ManagerLoginBody' })

export const ManagerSchema = z.object({ id: z.uuid(), email: z.string(), name: z.string() }).meta({ id: 'Manager' })

export const ManagerSessionSchema = z
  .object({ token: z.string(), expiresAt: z.iso.datetime(), manager: ManagerSchema })
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

import { z } from 'zod'
import { RequestTypeSchema } from '../domain/request-types'
import { MAX_RESERVATIONS_PER_REQUEST } from '../domain/reservation-rules'
import { RequestCloseReasonSchema, RequestStatusSchema } from './request.schema'
import { multiLine } from './text'

/** The status token as the client presents it: `rst_` and 43 base64url characters (256 random bits). */
export const STATUS_TOKEN_PATTERN = /^rst_[A-Za-z0-9_-]{43}$/

export const RatingSchema = z
  .number('must be a number from 1 to 5')
  .int('must be a whole number from 1 to 5')
  .min(1, 'must be from 1 to 5')
  .max(5, 'must be from 1 to 5')

/** A client's rating of one partner that reserved the request (rules 5.1.3). */
export const ClientFeedbackBodySchema = z
  .strictObject({
    partnerId: z.uuid('must be the id of a partner listed on your status page'),
    responseSpeed: RatingSchema.describe('How quickly the partner got in touch, 1 (slow) to 5 (fast).'),
    serviceQuality: RatingSchema.describe('How well the partner responded to the request, 1 (poor) to 5 (excellent).'),
    comment: multiLine(1_000).optional(),
  })
  .meta({ id: 'ClientFeedbackBody' })
export type ClientFeedbackBody = z.input<typeof ClientFeedbackBodySchema>

export const GivenFeedbackSchema = z.object({
  responseSpeed: z.number().int(),
  serviceQuality: z.number().int(),
  comment: z.string().nullable(),
  ratedAt: z.iso.datetime(),
})

/** A partner company that received the request: its public business contacts, not the client's. */
export const ReceivingPartnerSchema = z
  .object({
    partnerId: z.uuid(),
    companyName: z.string(),
    website: z.string().nullable(),
    contactName: z.string().nullable(),
    contactEmail: z.string().nullable(),
    contactPhone: z.string().nullable(),
    reservedAt: z.iso.datetime(),
    /** Whether the partner still holds the reservation; a released one no longer sees the contact details. */
    active: z.boolean(),
    /** From when the client may rate this partner, and whether that time has come (by the server's clock). */
    feedbackOpensAt: z.iso.datetime(),
    canRate: z.boolean(),
    feedback: GivenFeedbackSchema.nullable(),
  })
  .meta({ id: 'ReceivingPartner' })
export type ReceivingPartner = z.infer<typeof ReceivingPartnerSchema>

/**
 * What the holder of the status token sees. Never the contact details (a forwarded link reveals none);
 * e-mails, phones and links in the description are masked for the same reason.
 */
export const RequestStatusViewSchema = z
  .object({
    id: z.uuid(),
    status: RequestStatusSchema,
    closeReason: RequestCloseReasonSchema.nullable(),
    country: z.string(),
    city: z.string(),
    types: z.array(RequestTypeSchema),
    description: z.string(),
    usersCount: z.number().int(),
    preferredLanguage: z.string(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    closedAt: z.iso.datetime().nullable(),
    /** When the contact details were erased at the client's request; null while they are kept. */
    erasedAt: z.iso.datetime().nullable(),
    maxPartners: z.literal(MAX_RESERVATIONS_PER_REQUEST),
    partners: z.array(ReceivingPartnerSchema).max(MAX_RESERVATIONS_PER_REQUEST * 4),
    abilities: z.object({ withdraw: z.boolean(), erase: z.boolean() }),
  })
  .meta({ id: 'RequestStatusView' })
export type RequestStatusView = z.infer<typeof RequestStatusViewSchema>

/** A client rating as managers see it; the comment is masked like any client text. */
export const ManagedClientFeedbackSchema = z
  .object({
    id: z.uuid(),
    requestId: z.uuid(),
    country: z.string(),
    partnerId: z.uuid(),
    partnerName: z.string(),
    reservedAt: z.iso.datetime(),
    responseSpeed: z.number().int(),
    serviceQuality: z.number().int(),
    comment: z.string().nullable(),
    ratedAt: z.iso.datetime(),
  })
  .meta({ id: 'ManagedClientFeedback' })

export const ClientFeedbackListSchema = z
  .object({
    items: z.array(ManagedClientFeedbackSchema),
    summary: z.object({
      count: z.number().int(),
      averageResponseSpeed: z.number().nullable(),
      averageServiceQuality: z.number().nullable(),
    }),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'ClientFeedbackList' })

export const ClientFeedbackQuerySchema = z.strictObject({
  partnerId: z.uuid().optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
})

import { z } from 'zod'
import { RequestSummarySchema } from './request.schema'

export const ReservationStatusSchema = z.enum(['active', 'released'])
export type ReservationStatus = z.infer<typeof ReservationStatusSchema>

export const ContactSchema = z
  .object({
    name: z.string(),
    company: z.string().nullable(),
    email: z.string(),
    phone: z.string().meta({ description: 'E.164' }),
  })
  .meta({ id: 'Contact' })
export type Contact = z.infer<typeof ContactSchema>

/** A partner's reservation; the contacts are present only while the reservation is active. */
export const ReservationSchema = z
  .object({
    id: z.uuid(),
    status: ReservationStatusSchema,
    reservedAt: z.iso.datetime(),
    releasedAt: z.iso.datetime().nullable(),
    request: RequestSummarySchema,
    contact: ContactSchema.nullable(),
    abilities: z.object({ release: z.boolean() }),
  })
  .meta({ id: 'Reservation' })
export type Reservation = z.infer<typeof ReservationSchema>

export const ReservationListSchema = z
  .object({ items: z.array(ReservationSchema), nextCursor: z.string().nullable() })
  .meta({ id: 'ReservationList' })

export const ReservationListQuerySchema = z.strictObject({
  status: ReservationStatusSchema.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
})
export type ReservationListQuery = z.output<typeof ReservationListQuerySchema>

export const RequestIdParamsSchema = z.strictObject({ id: z.uuid('must be a request id') })

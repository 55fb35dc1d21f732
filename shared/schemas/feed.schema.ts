import { z } from 'zod'
import { CountryCodeSchema } from '../domain/countries'
import { RequestTypeSchema } from '../domain/request-types'
import { RESERVE_DENIAL_CODES } from '../domain/reservation-rules'
import { RequestSummarySchema } from './request.schema'

export const FeedQuerySchema = z
  .strictObject({
    cursor: z.string().max(200).optional().meta({ description: 'The `nextCursor` of the previous page.' }),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    type: RequestTypeSchema.optional().meta({ description: 'Only requests that include this type.' }),
    country: CountryCodeSchema.optional().meta({ description: 'Only requests from this one of my locations.' }),
  })
  .meta({ id: 'FeedQuery' })
export type FeedQuery = z.output<typeof FeedQuerySchema>

export const ReserveAbilitySchema = z.object({
  reserve: z.boolean(),
  reserveDeniedReason: z.enum(RESERVE_DENIAL_CODES).optional(),
})

export const FeedItemSchema = RequestSummarySchema.extend({
  heldByMe: z.boolean(),
  abilities: ReserveAbilitySchema,
}).meta({ id: 'FeedItem' })
export type FeedItem = z.infer<typeof FeedItemSchema>

export const FeedPageSchema = z
  .object({
    items: z.array(FeedItemSchema),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'FeedPage' })
export type FeedPage = z.infer<typeof FeedPageSchema>

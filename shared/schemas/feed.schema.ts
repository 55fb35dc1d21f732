import { z } from 'zod'
import { CountryCodeSchema } from '../domain/countries'
import { RequestTypeSchema } from '../domain/request-types'
import { RESERVE_DENIAL_CODES } from '../domain/reservation-rules'
import { RatingTierIdSchema } from './rating'
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

/** Whether I may reserve the request now, and the refusal's code when not: the API's own decision. */
export const ReserveAbilitySchema = z.object({
  reserve: z.boolean(),
  reserveDeniedReason: z.enum(RESERVE_DENIAL_CODES).optional().meta({
    description: 'The code reserving would be refused with now; details (dates, limits) come with that refusal.',
  }),
})

/** A request as one partner sees it, with what that partner may do with it. */
export const FeedItemSchema = RequestSummarySchema.extend({
  heldByMe: z.boolean(),
  abilities: ReserveAbilitySchema,
  earlyAccessUntil: z.iso
    .datetime()
    .nullable()
    .meta({
      description:
        'Until when my rating tier (and higher ones) has this request to itself, before the next slower tier sees ' +
        'it; null when no slower tier is left to wait for.',
    }),
  laterTiers: z.array(z.object({ tier: RatingTierIdSchema, visibleAt: z.iso.datetime() })).meta({
    description:
      'The rating tiers below mine that do not see this request yet, with when each does, soonest first ' +
      '(early access, docs/rating.md); empty once every tier sees it.',
  }),
}).meta({ id: 'FeedItem' })
export type FeedItem = z.infer<typeof FeedItemSchema>

export const FeedPageSchema = z
  .object({
    items: z.array(FeedItemSchema),
    nextCursor: z.string().nullable(),
    upcoming: z
      .object({
        count: z.number().int().min(0),
        nextVisibleAt: z.iso.datetime().nullable(),
      })
      .meta({
        description:
          'Open requests in my locations (and filters) that my rating tier does not see yet (early access): how ' +
          'many, and when the first of them appears in this feed; 0 and null when none is waiting.',
      }),
  })
  .meta({ id: 'FeedPage' })
export type FeedPage = z.infer<typeof FeedPageSchema>

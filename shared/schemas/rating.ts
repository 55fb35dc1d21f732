import { z } from 'zod'
import { BAD_LEAD_REASONS, RATING_TIER_IDS, RETURN_STATUSES } from '../domain/rating'
import { RATING_OUTCOME_KINDS, RESERVATION_STATES } from '../domain/reservation-state'
import { multiLine, singleLine } from './text'

export const RatingTierIdSchema = z.enum(RATING_TIER_IDS)

export const RatingTierSchema = z
  .object({
    id: RatingTierIdSchema,
    minScore: z.number().meta({ description: 'The lowest score (0–100) in this tier.' }),
    openLimit: z.number().int().meta({ description: 'Open (undecided) reservations held at once.' }),
    monthlyLimit: z.number().int().meta({ description: 'New reservations per rolling 30 days.' }),
    earlyAccessHours: z.number().meta({ description: 'Hours after publication before a new request is shown.' }),
  })
  .meta({ id: 'RatingTier' })

export const RatingFormulaSchema = z
  .object({
    priorWinShare: z.number(),
    priorWeight: z.number(),
    halfLifeDays: z.number(),
    expiredWeight: z.number(),
    maxAdjustmentTotal: z.number(),
  })
  .meta({ id: 'RatingFormula', description: 'The published constants of the rating; see docs/rating.md.' })

export const RatingAdjustmentSchema = z
  .object({
    id: z.uuid(),
    delta: z.number().int().meta({ description: 'Points added to (or taken from) the score.' }),
    reason: z.string(),
    expiresAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
    active: z.boolean(),
  })
  .meta({ id: 'RatingAdjustment' })
export type RatingAdjustment = z.infer<typeof RatingAdjustmentSchema>

const UsageSchema = z.object({
  limit: z.number().int(),
  used: z.number().int(),
  resetsAt: z.iso.datetime().nullable().meta({
    description: 'When the next unit frees by itself; null when only a decision or a release frees one.',
  }),
})

export const RatingHistoryPointSchema = z
  .object({
    at: z.iso.datetime().meta({ description: 'When the score became this (UTC).' }),
    score: z.number(),
    tier: RatingTierIdSchema,
  })
  .meta({ id: 'RatingHistoryPoint' })

/** Everything a partner needs to understand its rating and what it unlocks. */
export const PartnerRatingSchema = z
  .object({
    score: z.number().meta({ description: '0–100, adjustments included.' }),
    baseScore: z.number().meta({ description: '0–100, from outcomes alone.' }),
    tier: RatingTierSchema,
    limits: z.object({
      open: UsageSchema,
      monthly: UsageSchema.extend({ windowDays: z.number().int() }),
      earlyAccessHours: z.number(),
    }),
    counts: z.object({
      won: z.number().int(),
      lost: z.number().int(),
      open: z.number().int(),
      expired: z.number().int(),
      returned: z.number().int().meta({ description: 'Bad-lead returns confirmed by a manager.' }),
      returnPending: z.number().int().meta({
        description: 'Bad-lead returns waiting for a manager: confirmed they become returned, rejected lost.',
      }),
    }),
    adjustments: z.array(RatingAdjustmentSchema).meta({ description: 'The adjustments in force now.' }),
    nextTier: z
      .object({
        tier: RatingTierSchema,
        pointsNeeded: z.number(),
        wonNeeded: z.number().int().nullable().meta({ description: 'Wons from today, with no Lost, that reach it.' }),
      })
      .nullable(),
    history: z.array(RatingHistoryPointSchema).meta({
      description:
        'Every change of the score in the last 180 days at its time (outcomes counted, adjustments beginning or ' +
        'ending, daily fading), oldest first, ending with the score now.',
    }),
    formula: RatingFormulaSchema,
    tiers: z.array(RatingTierSchema).meta({ description: 'The tier table this server enforces, lowest first.' }),
  })
  .meta({ id: 'PartnerRating' })
export type PartnerRating = z.infer<typeof PartnerRatingSchema>

export const BadLeadReasonSchema = z.enum(BAD_LEAD_REASONS)
export const ReturnStatusSchema = z.enum(RETURN_STATUSES)

export const ReturnReservationBodySchema = z
  .strictObject({ reason: BadLeadReasonSchema, comment: multiLine(1000).optional() })
  .meta({ id: 'ReturnReservationBody' })
export type ReturnReservationBody = z.infer<typeof ReturnReservationBodySchema>

export const ReservationReturnSchema = z
  .object({
    id: z.uuid(),
    reservationId: z.uuid(),
    requestId: z.uuid(),
    partnerId: z.uuid(),
    reason: BadLeadReasonSchema,
    comment: z.string().nullable(),
    status: ReturnStatusSchema,
    createdAt: z.iso.datetime(),
    decidedAt: z.iso.datetime().nullable(),
    decisionNote: z.string().nullable(),
  })
  .meta({ id: 'ReservationReturn' })
export type ReservationReturn = z.infer<typeof ReservationReturnSchema>

export const ReservationReturnListSchema = z
  .object({ items: z.array(ReservationReturnSchema) })
  .meta({ id: 'ReservationReturnList' })

export const ReturnListQuerySchema = z.strictObject({
  status: ReturnStatusSchema.default('pending'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})

export const ReturnDecisionBodySchema = z
  .strictObject({ decision: z.enum(['confirm', 'reject']), note: singleLine(500).optional() })
  .meta({ id: 'ReturnDecisionBody' })

export const ReturnIdParamsSchema = z.strictObject({ id: z.uuid('must be a return id') })

export const CreateAdjustmentBodySchema = z
  .strictObject({
    delta: z
      .number()
      .int('must be a whole number')
      .min(-50, 'must be between -50 and 50')
      .max(50, 'must be between -50 and 50')
      .refine((value) => value !== 0, 'must not be 0'),
    reason: singleLine(500, 3),
    expiresAt: z.iso.datetime({ offset: true }).optional().meta({ description: 'Without it the adjustment stays.' }),
  })
  .meta({ id: 'CreateRatingAdjustmentBody' })
export type CreateAdjustmentBody = z.infer<typeof CreateAdjustmentBodySchema>

export const RatingOutcomeSchema = z
  .object({
    reservationId: z.uuid(),
    requestId: z.uuid(),
    state: z.enum(RESERVATION_STATES).meta({
      description: "The reservation's state, the same word the partner sees (shared/domain/reservation-state.ts).",
    }),
    kind: z.enum(RATING_OUTCOME_KINDS).meta({
      description:
        'The state as the rating counts it: every held state is `open`, and a return waiting for a decision is ' +
        '`return_pending` (it counts for nothing yet); `returned` is a confirmed bad lead, `rejected_spam` a ' +
        'request a manager rejected as spam, which counts for nobody.',
    }),
    at: z.iso.datetime(),
  })
  .meta({ id: 'RatingOutcome' })

/** What a manager sees of one partner's rating: the partner's view plus every adjustment and recent outcomes. */
export const ManagerPartnerRatingSchema = z
  .object({
    partnerId: z.uuid(),
    rating: PartnerRatingSchema,
    adjustments: z.array(RatingAdjustmentSchema).meta({ description: 'Every adjustment, newest first.' }),
    outcomes: z.array(RatingOutcomeSchema).meta({ description: 'The latest 100 reservations and how they ended.' }),
  })
  .meta({ id: 'ManagerPartnerRating' })

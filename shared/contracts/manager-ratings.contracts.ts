import { PartnerIdParamsSchema } from '../schemas/partner.schema'
import {
  CreateAdjustmentBodySchema,
  ManagerPartnerRatingSchema,
  RatingAdjustmentSchema,
  ReservationReturnListSchema,
  ReservationReturnSchema,
  ReturnDecisionBodySchema,
  ReturnIdParamsSchema,
  ReturnListQuerySchema,
} from '../schemas/rating'
import { defineContract } from './contract'
import { MANAGER_SESSION_PROBLEMS } from './session-problems'

/** Managers adjust ratings, read their history and decide bad-lead returns. */
const ratings = { tags: ['Ratings'], security: 'managerSession' } as const
const PARTNER_NOT_FOUND = { partner_not_found: 'No partner has this id.' } as const

export const getPartnerRating = defineContract({
  ...ratings,
  method: 'get',
  path: '/api/manager/partners/:id/rating',
  operationId: 'getPartnerRating',
  summary: "A partner's rating with its adjustments and outcomes",
  params: PartnerIdParamsSchema,
  responses: { 200: { description: 'The rating.', schema: ManagerPartnerRatingSchema } },
  problems: { ...MANAGER_SESSION_PROBLEMS, ...PARTNER_NOT_FOUND },
})

export const adjustPartnerRating = defineContract({
  ...ratings,
  method: 'post',
  path: '/api/manager/partners/:id/rating/adjustments',
  operationId: 'adjustPartnerRating',
  summary: "Adjust a partner's rating",
  description: 'A signed number of points, a mandatory reason and an optional end. Audited.',
  params: PartnerIdParamsSchema,
  body: CreateAdjustmentBodySchema,
  responses: { 201: { description: 'The adjustment.', schema: RatingAdjustmentSchema } },
  problems: {
    ...MANAGER_SESSION_PROBLEMS,
    ...PARTNER_NOT_FOUND,
    validation_failed: 'Invalid fields, one entry per field in `errors`.',
    adjustment_expiry_in_past: 'The end is not in the future.',
  },
})

export const listReservationReturns = defineContract({
  ...ratings,
  method: 'get',
  path: '/api/manager/reservation-returns',
  operationId: 'listReservationReturns',
  summary: 'Bad-lead returns',
  description: 'Pending ones by default, oldest first.',
  query: ReturnListQuerySchema,
  responses: { 200: { description: 'The returns.', schema: ReservationReturnListSchema } },
  problems: MANAGER_SESSION_PROBLEMS,
})

export const decideReservationReturn = defineContract({
  ...ratings,
  method: 'post',
  path: '/api/manager/reservation-returns/:id/decision',
  operationId: 'decideReservationReturn',
  summary: 'Confirm or reject a bad-lead return',
  description:
    'Confirmed: the reservation stops counting in the rating and the request closes as `under_review` for ' +
    'moderation. Rejected: it counts as Lost unless the CRM decided it. Audited.',
  params: ReturnIdParamsSchema,
  body: ReturnDecisionBodySchema,
  responses: { 200: { description: 'The decided return.', schema: ReservationReturnSchema } },
  problems: {
    ...MANAGER_SESSION_PROBLEMS,
    return_not_found: 'No return has this id.',
    return_already_decided: 'A manager decided it already.',
  },
})

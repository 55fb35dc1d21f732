import { PartnerIdParamsSchema } from '../../../shared/schemas/partner.schema'
import {
  CreateAdjustmentBodySchema,
  ManagerPartnerRatingSchema,
  PartnerRatingSchema,
  RatingAdjustmentSchema,
  ReservationReturnListSchema,
  ReservationReturnSchema,
  ReturnDecisionBodySchema,
  ReturnIdParamsSchema,
  ReturnListQuerySchema,
  ReturnReservationBodySchema,
} from '../../../shared/schemas/rating'
import { RequestIdParamsSchema } from '../../../shared/schemas/reservation.schema'
import type { AppContext } from '../../context'
import { managerOf, partnerOf } from '../../http/auth/actors'
import { requirePartner } from '../../http/auth/require-partner'
import { route, type ProblemSpec, type RouteGroup } from '../../http/route'
import { NO_MANAGER_SESSION, requireManager } from '../managers'
import { adjustRating, getPartnerRating, getRatingForManager } from './rating.service'
import { decideReturn, listReturns, returnReservation } from './returns.service'

const NO_PARTNER_SESSION: ProblemSpec = {
  status: 401,
  code: 'missing_session',
  description: 'No valid partner session.',
}
const PARTNER_NOT_FOUND: ProblemSpec = {
  status: 404,
  code: 'partner_not_found',
  description: 'No partner has this id.',
}

/** The partner's own rating and bad-lead returns. */
export function partnerRatingRoutes(ctx: AppContext): RouteGroup {
  const common = { tags: ['Partner app'], security: ['partnerSession'], before: [requirePartner(ctx)] }
  return {
    prefix: '/api/partner',
    routes: [
      route({
        ...common,
        method: 'get',
        path: '/rating',
        operationId: 'getMyRating',
        summary: 'My rating and what it unlocks',
        description:
          'Score, tier, the limits it sets and their use, outcome counts, adjustments in force, the next tier and ' +
          'what it takes to reach it, a daily history, and the formula and tier table the server enforces.',
        responses: { 200: { description: 'The rating.', schema: PartnerRatingSchema } },
        problems: [NO_PARTNER_SESSION],
        handler: async (_req, res) => {
          res.json(await getPartnerRating(ctx, partnerOf(res).partnerId))
        },
      }),
      route({
        ...common,
        method: 'post',
        path: '/requests/:id/reservation/return',
        operationId: 'returnReservationAsBadLead',
        summary: 'Return my reservation as a bad lead',
        description:
          'Within the return window, with a reason. The reservation ends at once; a manager confirms (it then ' +
          'does not count in the rating) or rejects (it counts as Lost unless the CRM decided it).',
        params: RequestIdParamsSchema,
        body: ReturnReservationBodySchema,
        responses: { 201: { description: 'The return, pending a decision.', schema: ReservationReturnSchema } },
        problems: [
          NO_PARTNER_SESSION,
          { status: 404, code: 'reservation_not_found', description: 'No active reservation of it.' },
          {
            status: 422,
            code: 'return_window_closed',
            description: 'The return window has passed; see `returnUntil`.',
          },
          { status: 422, code: 'won_cannot_be_returned', description: 'The lead is Won in the CRM.' },
        ],
        handler: async (_req, res, { params, body }) => {
          res.status(201).json(await returnReservation(ctx, partnerOf(res), params.id, body))
        },
      }),
    ],
  }
}

/** Managers adjust ratings, read their history and decide bad-lead returns. */
export function managerRatingRoutes(ctx: AppContext): RouteGroup {
  const common = { tags: ['Ratings'], security: ['managerSession'], before: [requireManager(ctx)] }
  return {
    prefix: '/api/manager',
    routes: [
      route({
        ...common,
        method: 'get',
        path: '/partners/:id/rating',
        operationId: 'getPartnerRating',
        summary: "A partner's rating with its adjustments and outcomes",
        params: PartnerIdParamsSchema,
        responses: { 200: { description: 'The rating.', schema: ManagerPartnerRatingSchema } },
        problems: [NO_MANAGER_SESSION, PARTNER_NOT_FOUND],
        handler: async (_req, res, { params }) => {
          res.json(await getRatingForManager(ctx, params.id))
        },
      }),
      route({
        ...common,
        method: 'post',
        path: '/partners/:id/rating/adjustments',
        operationId: 'adjustPartnerRating',
        summary: "Adjust a partner's rating",
        description: 'A signed number of points, a mandatory reason and an optional end. Audited.',
        params: PartnerIdParamsSchema,
        body: CreateAdjustmentBodySchema,
        responses: { 201: { description: 'The adjustment.', schema: RatingAdjustmentSchema } },
        problems: [
          NO_MANAGER_SESSION,
          PARTNER_NOT_FOUND,
          { status: 400, code: 'validation_failed', description: 'Invalid fields, one entry per field in `errors`.' },
          { status: 422, code: 'adjustment_expiry_in_past', description: 'The end is not in the future.' },
        ],
        handler: async (_req, res, { params, body }) => {
          res.status(201).json(await adjustRating(ctx, managerOf(res), params.id, body))
        },
      }),
      route({
        ...common,
        method: 'get',
        path: '/reservation-returns',
        operationId: 'listReservationReturns',
        summary: 'Bad-lead returns',
        description: 'Pending ones by default, oldest first.',
        query: ReturnListQuerySchema,
        responses: { 200: { description: 'The returns.', schema: ReservationReturnListSchema } },
        problems: [NO_MANAGER_SESSION],
        handler: async (_req, res, { query }) => {
          res.json(await listReturns(ctx, query))
        },
      }),
      route({
        ...common,
        method: 'post',
        path: '/reservation-returns/:id/decision',
        operationId: 'decideReservationReturn',
        summary: 'Confirm or reject a bad-lead return',
        description:
          'Confirmed: the reservation stops counting in the rating and the request closes as `under_review` for ' +
          'moderation. Rejected: it counts as Lost unless the CRM decided it. Audited.',
        params: ReturnIdParamsSchema,
        body: ReturnDecisionBodySchema,
        responses: { 200: { description: 'The decided return.', schema: ReservationReturnSchema } },
        problems: [
          NO_MANAGER_SESSION,
          { status: 404, code: 'return_not_found', description: 'No return has this id.' },
          { status: 409, code: 'return_already_decided', description: 'A manager decided it already.' },
        ],
        handler: async (_req, res, { params, body }) => {
          res.json(await decideReturn(ctx, managerOf(res), params.id, body))
        },
      }),
    ],
  }
}

import * as managerContracts from '../../../shared/contracts/manager-ratings.contracts'
import * as partnerContracts from '../../../shared/contracts/partner.contracts'
import type { AppContext } from '../../context'
import { managerOf, partnerOf } from '../../http/auth/actors'
import { requirePartner } from '../../http/auth/require-partner'
import { implement, type RouteGroup } from '../../http/route'
import { requireManager } from '../managers'
import { adjustRating, getPartnerRating, getRatingForManager } from './rating.service'
import { decideReturn, listReturns, returnReservation } from './returns.service'

/** The partner's own rating and bad-lead returns. */
export function partnerRatingRoutes(ctx: AppContext): RouteGroup {
  const before = [requirePartner(ctx)]
  return [
    implement(partnerContracts.getMyRating, {
      before,
      handler: async (_req, res) => {
        res.json(await getPartnerRating(ctx, partnerOf(res).partnerId))
      },
    }),
    implement(partnerContracts.returnReservationAsBadLead, {
      before,
      handler: async (_req, res, { params, body }) => {
        res.status(201).json(await returnReservation(ctx, partnerOf(res), params.id, body))
      },
    }),
  ]
}

/** Managers adjust ratings, read their history and decide bad-lead returns. */
export function managerRatingRoutes(ctx: AppContext): RouteGroup {
  const before = [requireManager(ctx)]
  return [
    implement(managerContracts.getPartnerRating, {
      before,
      handler: async (_req, res, { params }) => {
        const rating = await getRatingForManager(ctx, params.id)
        res.json(rating)
      },
    }),
    implement(managerContracts.adjustPartnerRating, {
      before,
      handler: async (_req, res, { params, body }) => {
        res.status(201).json(await adjustRating(ctx, managerOf(res), params.id, body))
      },
    }),
    implement(managerContracts.listReservationReturns, {
      before,
      handler: async (_req, res, { query }) => {
        res.json(await listReturns(ctx, query))
      },
    }),
    implement(managerContracts.decideReservationReturn, {
      before,
      handler: async (_req, res, { params, body }) => {
        res.json(await decideReturn(ctx, managerOf(res), params.id, body))
      },
    }),
  ]
}

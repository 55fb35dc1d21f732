import * as contracts from '../../../shared/contracts/partner.contracts'
import type { AppContext } from '../../context'
import { partnerOf } from '../../http/auth/actors'
import { requirePartner } from '../../http/auth/require-partner'
import { implement, type RouteGroup } from '../../http/route'
import { setMyLocations } from '../partners'
import { getMyProfile, listFeed, listMyReservations, releaseReservation, reserveRequest } from './reservations.service'

/** What partners see and do inside the app: profile, locations, the feed, reservations. */
export function partnerRoutes(ctx: AppContext): RouteGroup {
  const before = [requirePartner(ctx)]
  return [
    implement(contracts.getMyPartnerProfile, {
      before,
      handler: async (_req, res) => {
        res.json(await getMyProfile(ctx, partnerOf(res)))
      },
    }),
    implement(contracts.setMyLocations, {
      before,
      handler: async (_req, res, { body }) => {
        await setMyLocations(ctx, partnerOf(res), body.additional)
        res.json(await getMyProfile(ctx, partnerOf(res)))
      },
    }),
    implement(contracts.listRequestFeed, {
      before,
      handler: async (_req, res, { query }) => {
        res.json(await listFeed(ctx, partnerOf(res), query))
      },
    }),
    implement(contracts.reserveRequest, {
      before,
      handler: async (_req, res, { params, query }) => {
        const result = await reserveRequest(ctx, partnerOf(res), params.id, { assignTo: query.assignTo })
        res.status(result.created ? 201 : 200).json(result.reservation)
      },
    }),
    implement(contracts.releaseReservation, {
      before,
      handler: async (_req, res, { params }) => {
        res.json(await releaseReservation(ctx, partnerOf(res), params.id))
      },
    }),
    implement(contracts.listMyReservations, {
      before,
      handler: async (_req, res, { query }) => {
        res.json(await listMyReservations(ctx, partnerOf(res), query))
      },
    }),
  ]
}

import { FeedPageSchema, FeedQuerySchema } from '../../../shared/schemas/feed.schema'
import { PartnerProfileSchema, SetMyLocationsBodySchema } from '../../../shared/schemas/partner.schema'
import {
  RequestIdParamsSchema,
  ReserveQuerySchema,
  ReservationListQuerySchema,
  ReservationListSchema,
  ReservationSchema,
} from '../../../shared/schemas/reservation.schema'
import type { AppContext } from '../../context'
import { partnerOf } from '../../http/auth/actors'
import { requirePartner } from '../../http/auth/require-partner'
import { route, type ProblemSpec, type RouteGroup } from '../../http/route'
import { setMyLocations } from '../partners'
import { getMyProfile, listFeed, listMyReservations, releaseReservation, reserveRequest } from './reservations.service'

const UNAUTHORIZED: ProblemSpec = { status: 401, code: 'missing_session', description: 'No valid partner session.' }
const INELIGIBLE: ProblemSpec[] = [
  { status: 403, code: 'partner_not_approved', description: 'The partner is not approved yet (rules 5.2).' },
  {
    status: 403,
    code: 'tutorial_not_completed',
    description: 'The Partner Program Tutorial is not completed (rules 5.2).',
  },
  {
    status: 403,
    code: 'partner_suspended',
    description: 'Access to requests is suspended; `until` says until when (rules 13.4).',
  },
]

/** What partners see and do inside the app: profile, locations, the feed, reservations. */
export function partnerRoutes(ctx: AppContext): RouteGroup {
  const common = { tags: ['Partner app'], security: ['partnerSession'], before: [requirePartner(ctx)] }
  return {
    prefix: '/api/partner',
    routes: [
      route({
        ...common,
        method: 'get',
        path: '/me',
        operationId: 'getMyPartnerProfile',
        summary: 'My partner profile',
        description: 'Status, eligibility with every failing condition, locations, and the reservation quota in use.',
        responses: { 200: { description: 'The profile.', schema: PartnerProfileSchema } },
        problems: [UNAUTHORIZED],
        handler: async (_req, res) => {
          res.json(await getMyProfile(ctx, partnerOf(res)))
        },
      }),
      route({
        ...common,
        method: 'put',
        path: '/locations',
        operationId: 'setMyLocations',
        summary: 'Choose my additional locations',
        description: 'Up to 3 countries besides the registered one (rules 5.2), unless a manager locked them.',
        body: SetMyLocationsBodySchema,
        responses: { 200: { description: 'The profile with the new locations.', schema: PartnerProfileSchema } },
        problems: [
          UNAUTHORIZED,
          { status: 403, code: 'locations_locked', description: 'A manager fixed the locations.' },
          { status: 422, code: 'too_many_locations', description: 'More than 3 additional locations.' },
          { status: 422, code: 'country_restricted', description: 'A restricted country (rules 2.4).' },
          {
            status: 422,
            code: 'location_is_registered_country',
            description: 'The registered country is always covered.',
          },
        ],
        handler: async (_req, res, { body }) => {
          await setMyLocations(ctx, partnerOf(res), body.additional)
          res.json(await getMyProfile(ctx, partnerOf(res)))
        },
      }),
      route({
        ...common,
        method: 'get',
        path: '/requests',
        operationId: 'listRequestFeed',
        summary: 'Open requests in my locations',
        description:
          'Newest first. Contacts are never included; e-mails, phones and links in the description are masked.',
        query: FeedQuerySchema,
        responses: { 200: { description: 'A page of the feed.', schema: FeedPageSchema } },
        problems: [
          UNAUTHORIZED,
          ...INELIGIBLE,
          { status: 403, code: 'territory_not_covered', description: 'The country filter is not one of my locations.' },
          { status: 400, code: 'invalid_cursor', description: 'The cursor was not returned by this API.' },
        ],
        handler: async (_req, res, { query }) => {
          res.json(await listFeed(ctx, partnerOf(res), query))
        },
      }),
      route({
        ...common,
        method: 'post',
        path: '/requests/:id/reservation',
        operationId: 'reserveRequest',
        summary: 'Reserve a request',
        description:
          'Takes one of the 5 slots and returns the contacts. Repeating returns the same reservation with 200.',
        params: RequestIdParamsSchema,
        query: ReserveQuerySchema,
        responses: {
          201: { description: 'Reserved; the contacts are included.', schema: ReservationSchema },
          200: { description: 'Already reserved by me; the same reservation.', schema: ReservationSchema },
        },
        problems: [
          UNAUTHORIZED,
          ...INELIGIBLE,
          { status: 403, code: 'territory_not_covered', description: 'The request is outside my locations.' },
          {
            status: 403,
            code: 'reservation_quota_exceeded',
            description:
              'A limit of my rating tier is reached: `quota` names it (`open` at once or `monthly` per 30 days), with ' +
              '`limit`, `used` and `resetsAt` (when the monthly one frees; null for the open one).',
          },
          {
            status: 403,
            code: 'early_access_pending',
            description: 'Higher tiers see the request first; `visibleAt` says when my tier may reserve it.',
          },
          { status: 404, code: 'request_not_found', description: 'Unknown request.' },
          { status: 409, code: 'request_closed', description: 'The request is closed to new reservations.' },
          { status: 409, code: 'request_fully_reserved', description: '5 partners hold the request.' },
          { status: 409, code: 'reservation_previously_released', description: 'I released this request before.' },
        ],
        handler: async (_req, res, { params, query }) => {
          const result = await reserveRequest(ctx, partnerOf(res), params.id, { assignTo: query.assignTo })
          res.status(result.created ? 201 : 200).json(result.reservation)
        },
      }),
      route({
        ...common,
        method: 'delete',
        path: '/requests/:id/reservation',
        operationId: 'releaseReservation',
        summary: 'Release my reservation',
        description: 'The slot frees for another partner and my access to the contacts ends.',
        params: RequestIdParamsSchema,
        responses: { 200: { description: 'The released reservation, without contacts.', schema: ReservationSchema } },
        problems: [
          UNAUTHORIZED,
          { status: 404, code: 'reservation_not_found', description: 'No active reservation of it.' },
        ],
        handler: async (_req, res, { params }) => {
          res.json(await releaseReservation(ctx, partnerOf(res), params.id))
        },
      }),
      route({
        ...common,
        method: 'get',
        path: '/reservations',
        operationId: 'listMyReservations',
        summary: 'My reservations',
        description: 'Newest first, with the contacts of active ones.',
        query: ReservationListQuerySchema,
        responses: { 200: { description: 'A page of reservations.', schema: ReservationListSchema } },
        problems: [
          UNAUTHORIZED,
          { status: 400, code: 'invalid_cursor', description: 'The cursor was not returned by this API.' },
        ],
        handler: async (_req, res, { query }) => {
          res.json(await listMyReservations(ctx, partnerOf(res), query))
        },
      }),
    ],
  }
}

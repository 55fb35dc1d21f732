import { FeedPageSchema, FeedQuerySchema } from '../schemas/feed.schema'
import { PartnerProfileSchema, SetMyLocationsBodySchema } from '../schemas/partner.schema'
import { PartnerRatingSchema, ReservationReturnSchema, ReturnReservationBodySchema } from '../schemas/rating'
import {
  RequestIdParamsSchema,
  ReservationListQuerySchema,
  ReservationListSchema,
  ReservationSchema,
  ReserveQuerySchema,
} from '../schemas/reservation.schema'
import { defineContract } from './contract'
import { ELIGIBILITY_PROBLEMS, PARTNER_SESSION_PROBLEMS } from './session-problems'

/** What partners see and do inside the app: profile, locations, the feed, reservations, rating. */
const partnerApp = { tags: ['Partner app'], security: 'partnerSession' } as const

export const getMyPartnerProfile = defineContract({
  ...partnerApp,
  method: 'get',
  path: '/api/partner/me',
  operationId: 'getMyPartnerProfile',
  summary: 'My partner profile',
  description: 'Status, eligibility with every failing condition, locations, and the reservation quota in use.',
  responses: { 200: { description: 'The profile.', schema: PartnerProfileSchema } },
  problems: PARTNER_SESSION_PROBLEMS,
})

export const setMyLocations = defineContract({
  ...partnerApp,
  method: 'put',
  path: '/api/partner/locations',
  operationId: 'setMyLocations',
  summary: 'Choose my additional locations',
  description: 'Up to 3 countries besides the registered one (rules 5.2), unless a manager locked them.',
  body: SetMyLocationsBodySchema,
  responses: { 200: { description: 'The profile with the new locations.', schema: PartnerProfileSchema } },
  problems: {
    ...PARTNER_SESSION_PROBLEMS,
    locations_locked: 'A manager fixed the locations.',
    too_many_locations: 'More than 3 additional locations.',
    country_restricted: 'A restricted country (rules 2.4).',
    location_is_registered_country: 'The registered country is always covered.',
  },
})

export const listRequestFeed = defineContract({
  ...partnerApp,
  method: 'get',
  path: '/api/partner/requests',
  operationId: 'listRequestFeed',
  summary: 'Open requests in my locations',
  description: 'Newest first. Contacts are never included; e-mails, phones and links in the description are masked.',
  query: FeedQuerySchema,
  responses: { 200: { description: 'A page of the feed.', schema: FeedPageSchema } },
  problems: {
    ...PARTNER_SESSION_PROBLEMS,
    ...ELIGIBILITY_PROBLEMS,
    territory_not_covered: 'The country filter is not one of my locations.',
    invalid_cursor: 'The cursor was not returned by this API.',
  },
})

export const reserveRequest = defineContract({
  ...partnerApp,
  method: 'post',
  path: '/api/partner/requests/:id/reservation',
  operationId: 'reserveRequest',
  summary: 'Reserve a request',
  description: 'Takes one of the 5 slots and returns the contacts. Repeating returns the same reservation with 200.',
  params: RequestIdParamsSchema,
  query: ReserveQuerySchema,
  responses: {
    201: { description: 'Reserved; the contacts are included.', schema: ReservationSchema },
    200: { description: 'Already reserved by me; the same reservation.', schema: ReservationSchema },
  },
  problems: {
    ...PARTNER_SESSION_PROBLEMS,
    ...ELIGIBILITY_PROBLEMS,
    territory_not_covered: 'The request is outside my locations.',
    reservation_quota_exceeded:
      'A limit of my rating tier is reached: `quota` names it (`open` at once or `monthly` per 30 days), with ' +
      '`limit`, `used` and `resetsAt` (when the monthly one frees; null for the open one).',
    early_access_pending: 'Higher tiers see the request first; `visibleAt` says when my tier may reserve it.',
    request_not_found: 'Unknown request.',
    request_closed: 'The request is closed to new reservations.',
    request_fully_reserved: '5 partners hold the request.',
    already_reserved: 'I hold this request already (only while another reservation of mine is being made).',
    reservation_previously_released: 'I released this request before.',
  },
})

export const releaseReservation = defineContract({
  ...partnerApp,
  method: 'delete',
  path: '/api/partner/requests/:id/reservation',
  operationId: 'releaseReservation',
  summary: 'Release my reservation',
  description:
    'The slot frees for another partner and my access to the contacts ends. Only an undecided lead can be ' +
    'released: a Won or Lost one stays with the partner (`abilities.release` says whether it may).',
  params: RequestIdParamsSchema,
  responses: { 200: { description: 'The released reservation, without contacts.', schema: ReservationSchema } },
  problems: {
    ...PARTNER_SESSION_PROBLEMS,
    reservation_not_found: 'No active reservation of it.',
    lead_outcome_final: 'The lead is Won or Lost in the CRM (`outcome`); the reservation stays.',
  },
})

export const listMyReservations = defineContract({
  ...partnerApp,
  method: 'get',
  path: '/api/partner/reservations',
  operationId: 'listMyReservations',
  summary: 'My reservations',
  description: 'Newest first, with the contacts of active ones.',
  query: ReservationListQuerySchema,
  responses: { 200: { description: 'A page of reservations.', schema: ReservationListSchema } },
  problems: { ...PARTNER_SESSION_PROBLEMS, invalid_cursor: 'The cursor was not returned by this API.' },
})

export const getMyRating = defineContract({
  ...partnerApp,
  method: 'get',
  path: '/api/partner/rating',
  operationId: 'getMyRating',
  summary: 'My rating and what it unlocks',
  description:
    'Score, tier, the limits it sets and their use, outcome counts, adjustments in force, the next tier and ' +
    'what it takes to reach it, a daily history, and the formula and tier table the server enforces.',
  responses: { 200: { description: 'The rating.', schema: PartnerRatingSchema } },
  problems: PARTNER_SESSION_PROBLEMS,
})

export const returnReservationAsBadLead = defineContract({
  ...partnerApp,
  method: 'post',
  path: '/api/partner/requests/:id/reservation/return',
  operationId: 'returnReservationAsBadLead',
  summary: 'Return my reservation as a bad lead',
  description:
    'Within the return window, with a reason. The reservation ends at once; a manager confirms (it then ' +
    'does not count in the rating) or rejects (it counts as Lost unless the CRM decided it).',
  params: RequestIdParamsSchema,
  body: ReturnReservationBodySchema,
  responses: { 201: { description: 'The return, pending a decision.', schema: ReservationReturnSchema } },
  problems: {
    ...PARTNER_SESSION_PROBLEMS,
    reservation_not_found: 'No active reservation of it.',
    return_window_closed: 'The return window has passed; see `returnUntil`.',
    won_cannot_be_returned: 'The lead is Won in the CRM.',
  },
})

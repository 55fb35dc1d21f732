import {
  CreatePartnerBodySchema,
  PartnerIdParamsSchema,
  PartnerListQuerySchema,
  PartnerListSchema,
  PartnerSchema,
  SetPartnerLocationsBodySchema,
  SuspendPartnerBodySchema,
  UpdatePartnerBodySchema,
} from '../schemas/partner.schema'
import { ClientFeedbackListSchema, ClientFeedbackQuerySchema } from '../schemas/request-status.schema'
import { LinkCodeSchema, PortalListSchema } from '../schemas/session.schema'
import { defineContract } from './contract'
import { MANAGER_SESSION_PROBLEMS } from './session-problems'

/** Managers create and edit partners, set their locations, and suspend or restore their access (rules 5.2, 13.4). */
const partners = { tags: ['Partners'], security: 'managerSession' } as const
const single = { description: 'The partner.', schema: PartnerSchema }
const NOT_FOUND = { partner_not_found: 'No partner has this id.' } as const
const INVALID = { validation_failed: 'A field is missing or invalid.' } as const
const LOCATION_PROBLEMS = {
  too_many_locations: 'More than 3 additional locations (rules 5.2).',
  country_restricted: 'A restricted country was chosen (rules 2.4).',
  location_is_registered_country: 'The registered country is always covered.',
} as const

export const listPartners = defineContract({
  ...partners,
  method: 'get',
  path: '/api/manager/partners',
  operationId: 'listPartners',
  summary: 'List partners',
  query: PartnerListQuerySchema,
  responses: { 200: { description: 'A page of partners by company name.', schema: PartnerListSchema } },
  problems: { ...MANAGER_SESSION_PROBLEMS, invalid_cursor: 'The cursor was not returned by this API.' },
})

export const createPartner = defineContract({
  ...partners,
  method: 'post',
  path: '/api/manager/partners',
  operationId: 'createPartner',
  summary: 'Create a partner',
  body: CreatePartnerBodySchema,
  responses: { 201: single },
  problems: { ...MANAGER_SESSION_PROBLEMS, ...INVALID, partner_code_taken: 'The partner id exists.' },
})

export const getPartner = defineContract({
  ...partners,
  method: 'get',
  path: '/api/manager/partners/:id',
  operationId: 'getPartner',
  summary: 'Get a partner',
  params: PartnerIdParamsSchema,
  responses: { 200: single },
  problems: { ...MANAGER_SESSION_PROBLEMS, ...NOT_FOUND },
})

export const updatePartner = defineContract({
  ...partners,
  method: 'patch',
  path: '/api/manager/partners/:id',
  operationId: 'updatePartner',
  summary: 'Edit a partner',
  description: 'Changes status, approval, tutorial date, company details or contacts. Audited with before and after.',
  params: PartnerIdParamsSchema,
  body: UpdatePartnerBodySchema,
  responses: { 200: single },
  problems: { ...MANAGER_SESSION_PROBLEMS, ...INVALID, ...NOT_FOUND },
})

export const setPartnerLocations = defineContract({
  ...partners,
  method: 'put',
  path: '/api/manager/partners/:id/locations',
  operationId: 'setPartnerLocations',
  summary: "Set a partner's locations",
  description: 'Sets the additional locations (at most 3) and whether the partner may change them.',
  params: PartnerIdParamsSchema,
  body: SetPartnerLocationsBodySchema,
  responses: { 200: single },
  problems: { ...MANAGER_SESSION_PROBLEMS, ...INVALID, ...NOT_FOUND, ...LOCATION_PROBLEMS },
})

export const suspendPartner = defineContract({
  ...partners,
  method: 'put',
  path: '/api/manager/partners/:id/suspension',
  operationId: 'suspendPartner',
  summary: "Suspend a partner's access to requests",
  description: 'Until a date, or permanently with `until: null` (rules 13.4).',
  params: PartnerIdParamsSchema,
  body: SuspendPartnerBodySchema,
  responses: { 200: single },
  problems: {
    ...MANAGER_SESSION_PROBLEMS,
    ...INVALID,
    ...NOT_FOUND,
    suspension_in_past: 'The end date has passed.',
  },
})

export const restorePartner = defineContract({
  ...partners,
  method: 'delete',
  path: '/api/manager/partners/:id/suspension',
  operationId: 'restorePartner',
  summary: "Restore a partner's access to requests",
  params: PartnerIdParamsSchema,
  responses: { 200: single },
  problems: { ...MANAGER_SESSION_PROBLEMS, ...NOT_FOUND, partner_not_suspended: 'Not suspended.' },
})

export const issueLinkCode = defineContract({
  ...partners,
  method: 'post',
  path: '/api/manager/partners/:id/link-code',
  operationId: 'issueLinkCode',
  summary: "Issue a code that links a partner's portal",
  params: PartnerIdParamsSchema,
  responses: { 201: { description: 'The code, shown once.', schema: LinkCodeSchema } },
  problems: { ...MANAGER_SESSION_PROBLEMS, ...NOT_FOUND },
})

export const listPortals = defineContract({
  ...partners,
  method: 'get',
  path: '/api/manager/portals',
  operationId: 'listPortals',
  summary: 'Portals the app is installed on',
  description: 'With their state: a portal that needs re-authorisation shows `needs_reauth` and the last error.',
  responses: { 200: { description: 'Newest installs first.', schema: PortalListSchema } },
  problems: MANAGER_SESSION_PROBLEMS,
})

export const listClientFeedback = defineContract({
  ...partners,
  method: 'get',
  path: '/api/manager/client-feedback',
  operationId: 'listClientFeedback',
  summary: 'List client ratings of partners',
  description: 'Newest first, optionally for one partner, with the averages of all matching ratings (rules 5.1.3).',
  query: ClientFeedbackQuerySchema,
  responses: { 200: { description: 'Ratings and averages.', schema: ClientFeedbackListSchema } },
  problems: { ...MANAGER_SESSION_PROBLEMS, invalid_cursor: 'The cursor was not returned by this API.' },
})

import {
  CreatePartnerBodySchema,
  PartnerIdParamsSchema,
  PartnerListQuerySchema,
  PartnerListSchema,
  PartnerSchema,
  SetPartnerLocationsBodySchema,
  SuspendPartnerBodySchema,
  UpdatePartnerBodySchema,
} from '../../../shared/schemas/partner.schema'
import type { AppContext } from '../../context'
import { managerOf } from '../../http/auth/actors'
import { route, type ProblemSpec, type RouteGroup } from '../../http/route'
import { NO_MANAGER_SESSION, requireManager } from '../managers'
import {
  createPartner,
  getPartner,
  listPartners,
  restorePartner,
  setPartnerLocations,
  suspendPartner,
  updatePartner,
} from './partners.service'

const NOT_FOUND: ProblemSpec = { status: 404, code: 'partner_not_found', description: 'No partner has this id.' }
const INVALID: ProblemSpec = { status: 400, code: 'validation_failed', description: 'A field is missing or invalid.' }
const LOCATION_PROBLEMS: ProblemSpec[] = [
  { status: 422, code: 'too_many_locations', description: 'More than 3 additional locations (rules 5.2).' },
  { status: 422, code: 'country_restricted', description: 'A restricted country was chosen (rules 2.4).' },
  { status: 422, code: 'location_is_registered_country', description: 'The registered country is always covered.' },
]

/** Managers create and edit partners, set their locations, and suspend or restore their access (rules 5.2, 13.4). */
export function partnerManagementRoutes(ctx: AppContext): RouteGroup {
  const common = { tags: ['Partners'], security: ['managerSession'], before: [requireManager(ctx)] }
  const single = { description: 'The partner.', schema: PartnerSchema }
  return {
    prefix: '/api/manager',
    routes: [
      route({
        ...common,
        method: 'get',
        path: '/partners',
        operationId: 'listPartners',
        summary: 'List partners',
        query: PartnerListQuerySchema,
        responses: { 200: { description: 'A page of partners by company name.', schema: PartnerListSchema } },
        problems: [NO_MANAGER_SESSION],
        handler: async (_req, res, { query }) => {
          res.json(await listPartners(ctx, query))
        },
      }),
      route({
        ...common,
        method: 'post',
        path: '/partners',
        operationId: 'createPartner',
        summary: 'Create a partner',
        body: CreatePartnerBodySchema,
        responses: { 201: single },
        problems: [
          NO_MANAGER_SESSION,
          INVALID,
          { status: 409, code: 'partner_code_taken', description: 'The partner id exists.' },
        ],
        handler: async (_req, res, { body }) => {
          res.status(201).json(await createPartner(ctx, managerOf(res), body))
        },
      }),
      route({
        ...common,
        method: 'get',
        path: '/partners/:id',
        operationId: 'getPartner',
        summary: 'Get a partner',
        params: PartnerIdParamsSchema,
        responses: { 200: single },
        problems: [NO_MANAGER_SESSION, NOT_FOUND],
        handler: async (_req, res, { params }) => {
          res.json(await getPartner(ctx, params.id))
        },
      }),
      route({
        ...common,
        method: 'patch',
        path: '/partners/:id',
        operationId: 'updatePartner',
        summary: 'Edit a partner',
        description:
          'Changes status, approval, tutorial date, company details or contacts. Audited with before and after.',
        params: PartnerIdParamsSchema,
        body: UpdatePartnerBodySchema,
        responses: { 200: single },
        problems: [NO_MANAGER_SESSION, INVALID, NOT_FOUND],
        handler: async (_req, res, { params, body }) => {
          res.json(await updatePartner(ctx, managerOf(res), params.id, body))
        },
      }),
      route({
        ...common,
        method: 'put',
        path: '/partners/:id/locations',
        operationId: 'setPartnerLocations',
        summary: "Set a partner's locations",
        description: 'Sets the additional locations (at most 3) and whether the partner may change them.',
        params: PartnerIdParamsSchema,
        body: SetPartnerLocationsBodySchema,
        responses: { 200: single },
        problems: [NO_MANAGER_SESSION, INVALID, NOT_FOUND, ...LOCATION_PROBLEMS],
        handler: async (_req, res, { params, body }) => {
          res.json(await setPartnerLocations(ctx, managerOf(res), params.id, body))
        },
      }),
      route({
        ...common,
        method: 'put',
        path: '/partners/:id/suspension',
        operationId: 'suspendPartner',
        summary: "Suspend a partner's access to requests",
        description: 'Until a date, or permanently with `until: null` (rules 13.4).',
        params: PartnerIdParamsSchema,
        body: SuspendPartnerBodySchema,
        responses: { 200: single },
        problems: [
          NO_MANAGER_SESSION,
          INVALID,
          NOT_FOUND,
          { status: 422, code: 'suspension_in_past', description: 'The end date has passed.' },
        ],
        handler: async (_req, res, { params, body }) => {
          res.json(await suspendPartner(ctx, managerOf(res), params.id, body))
        },
      }),
      route({
        ...common,
        method: 'delete',
        path: '/partners/:id/suspension',
        operationId: 'restorePartner',
        summary: "Restore a partner's access to requests",
        params: PartnerIdParamsSchema,
        responses: { 200: single },
        problems: [
          NO_MANAGER_SESSION,
          NOT_FOUND,
          { status: 409, code: 'partner_not_suspended', description: 'Not suspended.' },
        ],
        handler: async (_req, res, { params }) => {
          res.json(await restorePartner(ctx, managerOf(res), params.id))
        },
      }),
    ],
  }
}

import { RequestIdParamsSchema } from '../../../shared/schemas/reservation.schema'
import {
  ModerateRequestBodySchema,
  ModeratedRequestListSchema,
  ModeratedRequestSchema,
  ModerationQuerySchema,
} from '../../../shared/schemas/manager.schema'
import {
  CreateRequestBodySchema,
  CreatedRequestSchema,
  DuplicateRequestSchema,
} from '../../../shared/schemas/request.schema'
import type { AppContext } from '../../context'
import { managerOf } from '../../http/auth/actors'
import { route, type ProblemSpec, type RouteGroup } from '../../http/route'
import { NO_MANAGER_SESSION, requireManager } from '../managers'
import { createRequest } from './create-request'
import { getRequestForModeration, listRequestsForModeration, moderateRequest } from './moderate-requests'

/** Prospective clients submit implementation requests; no sign-in. */
export function publicRequestRoutes(ctx: AppContext): RouteGroup {
  return {
    prefix: '/api/public',
    routes: [
      route({
        method: 'post',
        path: '/requests',
        operationId: 'createRequest',
        summary: 'Submit an implementation request',
        description:
          'Up to 5 Bitrix24 partners covering the country may reserve the request and receive the contact details. ' +
          'Returns the private status token once. Repeating a request (same e-mail and country, overlapping types, ' +
          'within 30 days) returns the existing request with 200 instead of a copy.',
        tags: ['Public'],
        body: CreateRequestBodySchema,
        responses: {
          201: { description: 'The request was accepted.', schema: CreatedRequestSchema },
          200: {
            description: 'The same request was received recently; nothing new was stored.',
            schema: DuplicateRequestSchema,
          },
        },
        problems: [
          { status: 400, code: 'validation_failed', description: 'Invalid fields, one entry per field in `errors`.' },
          { status: 400, code: 'malformed_json', description: 'The body is not JSON.' },
          { status: 413, code: 'payload_too_large', description: 'The body is too large.' },
          { status: 415, code: 'unsupported_media_type', description: 'The body is not sent as application/json.' },
          {
            status: 422,
            code: 'country_restricted',
            description: 'Requests from this country cannot be accepted (rules 2.4).',
          },
          { status: 422, code: 'spam_suspected', description: 'The submission looks automated.' },
          { status: 429, code: 'rate_limited', description: 'Too many requests from this address; see Retry-After.' },
        ],
        handler: async (req, res, { body }) => {
          const result = await createRequest(ctx, body, req.ip ?? 'unknown')
          res.status(result.kind === 'created' ? 201 : 200).json(result.body)
        },
      }),
    ],
  }
}

const NOT_FOUND: ProblemSpec = { status: 404, code: 'request_not_found', description: 'No request has this id.' }

/** Managers moderate requests: close, reopen, reject as spam. */
export function requestModerationRoutes(ctx: AppContext): RouteGroup {
  const common = { tags: ['Moderation'], security: ['managerSession'], before: [requireManager(ctx)] }
  return {
    prefix: '/api/manager',
    routes: [
      route({
        ...common,
        method: 'get',
        path: '/requests',
        operationId: 'listRequestsForModeration',
        summary: 'List requests',
        query: ModerationQuerySchema,
        responses: { 200: { description: 'Newest first.', schema: ModeratedRequestListSchema } },
        problems: [NO_MANAGER_SESSION],
        handler: async (_req, res, { query }) => {
          res.json(await listRequestsForModeration(ctx, query))
        },
      }),
      route({
        ...common,
        method: 'get',
        path: '/requests/:id',
        operationId: 'getRequestForModeration',
        summary: 'Get a request',
        params: RequestIdParamsSchema,
        responses: { 200: { description: 'The request.', schema: ModeratedRequestSchema } },
        problems: [NO_MANAGER_SESSION, NOT_FOUND],
        handler: async (_req, res, { params }) => {
          res.json(await getRequestForModeration(ctx, params.id))
        },
      }),
      route({
        ...common,
        method: 'post',
        path: '/requests/:id/moderation',
        operationId: 'moderateRequest',
        summary: 'Close, reopen or reject a request as spam',
        params: RequestIdParamsSchema,
        body: ModerateRequestBodySchema,
        responses: { 200: { description: 'The request after the change.', schema: ModeratedRequestSchema } },
        problems: [
          NO_MANAGER_SESSION,
          NOT_FOUND,
          { status: 409, code: 'request_already_open', description: 'Reopening an open request.' },
          { status: 409, code: 'request_already_closed', description: 'Closing a closed request.' },
          { status: 409, code: 'request_fully_reserved', description: 'Reopening a request 5 partners hold.' },
        ],
        handler: async (_req, res, { params, body }) => {
          res.json(await moderateRequest(ctx, managerOf(res), params.id, body.action, body.note))
        },
      }),
    ],
  }
}

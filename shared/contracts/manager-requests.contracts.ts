import {
  ModerateRequestBodySchema,
  ModeratedRequestListSchema,
  ModeratedRequestSchema,
  ModerationQuerySchema,
} from '../schemas/manager.schema'
import { RequestIdParamsSchema } from '../schemas/reservation.schema'
import { defineContract } from './contract'
import { MANAGER_SESSION_PROBLEMS } from './session-problems'

/** Managers moderate requests: close, reopen, reject as spam. */
const moderation = { tags: ['Moderation'], security: 'managerSession' } as const
const NOT_FOUND = { request_not_found: 'No request has this id.' } as const

export const listRequestsForModeration = defineContract({
  ...moderation,
  method: 'get',
  path: '/api/manager/requests',
  operationId: 'listRequestsForModeration',
  summary: 'List requests',
  query: ModerationQuerySchema,
  responses: { 200: { description: 'Newest first.', schema: ModeratedRequestListSchema } },
  problems: { ...MANAGER_SESSION_PROBLEMS, invalid_cursor: 'The cursor was not returned by this API.' },
})

export const getRequestForModeration = defineContract({
  ...moderation,
  method: 'get',
  path: '/api/manager/requests/:id',
  operationId: 'getRequestForModeration',
  summary: 'Get a request',
  params: RequestIdParamsSchema,
  responses: { 200: { description: 'The request.', schema: ModeratedRequestSchema } },
  problems: { ...MANAGER_SESSION_PROBLEMS, ...NOT_FOUND },
})

export const moderateRequest = defineContract({
  ...moderation,
  method: 'post',
  path: '/api/manager/requests/:id/moderation',
  operationId: 'moderateRequest',
  summary: 'Close, reopen or reject a request as spam',
  params: RequestIdParamsSchema,
  body: ModerateRequestBodySchema,
  responses: { 200: { description: 'The request after the change.', schema: ModeratedRequestSchema } },
  problems: {
    ...MANAGER_SESSION_PROBLEMS,
    ...NOT_FOUND,
    request_already_open: 'Reopening an open request.',
    request_already_closed: 'Closing a closed request.',
    request_fully_reserved: 'Reopening a request 5 partners hold.',
    request_erased: 'Reopening a request whose client erased their data: it stays closed.',
  },
})

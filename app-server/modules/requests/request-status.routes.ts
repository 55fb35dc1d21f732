import {
  ClientFeedbackBodySchema,
  ClientFeedbackListSchema,
  ClientFeedbackQuerySchema,
  RequestStatusViewSchema,
} from '../../../shared/schemas/request-status.schema'
import type { AppContext } from '../../context'
import { route, type RouteGroup } from '../../http/route'
import { NO_MANAGER_SESSION, requireManager } from '../managers'
import { listClientFeedback, rateReceivingPartner } from './client-feedback.service'
import { eraseRequestContacts, getRequestStatus, withdrawRequest } from './request-status.service'
import { requireStatusToken, STATUS_ACCESS_PROBLEMS, statusRequestOf } from './status-access'

/** The client's private status page: the status token (Authorization: Bearer) is the only credential. */
export function requestStatusRoutes(ctx: AppContext): RouteGroup {
  const common = { tags: ['Public'], security: ['statusToken'], before: [requireStatusToken(ctx)] }
  const view = { description: 'The request as its client sees it.', schema: RequestStatusViewSchema }
  return {
    prefix: '/api/public',
    routes: [
      route({
        ...common,
        method: 'get',
        path: '/requests/status',
        operationId: 'getRequestStatus',
        summary: 'Follow my request',
        description:
          'The request without contact details, and the partner companies that reserved it (at most 5 hold it at once) with their public business contacts.',
        responses: { 200: view },
        problems: STATUS_ACCESS_PROBLEMS,
        handler: async (_req, res) => {
          res.json(await getRequestStatus(ctx, statusRequestOf(res)))
        },
      }),
      route({
        ...common,
        method: 'post',
        path: '/requests/status/withdrawal',
        operationId: 'withdrawRequest',
        summary: 'Withdraw my request',
        description: 'Closes the request for new reservations. Partners that reserved it already keep it.',
        responses: { 200: view },
        problems: [
          ...STATUS_ACCESS_PROBLEMS,
          { status: 409, code: 'request_already_closed', description: 'The request is no longer open.' },
        ],
        handler: async (_req, res) => {
          res.json(await withdrawRequest(ctx, statusRequestOf(res)))
        },
      }),
      route({
        ...common,
        method: 'post',
        path: '/requests/status/erasure',
        operationId: 'eraseRequestContacts',
        summary: 'Erase my contact details',
        description:
          'Removes name, company, e-mail, phone, the description and rating comments, clears CRM error texts, and ' +
          "takes the client's contacts out of notes on returned leads; closes an open request; " +
          'partners lose access to the contacts and leads not yet written to their CRM are not written. ' +
          'Country, types, dates and counts stay as anonymous statistics. Leads already in a partner CRM are outside the app.',
        responses: { 200: view },
        problems: [
          ...STATUS_ACCESS_PROBLEMS,
          { status: 409, code: 'contacts_already_erased', description: 'The contact details were erased before.' },
        ],
        handler: async (_req, res) => {
          res.json(await eraseRequestContacts(ctx, statusRequestOf(res)))
        },
      }),
      route({
        ...common,
        method: 'put',
        path: '/requests/status/feedback',
        operationId: 'rateReceivingPartner',
        summary: 'Rate a partner that received my request',
        description:
          'How quickly and how well the partner responded, 1 to 5 each (rules 5.1.3); possible once the partner ' +
          'has held the request for FEEDBACK_AFTER_DAYS days. Rating again replaces the earlier rating.',
        body: ClientFeedbackBodySchema,
        responses: { 201: { ...view, description: 'Rated.' }, 200: { ...view, description: 'Rating replaced.' } },
        problems: [
          ...STATUS_ACCESS_PROBLEMS,
          { status: 400, code: 'validation_failed', description: 'Invalid fields, one entry per field in `errors`.' },
          { status: 422, code: 'feedback_partner_not_found', description: 'That partner never reserved the request.' },
          {
            status: 409,
            code: 'feedback_too_early',
            description: 'The partner has not held it long enough; see `opensAt`.',
          },
        ],
        handler: async (_req, res, { body }) => {
          const result = await rateReceivingPartner(ctx, statusRequestOf(res), body)
          res.status(result.created ? 201 : 200).json(result.status)
        },
      }),
    ],
  }
}

/** Managers read what clients said about the partners that served them. */
export function clientFeedbackRoutes(ctx: AppContext): RouteGroup {
  return {
    prefix: '/api/manager',
    routes: [
      route({
        method: 'get',
        path: '/client-feedback',
        operationId: 'listClientFeedback',
        summary: 'List client ratings of partners',
        description:
          'Newest first, optionally for one partner, with the averages of all matching ratings (rules 5.1.3).',
        tags: ['Partners'],
        security: ['managerSession'],
        before: [requireManager(ctx)],
        query: ClientFeedbackQuerySchema,
        responses: { 200: { description: 'Ratings and averages.', schema: ClientFeedbackListSchema } },
        problems: [NO_MANAGER_SESSION],
        handler: async (_req, res, { query }) => {
          res.json(await listClientFeedback(ctx, query))
        },
      }),
    ],
  }
}

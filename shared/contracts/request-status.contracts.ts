import { ClientFeedbackBodySchema, RequestStatusViewSchema } from '../schemas/request-status.schema'
import { defineContract } from './contract'
import { STATUS_TOKEN_PROBLEMS } from './session-problems'

/** The client's private status page: the status token (Authorization: Bearer) is the only credential. */
const statusPage = { tags: ['Public'], security: 'statusToken' } as const
const view = { description: 'The request as its client sees it.', schema: RequestStatusViewSchema }

export const getRequestStatus = defineContract({
  ...statusPage,
  method: 'get',
  path: '/api/public/requests/status',
  operationId: 'getRequestStatus',
  summary: 'Follow my request',
  description:
    'The request without contact details, and the partner companies that reserved it (at most 5 hold it at once) with their public business contacts.',
  responses: { 200: view },
  problems: { ...STATUS_TOKEN_PROBLEMS, request_not_found: 'The request no longer exists.' },
})

export const withdrawRequest = defineContract({
  ...statusPage,
  method: 'post',
  path: '/api/public/requests/status/withdrawal',
  operationId: 'withdrawRequest',
  summary: 'Withdraw my request',
  description: 'Closes the request for new reservations. Partners that reserved it already keep it.',
  responses: { 200: view },
  problems: {
    ...STATUS_TOKEN_PROBLEMS,
    request_not_found: 'The request no longer exists.',
    request_already_closed: 'The request is no longer open.',
  },
})

export const eraseRequestContacts = defineContract({
  ...statusPage,
  method: 'post',
  path: '/api/public/requests/status/erasure',
  operationId: 'eraseRequestContacts',
  summary: 'Erase my contact details',
  description:
    'Removes name, company, e-mail, phone, the description and rating comments, clears CRM error texts, and ' +
    "takes the client's contacts out of notes on returned leads; closes an open request; " +
    'partners lose access to the contacts and leads not yet written to their CRM are not written. ' +
    'Country, types, dates and counts stay as anonymous statistics. Leads already in a partner CRM are outside the app.',
  responses: { 200: view },
  problems: {
    ...STATUS_TOKEN_PROBLEMS,
    request_not_found: 'The request no longer exists.',
    contacts_already_erased: 'The contact details were erased before.',
  },
})

export const rateReceivingPartner = defineContract({
  ...statusPage,
  method: 'put',
  path: '/api/public/requests/status/feedback',
  operationId: 'rateReceivingPartner',
  summary: 'Rate a partner that received my request',
  description:
    'How quickly and how well the partner responded, 1 to 5 each (rules 5.1.3); possible once the partner ' +
    'has held the request for FEEDBACK_AFTER_DAYS days. Rating again replaces the earlier rating.',
  body: ClientFeedbackBodySchema,
  responses: { 201: { ...view, description: 'Rated.' }, 200: { ...view, description: 'Rating replaced.' } },
  problems: {
    ...STATUS_TOKEN_PROBLEMS,
    validation_failed: 'Invalid fields, one entry per field in `errors`.',
    feedback_partner_not_found: 'That partner never reserved the request.',
    feedback_too_early: 'The partner has not held it long enough; see `opensAt`.',
  },
})

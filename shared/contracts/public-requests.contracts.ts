import { CreateRequestBodySchema, CreatedRequestSchema, RestrictedCountryCodesSchema } from '../schemas/request.schema'
import { defineContract } from './contract'

/** Prospective clients submit implementation requests; no sign-in. */
export const createRequest = defineContract({
  method: 'post',
  path: '/api/public/requests',
  operationId: 'createRequest',
  summary: 'Submit an implementation request',
  description:
    'Up to 5 Bitrix24 partners covering the country may reserve the request and receive the contact details. ' +
    'Returns the private status token once. Repeating a request (same e-mail and country, overlapping types, ' +
    'within 30 days) stores nothing and is answered exactly like a new request, with an id and a token that ' +
    'open nothing, so the answer never tells whether an e-mail address has a request.',
  tags: ['Public'],
  security: null,
  body: CreateRequestBodySchema,
  responses: {
    201: { description: 'The request was accepted (or was a repeat, answered alike).', schema: CreatedRequestSchema },
  },
  problems: {
    validation_failed: 'Invalid fields, one entry per field in `errors`.',
    malformed_json: 'The body is not JSON.',
    payload_too_large: 'The body is too large.',
    unsupported_media_type: 'The body is not sent as application/json.',
    country_restricted: 'Requests from this country cannot be accepted (rules 2.4).',
    spam_suspected: 'The submission looks automated.',
    rate_limited: 'Too many requests from this address; see Retry-After.',
  },
})

/** The form leaves these countries out of its list, so nobody fills it in only to be refused on sending. */
export const listRestrictedCountryCodes = defineContract({
  method: 'get',
  path: '/api/public/restricted-countries',
  operationId: 'listRestrictedCountryCodes',
  summary: 'Countries requests cannot come from',
  description:
    'The codes of the countries from which requests are refused with `country_restricted` (rules 2.4), without ' +
    "the managers' reasons. Cached by browsers for up to 5 minutes.",
  tags: ['Public'],
  security: null,
  responses: { 200: { description: 'The restricted countries.', schema: RestrictedCountryCodesSchema } },
  problems: {},
})

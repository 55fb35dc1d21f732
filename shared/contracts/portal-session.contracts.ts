import { LinkPortalBodySchema, SessionBodySchema, SessionSchema } from '../schemas/session.schema'
import { defineContract } from './contract'
import { PORTAL_SESSION_PROBLEMS } from './session-problems'

/** The app inside a Bitrix24 portal starts a session, and a portal administrator links the portal to a partner. */
export const createPortalSession = defineContract({
  method: 'post',
  path: '/api/session',
  operationId: 'createPortalSession',
  summary: 'Start a session from the Bitrix24 frame',
  description: 'Checks the frame token with the portal itself and returns a short-lived bearer token.',
  tags: ['Partner app'],
  security: null,
  body: SessionBodySchema,
  responses: { 201: { description: 'The session.', schema: SessionSchema } },
  problems: {
    portal_not_installed: 'The app is not installed on that portal.',
    invalid_portal_token: 'The portal did not accept the token.',
  },
})

export const linkPortal = defineContract({
  method: 'post',
  path: '/api/portal/link',
  operationId: 'linkPortal',
  summary: 'Link this portal to a partner account',
  description: 'With the one-time code a partner manager issued. Returns a new session bound to the partner.',
  tags: ['Partner app'],
  security: 'partnerSession',
  body: LinkPortalBodySchema,
  responses: { 200: { description: 'Linked; use the new session.', schema: SessionSchema } },
  problems: {
    ...PORTAL_SESSION_PROBLEMS,
    portal_not_installed: 'The app is no longer installed on this portal.',
    portal_admin_required: 'Only a portal administrator may link it.',
    link_code_invalid: 'Unknown code.',
    link_code_used: 'The code was used already.',
    portal_already_linked: 'The portal is linked already.',
    link_code_expired: 'The code has expired.',
    rate_limited: 'Too many link attempts from this portal or this address; see Retry-After.',
  },
})

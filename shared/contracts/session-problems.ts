import type { ProblemDescriptions } from './contract'

/** What every operation behind a manager session may answer about the session. */
export const MANAGER_SESSION_PROBLEMS = {
  missing_session: 'No manager session was sent; sign in first.',
  invalid_session: 'The manager session is unknown, was ended, or its account was deactivated; sign in again.',
  session_expired: 'The manager session expired (unused too long, or past its lifetime); sign in again.',
} as const satisfies ProblemDescriptions

/** What every operation behind a portal session (linked to a partner or not) may answer about the session. */
export const PORTAL_SESSION_PROBLEMS = {
  missing_session: 'No session token from `POST /api/session` was sent.',
  invalid_session: 'The session token is not valid.',
  session_expired: 'The session has expired; open the app again to renew it.',
  portal_session_required: 'The session does not come from a Bitrix24 portal.',
} as const satisfies ProblemDescriptions

/** What every operation behind a partner session may answer about the session and its partner. */
export const PARTNER_SESSION_PROBLEMS = {
  missing_session: PORTAL_SESSION_PROBLEMS.missing_session,
  invalid_session: PORTAL_SESSION_PROBLEMS.invalid_session,
  session_expired: PORTAL_SESSION_PROBLEMS.session_expired,
  portal_not_linked: 'The portal is not linked to a partner account yet.',
  partner_not_found: 'The partner account of this session no longer exists.',
} as const satisfies ProblemDescriptions

/** The partner's eligibility for requests (rules 5.2, 13.4). */
export const ELIGIBILITY_PROBLEMS = {
  partner_not_approved: 'The partner is not approved yet (rules 5.2).',
  tutorial_not_completed: 'The Partner Program Tutorial is not completed (rules 5.2).',
  partner_suspended: 'Access to requests is suspended; `until` says until when (rules 13.4).',
} as const satisfies ProblemDescriptions

/** What every operation of the client's status page may answer about the status token. */
export const STATUS_TOKEN_PROBLEMS = {
  status_token_missing: 'No `Authorization: Bearer <status token>` header.',
  status_token_invalid: 'The status token is malformed or belongs to no request.',
  rate_limited: 'Too many calls from this address; see Retry-After.',
} as const satisfies ProblemDescriptions

import { z } from 'zod'
import { MANAGER_ABILITY_NAMES } from '../domain/manager-roles'
import { FieldErrorSchema } from '../schemas/problem.schema'
import { RatingTierIdSchema } from '../schemas/rating'

/**
 * Who may answer a code:
 * - `operation`: only the operations whose contract declares it (the default);
 * - `generic`: any operation, from the HTTP layer (input validation, body parsing, unexpected faults);
 * - `outside`: never an API operation (no route matched, the Bitrix24 installer page, the command line).
 */
export type ProblemScope = 'operation' | 'generic' | 'outside'

export type ProblemHttpStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 431 | 500 | 503

export interface ProblemDefinition {
  readonly status: ProblemHttpStatus
  /** Short and the same for every occurrence (RFC 9457 `title`); clients translate the code, not this. */
  readonly title: string
  /** The problem body's own members besides the standard ones, e.g. `resetsAt`. */
  readonly extensions?: z.ZodObject
  readonly scope?: ProblemScope
}

const isoInstant = z.iso.datetime()

/**
 * Every problem code the API answers, with its one HTTP status. A code is added here once (with the schema of
 * its extension members, if it has any); contracts then declare it for the operations that answer it, and
 * `AppError` accepts only codes from here, with this status.
 */
export const PROBLEMS = {
  // The HTTP layer: any operation may answer these.
  validation_failed: {
    status: 400,
    title: 'Invalid request',
    scope: 'generic',
    extensions: z.object({ errors: z.array(FieldErrorSchema).meta({ description: 'One entry per invalid field.' }) }),
  },
  malformed_json: { status: 400, title: 'Malformed JSON', scope: 'generic' },
  duplicate_json_key: {
    status: 400,
    title: 'Duplicate JSON key',
    scope: 'generic',
    extensions: z.object({ key: z.string().meta({ description: 'The key that appears twice in one object.' }) }),
  },
  malformed_body: { status: 400, title: 'Malformed body', scope: 'generic' },
  malformed_url: { status: 400, title: 'Malformed URL', scope: 'generic' },
  malformed_request: { status: 400, title: 'Malformed HTTP request', scope: 'generic' },
  // Answered by the HTTP server before any route runs: the headers are over Node's size limit.
  headers_too_large: { status: 431, title: 'Request headers too large', scope: 'outside' },
  request_aborted: { status: 400, title: 'Request aborted', scope: 'generic' },
  payload_too_large: { status: 413, title: 'Payload too large', scope: 'generic' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type', scope: 'generic' },
  unsupported_encoding: { status: 415, title: 'Unsupported encoding', scope: 'generic' },
  internal_error: { status: 500, title: 'Internal server error', scope: 'generic' },
  route_not_found: { status: 404, title: 'Route not found', scope: 'outside' },
  rate_limited: {
    status: 429,
    title: 'Too many requests',
    extensions: z.object({ retryAfter: z.number().int().min(1).meta({ description: 'Seconds to wait.' }) }),
  },
  invalid_cursor: { status: 400, title: 'Invalid cursor' },
  // Any operation may find the database gone (restart, failover, outage); nothing was changed then.
  database_unavailable: {
    status: 503,
    title: 'Database unavailable',
    scope: 'generic',
    extensions: z.object({
      retryAfter: z.number().int().min(1).optional().meta({ description: 'Seconds to wait before retrying.' }),
    }),
  },

  // Sessions.
  missing_session: { status: 401, title: 'Session missing' },
  invalid_session: { status: 401, title: 'Session invalid' },
  session_expired: { status: 401, title: 'Session expired' },
  invalid_credentials: { status: 401, title: 'Invalid credentials' },
  manager_not_found: { status: 404, title: 'Manager not found' },
  contacts_not_allowed: { status: 403, title: 'Contacts not allowed for this role' },
  status_token_missing: { status: 401, title: 'Status token missing' },
  status_token_invalid: { status: 401, title: 'Status token invalid' },

  // Bitrix24 portals.
  portal_not_installed: { status: 401, title: 'App not installed on the portal' },
  invalid_portal_token: { status: 401, title: 'Portal token not accepted' },
  portal_not_linked: { status: 403, title: 'Portal not linked' },
  portal_session_required: { status: 403, title: 'Portal session required' },
  portal_admin_required: { status: 403, title: 'Portal administrator required' },
  portal_already_linked: { status: 409, title: 'Portal already linked' },
  link_code_invalid: { status: 404, title: 'Link code unknown' },
  link_code_used: { status: 409, title: 'Link code used' },
  link_code_expired: { status: 422, title: 'Link code expired' },
  invalid_install_request: { status: 400, title: 'Invalid install request', scope: 'outside' },
  install_not_verified: { status: 403, title: 'Install not verified', scope: 'outside' },
  install_portal_mismatch: { status: 403, title: 'Grant of another portal', scope: 'outside' },
  portal_already_installed: { status: 409, title: 'Portal already installed', scope: 'outside' },
  insecure_portal_endpoint: { status: 400, title: 'Insecure portal', scope: 'outside' },
  bitrix24_not_configured: { status: 503, title: 'Bitrix24 not configured', scope: 'outside' },
  portal_unavailable: { status: 503, title: 'Portal unavailable', scope: 'outside' },

  // Partners and their access to requests.
  partner_not_found: { status: 404, title: 'Partner not found' },
  partner_code_taken: { status: 409, title: 'Partner id taken' },
  partner_not_approved: { status: 403, title: 'Partner not approved' },
  tutorial_not_completed: { status: 403, title: 'Tutorial not completed' },
  partner_suspended: {
    status: 403,
    title: 'Partner suspended',
    extensions: z.object({
      until: isoInstant.nullable().meta({ description: 'When the suspension ends; null when it is permanent.' }),
    }),
  },
  partner_not_suspended: { status: 409, title: 'Partner not suspended' },
  suspension_in_past: { status: 422, title: 'Suspension end in the past' },
  locations_locked: { status: 403, title: 'Locations locked' },
  too_many_locations: {
    status: 422,
    title: 'Too many locations',
    extensions: z.object({ maxAdditional: z.number().int() }),
  },
  location_is_registered_country: { status: 422, title: 'Location is the registered country' },
  country_restricted: {
    status: 422,
    title: 'Country restricted',
    extensions: z.object({
      country: z.string().optional().meta({ description: 'The restricted country of a submitted request.' }),
      countries: z.array(z.string()).optional().meta({ description: 'The restricted countries among the chosen.' }),
    }),
  },
  country_not_restricted: { status: 404, title: 'Country not restricted' },
  territory_not_covered: { status: 403, title: 'Territory not covered' },

  // Requests and reservations.
  request_not_found: { status: 404, title: 'Request not found' },
  request_fully_reserved: {
    status: 409,
    title: 'Request fully reserved',
    extensions: z.object({ limit: z.number().int().optional() }),
  },
  request_closed: { status: 409, title: 'Request closed' },
  already_reserved: { status: 409, title: 'Already reserved' },
  request_already_open: { status: 409, title: 'Request already open' },
  request_erased: { status: 409, title: 'Request erased' },
  request_already_closed: {
    status: 409,
    title: 'Request already closed',
    extensions: z.object({ closeReason: z.string().nullable().optional() }),
  },
  spam_suspected: { status: 422, title: 'Spam suspected' },
  contacts_already_erased: { status: 409, title: 'Contacts already erased' },
  feedback_partner_not_found: {
    status: 422,
    title: 'Partner did not receive the request',
    extensions: z.object({ partnerId: z.string() }),
  },
  feedback_too_early: {
    status: 409,
    title: 'Feedback too early',
    extensions: z.object({ opensAt: isoInstant.meta({ description: 'From when the partner can be rated.' }) }),
  },
  reservation_not_found: { status: 404, title: 'Reservation not found' },
  reservation_previously_released: { status: 409, title: 'Reservation previously released' },
  reservation_quota_exceeded: {
    status: 403,
    title: 'Reservation quota exceeded',
    extensions: z.object({
      quota: z.enum(['open', 'monthly']).meta({ description: 'Which limit is reached.' }),
      tier: RatingTierIdSchema,
      limit: z.number().int(),
      used: z.number().int(),
      resetsAt: isoInstant.nullable().meta({ description: 'When the monthly limit frees; null for the open one.' }),
    }),
  },
  early_access_pending: {
    status: 403,
    title: 'Early access pending',
    extensions: z.object({
      visibleAt: isoInstant.meta({ description: 'When this tier may reserve the request.' }),
      tier: RatingTierIdSchema,
    }),
  },
  crm_sync_failure_not_found: { status: 404, title: 'No failed CRM sync' },

  // Rating.
  adjustment_expiry_in_past: { status: 422, title: 'Adjustment end in the past' },
  return_window_closed: {
    status: 422,
    title: 'Return window closed',
    extensions: z.object({ returnUntil: isoInstant }),
  },
  won_cannot_be_returned: { status: 422, title: 'Won lead cannot be returned' },
  lead_outcome_final: {
    status: 409,
    title: 'Lead outcome is final',
    extensions: z.object({
      outcome: z.enum(['won', 'lost']).meta({ description: 'How the lead ended in the CRM; the reservation stays.' }),
    }),
  },
  return_not_found: { status: 404, title: 'Return not found' },
  return_already_decided: {
    status: 409,
    title: 'Return already decided',
    extensions: z.object({ decision: z.enum(['confirmed', 'rejected']) }),
  },

  // Managers: their accounts, roles, sign-in and two-factor codes.
  weak_password: {
    status: 400,
    title: 'Weak password',
    extensions: z.object({ minLength: z.number().int().meta({ description: 'The shortest password accepted.' }) }),
  },
  manager_exists: { status: 409, title: 'Manager exists' },
  manager_role_forbidden: {
    status: 403,
    title: 'Not allowed for this role',
    extensions: z.object({
      ability: z.enum(MANAGER_ABILITY_NAMES).meta({ description: 'What the role lacks.' }),
    }),
  },
  csrf_rejected: { status: 403, title: 'Cross-site request refused' },
  account_deactivated: { status: 403, title: 'Account deactivated' },
  two_factor_code_invalid: { status: 401, title: 'Two-factor code not accepted' },
  pending_sign_in_invalid: { status: 401, title: 'Sign-in step expired' },
  two_factor_already_enabled: { status: 409, title: 'Two-factor sign-in already on' },
  two_factor_not_enabled: { status: 409, title: 'Two-factor sign-in not on' },
  two_factor_enrolment_not_started: { status: 409, title: 'Two-factor set-up not started' },
  two_factor_required_by_policy: { status: 409, title: 'Two-factor sign-in required' },
  last_admin: { status: 409, title: 'Last active admin' },
  own_account: { status: 409, title: 'Own account' },

  // The Partner Program (rules 2, 3, 6, 7, 11).
  config_effective_in_past: { status: 422, title: 'Configuration effective in the past' },
  integration_key_missing: { status: 401, title: 'Integration key missing' },
  integration_key_invalid: { status: 401, title: 'Integration key invalid' },
  order_conflict: {
    status: 409,
    title: 'Another order under this id',
    extensions: z.object({ orderId: z.string().meta({ description: "The store's order id." }) }),
  },
  order_partner_unknown: {
    status: 422,
    title: 'Unknown partner',
    extensions: z.object({ partnerCode: z.string() }),
  },
  negative_amount: {
    status: 422,
    title: 'Negative amount',
    extensions: z.object({ field: z.string().meta({ description: 'The amount that is below zero.' }) }),
  },
  unknown_currency: { status: 422, title: 'Unknown currency', extensions: z.object({ currency: z.string() }) },
  rate_required: {
    status: 422,
    title: 'Conversion rate required',
    extensions: z.object({ currency: z.string(), programCurrency: z.string() }),
  },
  rate_not_one: {
    status: 422,
    title: 'Rate must be 1',
    extensions: z.object({ currency: z.string(), programCurrency: z.string() }),
  },
  order_in_future: { status: 422, title: 'Order date in the future' },
  order_not_found: { status: 404, title: 'Order not found' },
  order_already_excluded: { status: 409, title: 'Order already excluded' },
  import_invalid: {
    status: 422,
    title: 'Import has invalid lines',
    extensions: z.object({
      lines: z
        .array(z.object({ line: z.number().int(), field: z.string(), message: z.string() }))
        .meta({ description: 'One entry per invalid field, by line number (the header is line 1).' }),
    }),
  },
  membership_exists: { status: 409, title: 'Already in the program' },
  membership_not_found: { status: 404, title: 'Not in the program' },
  approval_in_future: { status: 422, title: 'Approval date in the future' },
  partner_user_exists: { status: 409, title: 'User already added' },
  partner_user_not_found: { status: 404, title: 'User not found' },
  partner_user_already_decided: { status: 409, title: 'User already decided' },
  partner_user_not_approved: { status: 409, title: 'User not approved' },
  completion_exists: { status: 409, title: 'Course completion already recorded' },
  completion_in_future: { status: 422, title: 'Completion date in the future' },
  nfr_grant_in_future: { status: 422, title: 'NFR grant date in the future' },
  evidence_not_found: { status: 404, title: 'Evidence not found' },
  evidence_already_decided: { status: 409, title: 'Evidence already decided' },
  upgrade_not_ready: {
    status: 409,
    title: 'Not ready for this level',
    extensions: z.object({
      readyFor: z.enum(['bronze', 'silver', 'gold']).nullable().meta({ description: 'The level it is ready for.' }),
    }),
  },
} as const satisfies Record<string, ProblemDefinition>

export type ProblemCatalog = typeof PROBLEMS
export type ProblemCode = keyof ProblemCatalog

/** The one HTTP status of a code. */
export type ProblemStatus<C extends ProblemCode = ProblemCode> = ProblemCatalog[C]['status']

/** The codes answered with status `S`, e.g. `ProblemCodeWithStatus<404>`. */
export type ProblemCodeWithStatus<S extends ProblemHttpStatus> = {
  [C in ProblemCode]: ProblemStatus<C> extends S ? C : never
}[ProblemCode]

type ExtensionSchemaOf<C extends ProblemCode> = ProblemCatalog[C] extends { extensions: infer S extends z.ZodObject }
  ? S
  : undefined

/** The extension members a code carries, as the server writes them; none for codes without a schema. */
export type ProblemExtensions<C extends ProblemCode> = C extends ProblemCode
  ? ExtensionSchemaOf<C> extends z.ZodObject
    ? z.input<ExtensionSchemaOf<C>>
    : Record<string, never>
  : never

export const PROBLEM_CODES = Object.keys(PROBLEMS) as ProblemCode[]

export function problemDefinition(code: ProblemCode): ProblemDefinition {
  return PROBLEMS[code]
}

export function problemScope(code: ProblemCode): ProblemScope {
  return problemDefinition(code).scope ?? 'operation'
}

/** Codes every operation may answer without declaring them. */
export const GENERIC_PROBLEM_CODES: readonly ProblemCode[] = PROBLEM_CODES.filter(
  (code) => problemScope(code) === 'generic',
)

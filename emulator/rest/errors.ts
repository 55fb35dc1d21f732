/**
 * REST error envelope `{error, error_description}` with the HTTP status the portal uses.
 * Codes and texts come from D:error-codes (`_includes/system-errors`) and the method pages; many CRM errors
 * carry an EMPTY `error` code (D:api-reference/crm/leads/crm-lead-get).
 */
export class RestError extends Error {
  readonly status: number
  readonly code: string
  readonly description: string
  readonly extra: Record<string, unknown>

  constructor(status: number, code: string, description: string, extra: Record<string, unknown> = {}) {
    super(`${code || '(empty code)'}: ${description}`)
    this.status = status
    this.code = code
    this.description = description
    this.extra = extra
  }

  body(): Record<string, unknown> {
    return { error: this.code, error_description: this.description, ...this.extra }
  }
}

export const noAuthFound = () => new RestError(401, 'NO_AUTH_FOUND', 'Wrong authorization data')
export const expiredToken = () => new RestError(401, 'expired_token', 'The access token provided has expired.')
/** Text not documented; this is the wording of the OAuth2 server library Bitrix24 uses. */
export const invalidToken = () => new RestError(401, 'invalid_token', 'The access token provided is invalid.')
export const methodNotFound = () => new RestError(404, 'ERROR_METHOD_NOT_FOUND', 'Method not found!')
export const insufficientScope = () =>
  new RestError(403, 'insufficient_scope', 'The request requires higher privileges than provided by the access token')
export const queryLimitExceeded = () => new RestError(503, 'QUERY_LIMIT_EXCEEDED', 'Too many requests')

/** Empty-code CRM errors (D:api-reference/crm/leads/crm-lead-get, crm-lead-update, crm-deal-*). */
export const crmNotFound = () => new RestError(400, '', 'Not found')
export const crmInvalidId = () => new RestError(400, '', 'ID is not defined or invalid.')
export const crmMustBeArray = (name: string) => new RestError(400, '', `Parameter '${name}' must be array.`)

export const accessDenied = (description = 'Access denied!') => new RestError(403, 'ACCESS_DENIED', description)

/** Any thrown value as a REST error; unexpected ones become INTERNAL_SERVER_ERROR like on the portal. */
export function toRestError(error: unknown): RestError {
  if (error instanceof RestError) return error
  return new RestError(500, 'INTERNAL_SERVER_ERROR', 'Internal server error')
}

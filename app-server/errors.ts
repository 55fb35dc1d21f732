import type { FieldError } from '../shared/schemas/problem.schema'

export interface AppErrorOptions {
  status: number
  code: string
  title: string
  detail?: string
  /** Extra members of the problem body, e.g. `{ resetsAt }`; never internals. */
  extensions?: Record<string, unknown>
  fieldErrors?: FieldError[]
  headers?: Record<string, string>
  cause?: unknown
}

/**
 * An error the API explains to its caller: rendered as an RFC 9457 problem with a stable `code`.
 * Anything thrown that is not an AppError is an unexpected fault and becomes a 500 without internals.
 */
export class AppError extends Error {
  readonly status: number
  readonly code: string
  readonly title: string
  readonly detail: string | undefined
  readonly extensions: Record<string, unknown>
  readonly fieldErrors: FieldError[] | undefined
  readonly headers: Record<string, string>

  constructor(options: AppErrorOptions) {
    super(options.detail ?? options.title, { cause: options.cause })
    this.name = 'AppError'
    this.status = options.status
    this.code = options.code
    this.title = options.title
    this.detail = options.detail
    this.extensions = options.extensions ?? {}
    this.fieldErrors = options.fieldErrors
    this.headers = options.headers ?? {}
  }
}

type Factory = (code: string, detail?: string, extensions?: Record<string, unknown>) => AppError

function factory(status: number, title: string): Factory {
  return (code, detail, extensions) => new AppError({ status, code, title, detail, extensions })
}

export const badRequest = factory(400, 'Bad request')
export const unauthorized = factory(401, 'Unauthorized')
export const forbidden = factory(403, 'Forbidden')
export const notFound = factory(404, 'Not found')
export const conflict = factory(409, 'Conflict')
export const unprocessable = factory(422, 'Unprocessable content')
export const serviceUnavailable = factory(503, 'Service unavailable')

export function validationFailed(fieldErrors: FieldError[], detail = 'The request has invalid fields.'): AppError {
  return new AppError({ status: 400, code: 'validation_failed', title: 'Invalid request', detail, fieldErrors })
}

export function tooManyRequests(retryAfterSeconds: number, detail = 'Too many requests.'): AppError {
  const retryAfter = Math.max(1, Math.ceil(retryAfterSeconds))
  return new AppError({
    status: 429,
    code: 'rate_limited',
    title: 'Too many requests',
    detail,
    extensions: { retryAfter },
    headers: { 'Retry-After': String(retryAfter) },
  })
}

/** Seconds a client should wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5

/** The database cannot be reached right now (restart, failover, outage); the call may be repeated. */
export function databaseUnavailable(): AppError {
  return new AppError({
    status: 503,
    code: 'database_unavailable',
    title: 'Service unavailable',
    detail: 'The database cannot be reached right now. Nothing was changed; try again shortly.',
    extensions: { retryAfter: DATABASE_RETRY_AFTER_SECONDS },
    headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
  })
}

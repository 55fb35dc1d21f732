import {
  PROBLEMS,
  type ProblemCode,
  type ProblemCodeWithStatus,
  type ProblemExtensions,
  type ProblemHttpStatus,
  type ProblemStatus,
} from '../shared/contracts/problems'
import type { FieldError } from '../shared/schemas/problem.schema'

export interface AppErrorOptions<C extends ProblemCode = ProblemCode> {
  /** A code of the catalog in `shared/contracts/problems.ts`; its status comes from there. */
  code: C
  /** Optional; when given it must be the catalog's status for the code. */
  status?: ProblemStatus<C>
  /** Defaults to the catalog's title for the code. */
  title?: string
  detail?: string
  /** Extra members of the problem body, e.g. `{ resetsAt }`, as the catalog declares them; never internals. */
  extensions?: ProblemExtensions<C>
  fieldErrors?: FieldError[]
  headers?: Record<string, string>
  cause?: unknown
}

/**
 * An error the API explains to its caller: rendered as an RFC 9457 problem with a stable `code`.
 * Anything thrown that is not an AppError is an unexpected fault and becomes a 500 without internals.
 */
export class AppError<C extends ProblemCode = ProblemCode> extends Error {
  readonly status: ProblemHttpStatus
  readonly code: C
  readonly title: string
  readonly detail: string | undefined
  readonly extensions: Record<string, unknown>
  readonly fieldErrors: FieldError[] | undefined
  readonly headers: Record<string, string>

  constructor(options: AppErrorOptions<C>) {
    const definition = PROBLEMS[options.code]
    super(options.detail ?? options.title ?? definition.title, { cause: options.cause })
    // The types already forbid another status; this catches a cast, since a code has one status everywhere.
    if (options.status !== undefined && options.status !== definition.status) {
      throw new Error(`Problem ${options.code} has status ${definition.status}, not ${options.status}`)
    }
    this.name = 'AppError'
    this.status = definition.status
    this.code = options.code
    this.title = options.title ?? definition.title
    this.detail = options.detail
    this.extensions = options.extensions ?? {}
    this.fieldErrors = options.fieldErrors
    this.headers = options.headers ?? {}
  }
}

/** A factory for the codes of one status: `notFound('partner_not_found')` compiles, `forbidden('partner_not_found')` does not. */
function factory<S extends ProblemHttpStatus>() {
  return <C extends ProblemCodeWithStatus<S>>(code: C, detail?: string, extensions?: ProblemExtensions<C>) =>
    new AppError<C>({ code, detail, extensions })
}

export const badRequest = factory<400>()
export const unauthorized = factory<401>()
export const forbidden = factory<403>()
export const notFound = factory<404>()
export const conflict = factory<409>()
export const unprocessable = factory<422>()
export const serviceUnavailable = factory<503>()

export function validationFailed(fieldErrors: FieldError[], detail = 'The request has invalid fields.'): AppError {
  return new AppError({ code: 'validation_failed', detail, fieldErrors })
}

export function tooManyRequests(retryAfterSeconds: number, detail = 'Too many requests.'): AppError {
  const retryAfter = Math.max(1, Math.ceil(retryAfterSeconds))
  return new AppError({
    code: 'rate_limited',
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
    code: 'database_unavailable',
    detail: 'The database cannot be reached right now. Nothing was changed; try again shortly.',
    extensions: { retryAfter: DATABASE_RETRY_AFTER_SECONDS },
    headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
  })
}

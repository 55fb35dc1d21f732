import type { FieldError, Problem } from '@shared/schemas/problem.schema'

/** Codes the client itself produces when the server gave no problem body it could read. */
export const CLIENT_ERROR_CODES = {
  network: 'network_error',
  invalidResponse: 'invalid_response',
} as const

interface ApiErrorInit {
  status: number
  code: string
  title: string
  detail?: string
  fieldErrors?: FieldError[]
  retryAfter?: number
  requestId?: string
  /** The problem's own members beyond RFC 9457's, e.g. `until` or `resetsAt`. */
  extensions?: Record<string, unknown>
  cause?: unknown
}

/**
 * Any failed API call. `status` is 0 when no HTTP response arrived; `code` is the server's stable
 * problem code (or one of CLIENT_ERROR_CODES), which the UI translates instead of showing `title`.
 */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly title: string
  readonly detail: string | undefined
  readonly fieldErrors: FieldError[]
  /** Seconds the server asked us to wait (`Retry-After`), if it said so. */
  readonly retryAfter: number | undefined
  readonly requestId: string | undefined
  readonly extensions: Record<string, unknown>

  constructor(init: ApiErrorInit) {
    super(init.detail ?? init.title, { cause: init.cause })
    this.name = 'ApiError'
    this.status = init.status
    this.code = init.code
    this.title = init.title
    this.detail = init.detail
    this.fieldErrors = init.fieldErrors ?? []
    this.retryAfter = init.retryAfter
    this.requestId = init.requestId
    this.extensions = init.extensions ?? {}
  }

  static fromProblem(problem: Problem, retryAfter?: number): ApiError {
    const { type: _type, title: _title, status: _status, detail: _detail, instance: _instance, ...rest } = problem
    const { code: _code, requestId: _requestId, errors: _errors, ...extensions } = rest
    return new ApiError({
      extensions,
      status: problem.status,
      code: problem.code,
      title: problem.title,
      detail: problem.detail,
      fieldErrors: problem.errors,
      retryAfter,
      requestId: problem.requestId,
    })
  }
}

/** Narrowing helper for `catch (error: unknown)` blocks. */
export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError
}

/** Maps an HTTP status without a readable problem body to the code the server would have used. */
export function codeForStatus(status: number): string {
  if (status === 404) return 'not_found'
  if (status === 400 || status === 422) return 'validation_failed'
  if (status === 429) return 'rate_limited'
  if (status === 502 || status === 503 || status === 504) return 'service_unavailable'
  if (status >= 500) return 'internal_error'
  return 'http_error'
}

/**
 * Reads `Retry-After` as seconds. The header is either delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * @param now - clock for date values, injectable for tests.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed)
  const date = Date.parse(trimmed)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, Math.ceil((date - now) / 1000))
}

/**
 * Whether trying the same call again may succeed: no answer arrived, the server failed or was busy, or it asked
 * to wait. A refusal (an ineligible partner, a wrong code, a closed request) answers the same every time.
 */
export function isTransient(error: unknown): boolean {
  if (!isApiError(error)) return true
  return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500
}

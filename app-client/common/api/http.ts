import type { ZodType } from 'zod'
import { ProblemSchema } from '@shared/schemas/problem.schema'
import { ApiError, CLIENT_ERROR_CODES, codeForStatus, parseRetryAfter } from './api-error'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
export type QueryValue = string | number | boolean | null | undefined

export interface RequestOptions<T> {
  method?: HttpMethod
  /** Validates the body of a successful response; the shared schema is the contract. */
  schema: ZodType<T>
  /** Sent as JSON. */
  body?: unknown
  /** Flat query parameters; null and undefined values are left out. */
  query?: Record<string, QueryValue>
  signal?: AbortSignal
}

export interface HttpClientOptions {
  /** Prefix for every path, e.g. `https://app.example.com`; same origin when empty. */
  baseUrl?: string
  /** Returns the bearer token for the current session, if any; asked on every request. */
  getToken?: () => string | null | undefined
}

export interface HttpClient {
  /** @throws ApiError for every failure: HTTP error, network error or a body that breaks the contract. */
  request<T>(path: string, options: RequestOptions<T>): Promise<T>
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b/i

/** Builds a JSON client over `fetch` that turns every failure into an ApiError. */
export function createHttpClient(clientOptions: HttpClientOptions = {}): HttpClient {
  async function request<T>(path: string, options: RequestOptions<T>): Promise<T> {
    const response = await send(buildUrl(clientOptions.baseUrl ?? '', path, options.query), {
      method: options.method ?? 'GET',
      headers: buildHeaders(options.body !== undefined, clientOptions.getToken?.()),
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    })
    if (!response.ok) throw await errorFromResponse(response)
    return parseSuccess(response, options.schema)
  }
  return { request }
}

/** The client for same-origin calls without a session. */
export const http = createHttpClient()

function buildUrl(baseUrl: string, path: string, query: RequestOptions<unknown>['query']): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== null && value !== undefined) params.append(key, String(value))
  }
  const search = params.toString()
  return `${baseUrl}${path}${search ? `?${search}` : ''}`
}

function buildHeaders(hasBody: boolean, token: string | null | undefined): Headers {
  const headers = new Headers({ Accept: 'application/json, application/problem+json' })
  if (hasBody) headers.set('Content-Type', 'application/json')
  if (token) headers.set('Authorization', `Bearer ${token}`)
  return headers
}

async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init)
  } catch (error) {
    // A cancelled request is the caller's decision, not a failure to report.
    if (error instanceof DOMException && error.name === 'AbortError') throw error
    throw new ApiError({ status: 0, code: CLIENT_ERROR_CODES.network, title: 'Network error', cause: error })
  }
}

async function readJson(response: Response): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    const text = await response.text()
    return { ok: true, value: text === '' ? undefined : JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}

async function errorFromResponse(response: Response): Promise<ApiError> {
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'))
  if (JSON_TYPE.test(response.headers.get('Content-Type') ?? '')) {
    const body = await readJson(response)
    const problem = body.ok ? ProblemSchema.safeParse(body.value) : undefined
    if (problem?.success) return ApiError.fromProblem(problem.data, retryAfter)
  }
  return new ApiError({
    status: response.status,
    code: codeForStatus(response.status),
    title: response.statusText || `HTTP ${response.status}`,
    retryAfter,
  })
}

async function parseSuccess<T>(response: Response, schema: ZodType<T>): Promise<T> {
  const body = response.status === 204 ? { ok: true as const, value: undefined } : await readJson(response)
  const parsed = body.ok ? schema.safeParse(body.value) : undefined
  if (parsed?.success) return parsed.data
  throw new ApiError({
    status: response.status,
    code: CLIENT_ERROR_CODES.invalidResponse,
    title: 'Unexpected response',
    cause: parsed?.error,
  })
}

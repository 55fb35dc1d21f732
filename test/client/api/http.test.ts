import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { ApiError, parseRetryAfter } from '../../../app-client/common/api/api-error'
import { createHttpClient } from '../../../app-client/common/api/http'

const ItemSchema = z.object({ id: z.string() })

function respondWith(response: Response) {
  const fetchMock = vi.fn<typeof fetch>().mockResolvedValue(response)
  vi.stubGlobal('fetch', fetchMock)
  return fetchMock
}

function problem(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify({ type: 'about:blank', status, ...body }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  })
}

async function failureOf(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (cause: unknown) => cause,
  )
  expect(error).toBeInstanceOf(ApiError)
  return error as ApiError
}

describe('http client', () => {
  it('When the server answers 200, then the body is returned as the schema parsed it', async () => {
    respondWith(Response.json({ id: 'r1', extra: true }))

    const item = await createHttpClient().request('/api/items/r1', { schema: ItemSchema })

    expect(item).toEqual({ id: 'r1' })
  })

  it('When a body and a token are given, then JSON and a bearer header are sent', async () => {
    const fetchMock = respondWith(Response.json({ id: 'r2' }))
    const client = createHttpClient({ getToken: () => 'session-token' })

    await client.request('/api/items', {
      method: 'POST',
      body: { name: 'x' },
      query: { page: 2, q: undefined },
      schema: ItemSchema,
    })

    const [url, init] = fetchMock.mock.calls[0] ?? []
    const headers = new Headers(init?.headers)
    expect(url).toBe('/api/items?page=2')
    expect(init?.method).toBe('POST')
    expect(init?.body).toBe('{"name":"x"}')
    expect(headers.get('Content-Type')).toBe('application/json')
    expect(headers.get('Authorization')).toBe('Bearer session-token')
  })

  it('When the server sends a problem document, then its code, title, detail and field errors are kept', async () => {
    respondWith(
      problem(400, {
        title: 'Invalid request',
        detail: 'Two fields are invalid.',
        code: 'validation_failed',
        requestId: 'req-1',
        errors: [{ path: 'contact.email', code: 'invalid_format', message: 'Invalid email' }],
      }),
    )

    const error = await failureOf(createHttpClient().request('/api/requests', { schema: ItemSchema }))

    expect(error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      title: 'Invalid request',
      detail: 'Two fields are invalid.',
      requestId: 'req-1',
      retryAfter: undefined,
    })
    expect(error.fieldErrors).toEqual([{ path: 'contact.email', code: 'invalid_format', message: 'Invalid email' }])
  })

  it('When a 429 problem carries Retry-After, then retryAfter holds the seconds to wait', async () => {
    respondWith(problem(429, { title: 'Too many requests', code: 'rate_limited' }, { 'Retry-After': '42' }))

    const error = await failureOf(createHttpClient().request('/api/requests', { schema: ItemSchema }))

    expect(error.code).toBe('rate_limited')
    expect(error.retryAfter).toBe(42)
  })

  it('When a 500 arrives without a problem body, then the status decides the code', async () => {
    respondWith(new Response('<h1>Bad gateway</h1>', { status: 500, headers: { 'Content-Type': 'text/html' } }))

    const error = await failureOf(createHttpClient().request('/api/health', { schema: ItemSchema }))

    expect(error).toMatchObject({ status: 500, code: 'internal_error', fieldErrors: [] })
  })

  it('When a JSON error body is not a problem document, then it is treated like any other status error', async () => {
    respondWith(Response.json({ message: 'down' }, { status: 503, headers: { 'Retry-After': '5' } }))

    const error = await failureOf(createHttpClient().request('/api/health', { schema: ItemSchema }))

    expect(error).toMatchObject({ status: 503, code: 'service_unavailable', retryAfter: 5 })
  })

  it('When the network fails, then the error has status 0 and code network_error', async () => {
    vi.stubGlobal('fetch', vi.fn<typeof fetch>().mockRejectedValue(new TypeError('Failed to fetch')))

    const error = await failureOf(createHttpClient().request('/api/health', { schema: ItemSchema }))

    expect(error).toMatchObject({ status: 0, code: 'network_error' })
    expect(error.cause).toBeInstanceOf(TypeError)
  })

  it('When the caller aborts, then the AbortError reaches the caller unchanged', async () => {
    const abort = new DOMException('The operation was aborted.', 'AbortError')
    vi.stubGlobal('fetch', vi.fn<typeof fetch>().mockRejectedValue(abort))

    await expect(createHttpClient().request('/api/health', { schema: ItemSchema })).rejects.toBe(abort)
  })

  it('When a 200 body breaks the schema, then the error code is invalid_response', async () => {
    respondWith(Response.json({ id: 42 }))

    const error = await failureOf(createHttpClient().request('/api/items/1', { schema: ItemSchema }))

    expect(error).toMatchObject({ status: 200, code: 'invalid_response' })
  })
})

describe('parseRetryAfter', () => {
  it.each([
    ['120', 120],
    [' 0 ', 0],
    ['', undefined],
    ['soon', undefined],
    [null, undefined],
  ])('reads %j as %j seconds', (header, seconds) => {
    expect(parseRetryAfter(header)).toBe(seconds)
  })

  it('When the header is an HTTP date, then the seconds until that date are returned', () => {
    const now = Date.parse('2025-01-01T00:00:00Z')

    expect(parseRetryAfter('Wed, 01 Jan 2025 00:01:30 GMT', now)).toBe(90)
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:00:00 GMT', now)).toBe(0)
  })
})

import express from 'express'
import request from 'supertest'
import { describe, expect, it } from 'vitest'
import { AppError, tooManyRequests } from '../../app-server/errors'
import { errorHandler } from '../../app-server/http/middleware/error-handler'
import { requestId } from '../../app-server/http/middleware/request-id'
import { captureLogger } from '../support/captured-logger'

function appThrowing(error: unknown) {
  const { logger, lines } = captureLogger()
  const app = express()
  app.use(requestId())
  app.get('/boom', () => {
    throw error
  })
  app.use(errorHandler(logger))
  return { app, lines }
}

describe('error rendering', () => {
  it('when an unexpected error is thrown, then the caller gets a 500 problem without internals and the log has the fault', async () => {
    const { app, lines } = appThrowing(new TypeError('cannot read x of undefined at secretFunction'))
    const response = await request(app).get('/boom')
    expect(response.status).toBe(500)
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(response.body).toMatchObject({ status: 500, code: 'internal_error', instance: '/boom' })
    expect(JSON.stringify(response.body)).not.toMatch(/secretFunction|TypeError|stack/)
    expect(response.body.requestId).toBe(response.headers['x-request-id'])
    expect(lines.join('\n')).toContain('secretFunction')
  })

  it('when an AppError is thrown, then its status, code, extensions and headers are sent', async () => {
    const { app } = appThrowing(tooManyRequests(12.2))
    const response = await request(app).get('/boom')
    expect(response.status).toBe(429)
    expect(response.headers['retry-after']).toBe('13')
    expect(response.body).toMatchObject({ code: 'rate_limited', retryAfter: 13, title: 'Too many requests' })
  })

  it('when a caller sends a safe X-Request-Id, then it is echoed; an unsafe one is replaced', async () => {
    const { app } = appThrowing(new AppError({ code: 'route_not_found' }))
    const safe = await request(app).get('/boom').set('X-Request-Id', 'abc-123')
    expect(safe.headers['x-request-id']).toBe('abc-123')
    const unsafe = await request(app).get('/boom').set('X-Request-Id', '<script>')
    expect(unsafe.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/)
  })
})

import express from 'express'
import request from 'supertest'
import { describe, expect, it } from 'vitest'
import { isDatabaseUnavailable, withoutQueryValues } from '../../app-server/db/database-errors'
import { errorHandler } from '../../app-server/http/middleware/error-handler'
import { captureLogger } from '../support/captured-logger'

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code })
/** How Drizzle wraps a driver error: its own message with the SQL and the values, the driver's error as cause. */
const drizzleWrapped = (cause: Error) =>
  Object.assign(new Error('Failed query: select 1\nparams: '), { name: 'DrizzleQueryError', cause })

describe('database errors', () => {
  it.each([
    ['a terminated backend (57P01)', withCode('terminating connection due to administrator command', '57P01')],
    ['a crash shutdown (57P02)', withCode('terminating connection due to crash of another server process', '57P02')],
    ['a server starting up (57P03)', withCode('the database system is starting up', '57P03')],
    ['a connection exception (08006)', withCode('connection failure', '08006')],
    ['too many connections (53300)', withCode('sorry, too many clients already', '53300')],
    ['a refused socket', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a reset socket', withCode('read ECONNRESET', 'ECONNRESET')],
    ['a pool timeout', new Error('timeout exceeded when trying to connect')],
    ['a connection closed under a query', new Error('Connection terminated unexpectedly')],
    ['a broken client reused', new Error('Client has encountered a connection error and is not queryable')],
    ['a driver error wrapped by Drizzle', drizzleWrapped(withCode('terminating connection', '57P01'))],
  ])('when the error is %s, then the database counts as unavailable', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true)
  })

  it.each([
    ['a unique violation', withCode('duplicate key value violates unique constraint "x"', '23505')],
    ['a syntax error', withCode('syntax error at or near "selec"', '42601')],
    ['a data error', drizzleWrapped(withCode('value too long for type character(2)', '22001'))],
    ['a plain bug', new TypeError('cannot read properties of undefined')],
    ['not an error at all', 'connection refused'],
  ])('when the error is %s, then it is not an outage', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false)
  })

  it('when a failed query is described, then its values are left out but the statement stays', () => {
    const message =
      'Failed query: insert into "requests" ("contact_name", "city") values ($1, $2)\n' +
      'params: Jane Roe,Springfield\nwith a second line of description'
    const stack = `DrizzleQueryError: ${message}\n    at PgPreparedQuery.queryWithCache (file.js:1:1)`
    expect(withoutQueryValues(message)).toBe(
      'Failed query: insert into "requests" ("contact_name", "city") values ($1, $2)\nparams: [not logged]',
    )
    const scrubbed = withoutQueryValues(stack)
    expect(scrubbed).not.toMatch(/Jane|Springfield|description/)
    expect(scrubbed).toContain('at PgPreparedQuery.queryWithCache')
  })

  it('when PostgreSQL quotes the offending value in a data error, then the value is left out', () => {
    expect(withoutQueryValues('invalid input syntax for type uuid: "jane@example.com"')).toBe(
      'invalid input syntax for type uuid: "[value]"',
    )
  })

  it('when a handler fails because the database is gone, then the caller gets 503 database_unavailable with Retry-After', async () => {
    const { logger, lines } = captureLogger()
    const app = express()
    app.get('/boom', () => {
      throw drizzleWrapped(withCode('terminating connection due to administrator command', '57P01'))
    })
    app.use(errorHandler(logger))
    const response = await request(app).get('/boom')
    expect(response.status).toBe(503)
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
    expect(response.headers['retry-after']).toBe('5')
    expect(response.body).toMatchObject({ code: 'database_unavailable', retryAfter: 5 })
    expect(lines.join('\n')).toContain('database unavailable')
  })
})

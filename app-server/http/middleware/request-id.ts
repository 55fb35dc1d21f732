import { randomUUID } from 'node:crypto'
import type { RequestHandler } from 'express'
import { requestContext } from '../../request-context'

const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/

/**
 * Gives every request an id (a caller's `X-Request-Id` when it is safe to echo, else a new UUID),
 * returns it in the response and makes it visible to every log line written while serving the request.
 */
export function requestId(): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id')
    const id = incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : randomUUID()
    res.setHeader('X-Request-Id', id)
    requestContext.run({ requestId: id }, next)
  }
}

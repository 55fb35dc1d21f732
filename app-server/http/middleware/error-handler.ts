import type { ErrorRequestHandler } from 'express'
import { isDatabaseUnavailable } from '../../db/database-errors'
import { AppError, databaseUnavailable } from '../../errors'
import type { Logger } from '../../logger'
import { sendProblem } from '../problem'

/** Errors raised by Express's body parsers, identified by their documented `type`. */
interface BodyParserError {
  type: string
  status?: number
  limit?: number
  key?: string
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return typeof error === 'object' && error !== null && typeof (error as { type?: unknown }).type === 'string'
}

/**
 * A client error raised by a dependency without a body parser `type`: the body did not decode as its
 * `Content-Encoding` (zlib and brotli errors carry an `errno`; the body parser wraps them with status 400), a router
 * could not decode a path parameter (URIError), a static file server refused or did not find a path. Any such 4xx
 * is the request's fault, never a 500.
 */
function fromClientError(error: unknown): AppError | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  if (error instanceof URIError)
    return new AppError({ code: 'malformed_url', detail: 'The URL is not valid percent-encoded UTF-8.' })
  const { status, errno } = error as { status?: unknown; errno?: unknown }
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined
  if (typeof errno === 'number')
    return new AppError({
      code: 'malformed_body',
      detail: 'The body does not decode as its Content-Encoding (corrupt or truncated).',
    })
  if (status === 404) return new AppError({ code: 'route_not_found', detail: 'Nothing is served at this path.' })
  return new AppError({ code: 'malformed_request', detail: 'The request cannot be served as sent.' })
}

function fromBodyParser(error: BodyParserError): AppError | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return new AppError({ code: 'malformed_json', detail: 'The body is not valid JSON.' })
    case 'entity.too.large':
      return new AppError({
        code: 'payload_too_large',
        detail: `The body is larger than the ${error.limit ?? 'allowed'} bytes this endpoint accepts.`,
      })
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError({
        code: 'unsupported_encoding',
        detail: 'Send the body as UTF-8 JSON without an unsupported content encoding.',
      })
    case 'request.aborted':
      return new AppError({ code: 'request_aborted' })
    case 'entity.duplicate.key':
      return new AppError({
        code: 'duplicate_json_key',
        detail: 'A JSON object in the body repeats a key; send each key once.',
        extensions: { key: error.key ?? '' },
      })
    default:
      return undefined
  }
}

/**
 * The one place that renders errors: known ones as their problem, anything else as a logged
 * 500 `internal_error` whose body reveals nothing about the fault.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error)
    const known =
      error instanceof AppError
        ? error
        : ((isBodyParserError(error) ? fromBodyParser(error) : undefined) ?? fromClientError(error))
    if (!known && isDatabaseUnavailable(error)) {
      // The database went away (restart, failover, outage): a retryable 503, not a fault of this request.
      logger.warn({ err: error }, 'database unavailable')
      return sendProblem(res, req, databaseUnavailable())
    }
    if (known) {
      if (known.status >= 500) logger.error({ err: error, code: known.code }, known.title)
      return sendProblem(res, req, known)
    }
    logger.error({ err: error }, 'unexpected error')
    sendProblem(
      res,
      req,
      new AppError({
        code: 'internal_error',
        detail: 'Something went wrong on our side. Quote the request id if you contact support.',
      }),
    )
  }
}

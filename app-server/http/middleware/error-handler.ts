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
}

function isBodyParserError(error: unknown): error is BodyParserError {
  return typeof error === 'object' && error !== null && typeof (error as { type?: unknown }).type === 'string'
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
    const known = error instanceof AppError ? error : isBodyParserError(error) ? fromBodyParser(error) : undefined
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

import type { RequestHandler } from 'express'
import type { Logger } from '../../logger'

/**
 * One line per request, written when the response ends. Only the path is logged: query strings and
 * bodies can carry tokens or contact data.
 */
export function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint()
    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6
      const level = res.statusCode >= 500 ? 'error' : 'info'
      logger[level](
        {
          method: req.method,
          path: req.originalUrl.split('?')[0],
          status: res.statusCode,
          durationMs: Math.round(durationMs * 10) / 10,
        },
        'request completed',
      )
    })
    next()
  }
}

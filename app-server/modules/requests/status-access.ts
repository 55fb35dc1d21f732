import { eq } from 'drizzle-orm'
import type { RequestHandler, Response } from 'express'
import { STATUS_TOKEN_PATTERN } from '../../../shared/schemas/request-status.schema'
import type { AppContext } from '../../context'
import { requests } from '../../db/schema'
import { unauthorized } from '../../errors'
import { bearerToken } from '../../http/auth/actors'
import { consumeRateLimit, hashedClientKey } from '../../http/rate-limit'
import { hashStatusToken, statusTokenMatches } from './status-token'

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      /** The request whose status token the caller presented. */
      statusRequestId?: string
    }
  }
}

/**
 * Admits the holder of a request's status token. The token travels in the Authorization header, never in
 * the URL, so it reaches no access log; every attempt counts against a per-address limit before the lookup.
 */
export function requireStatusToken(ctx: AppContext): RequestHandler {
  return async (req, res, next) => {
    const rule = {
      scope: 'public-status',
      limit: ctx.config.STATUS_RATE_LIMIT,
      windowSeconds: ctx.config.STATUS_RATE_WINDOW_SECONDS,
    }
    await consumeRateLimit(ctx.db, rule, hashedClientKey(ctx.appSecret, req.ip ?? 'unknown'), ctx.clock.now())
    const token = bearerToken(req.get('authorization'))
    if (!token) throw unauthorized('status_token_missing', 'Send the status token as `Authorization: Bearer <token>`.')
    if (!STATUS_TOKEN_PATTERN.test(token)) throw invalidToken()
    const [row] = await ctx.db
      .select({ id: requests.id, hash: requests.statusTokenHash })
      .from(requests)
      .where(eq(requests.statusTokenHash, hashStatusToken(token)))
    // The lookup is by hash; the constant-time comparison keeps the final check free of timing differences.
    if (!row || !statusTokenMatches(token, row.hash)) throw invalidToken()
    res.locals.statusRequestId = row.id
    next()
  }
}

export function statusRequestOf(res: Response): string {
  const id = res.locals.statusRequestId
  if (!id) throw unauthorized('status_token_missing', 'Send the status token as `Authorization: Bearer <token>`.')
  return id
}

function invalidToken() {
  return unauthorized(
    'status_token_invalid',
    'This status link is not valid. Use the link you received when you sent the request.',
  )
}

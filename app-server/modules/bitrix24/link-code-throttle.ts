import type { RequestHandler } from 'express'
import type { AppContext } from '../../context'
import { portalUserOf } from '../../http/auth/actors'
import { consumeRateLimit, hashedClientKey } from '../../http/rate-limit'

/**
 * Counts a link code attempt against the caller's portal and against its client address before the code is
 * looked at, so codes cannot be tried in bulk from one portal through many addresses, or the other way round.
 * Runs after the portal session is verified. @throws AppError `rate_limited` (429 with Retry-After).
 */
export function throttleLinkCodeAttempts(ctx: AppContext): RequestHandler {
  return async (req, res, next) => {
    const rule = (scope: string) => ({
      scope,
      limit: ctx.config.LINK_CODE_RATE_LIMIT,
      windowSeconds: ctx.config.LINK_CODE_RATE_WINDOW_SECONDS,
    })
    const now = ctx.clock.now()
    const { portalId } = portalUserOf(res)
    await consumeRateLimit(ctx.db, rule('link-code-portal'), hashedClientKey(ctx.appSecret, portalId), now)
    await consumeRateLimit(ctx.db, rule('link-code-address'), hashedClientKey(ctx.appSecret, req.ip ?? 'unknown'), now)
    next()
  }
}

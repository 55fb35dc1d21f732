import type { RequestHandler } from 'express'
import type { AppContext } from '../../context'
import { AppError } from '../../errors'
import { bearerToken } from './actors'
import { verifyPartnerSession } from './session-token'

const REASONS = {
  missing: { code: 'missing_session', detail: 'Send the session token from POST /api/session as a Bearer token.' },
  malformed: { code: 'invalid_session', detail: 'The session token is not valid.' },
  bad_signature: { code: 'invalid_session', detail: 'The session token is not valid.' },
  expired: { code: 'session_expired', detail: 'The session has expired; open the app again to renew it.' },
} as const

/** Admits requests carrying a valid partner session; others get a 401 problem naming why. */
export function requirePartner(ctx: AppContext): RequestHandler {
  return (req, res, next) => {
    const token = bearerToken(req.get('authorization'))
    const result = token ? verifyPartnerSession(ctx.appSecret, token, ctx.clock.now()) : undefined
    if (!result?.ok) {
      const reason = REASONS[result ? result.reason : 'missing']
      throw new AppError({
        status: 401,
        code: reason.code,
        title: 'Unauthorized',
        detail: reason.detail,
        headers: { 'WWW-Authenticate': 'Bearer realm="partner"' },
      })
    }
    const { claims } = result
    res.locals.partner = {
      partnerId: claims.sub,
      portalId: claims.portalId,
      userId: claims.userId,
      isAdmin: claims.isAdmin,
    }
    next()
  }
}

import type { RequestHandler } from 'express'
import type { AppContext } from '../../context'
import { AppError } from '../../errors'
import { bearerToken } from '../../http/auth/actors'
import { checkSession, sessionCookie } from './sessions'

const DETAILS = {
  missing_session: 'Sign in as a manager first.',
  invalid_session: 'The session was ended or its account deactivated; sign in again.',
  session_expired: 'The session expired; sign in again.',
} as const

/**
 * Admits requests carrying a current manager session, as a Bearer token (API clients) or the console's cookie;
 * others get a 401 problem. Which role may do what, and the cross-site check for the cookie, are the router's
 * (`managerAccessGuard`), for every manager operation alike.
 */
export function requireManager(ctx: AppContext): RequestHandler {
  return async (req, res, next) => {
    const bearer = bearerToken(req.get('authorization'))
    const cookie = bearer ? undefined : sessionCookie(req)
    const token = bearer ?? cookie
    const check = token ? await checkSession(ctx, token, bearer ? 'bearer' : 'cookie') : undefined
    if (!check?.ok) {
      const code = check?.code ?? 'missing_session'
      throw new AppError({
        code,
        detail: DETAILS[code],
        headers: { 'WWW-Authenticate': 'Bearer realm="manager"' },
      })
    }
    res.locals.manager = check.actor
    next()
  }
}

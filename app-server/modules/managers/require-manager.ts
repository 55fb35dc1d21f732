import type { RequestHandler } from 'express'
import type { AppContext } from '../../context'
import { AppError } from '../../errors'
import { bearerToken } from '../../http/auth/actors'
import { authenticateManager } from './managers.service'

/** Admits requests carrying a current manager session; others get a 401 problem. */
export function requireManager(ctx: AppContext): RequestHandler {
  return async (req, res, next) => {
    const token = bearerToken(req.get('authorization'))
    const manager = token ? await authenticateManager(ctx, token) : undefined
    if (!manager) {
      throw new AppError({
        status: 401,
        code: token ? 'invalid_session' : 'missing_session',
        title: 'Unauthorized',
        detail: token ? 'The session has expired or was ended; sign in again.' : 'Sign in as a manager first.',
        headers: { 'WWW-Authenticate': 'Bearer realm="manager"' },
      })
    }
    res.locals.manager = manager
    next()
  }
}

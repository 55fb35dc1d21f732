import type { RequestHandler } from 'express'
import type { AppContext } from '../../context'
import { AppError, forbidden } from '../../errors'
import { bearerToken } from './actors'
import { currentInstallState } from './portal-installs'
import { verifyPartnerSession, type PartnerSessionClaims } from './session-token'

const REASONS = {
  missing: { code: 'missing_session', detail: 'Send the session token from POST /api/session as a Bearer token.' },
  malformed: { code: 'invalid_session', detail: 'The session token is not valid.' },
  bad_signature: { code: 'invalid_session', detail: 'The session token is not valid.' },
  expired: { code: 'session_expired', detail: 'The session has expired; open the app again to renew it.' },
  // The app renews an expired session from its frame, which works again after a reinstall.
  install_ended: {
    code: 'session_expired',
    detail: 'The app was removed from or installed again on this portal since this session began; open it again.',
  },
} as const

/**
 * Admits requests carrying a valid session of a portal linked to a partner; others get a 401 problem naming
 * why, or 403 `portal_not_linked` for a portal that still has to be linked.
 */
export function requirePartner(ctx: AppContext): RequestHandler {
  const verify = verifySession(ctx)
  return async (req, res, next) => {
    const claims = await verify(req.get('authorization'))
    if (!claims.sub) {
      throw forbidden(
        'portal_not_linked',
        'Link this portal to your partner account with the code from your partner manager.',
      )
    }
    res.locals.partner = {
      partnerId: claims.sub,
      portalId: claims.portalId,
      userId: claims.userId,
      isAdmin: claims.isAdmin,
    }
    next()
  }
}

/** Admits any valid portal session, linked or not (onboarding: linking the portal). */
export function requirePortalUser(ctx: AppContext): RequestHandler {
  const verify = verifySession(ctx)
  return async (req, res, next) => {
    const claims = await verify(req.get('authorization'))
    if (!claims.portalId) throw forbidden('portal_session_required', 'Open the app from your Bitrix24 portal.')
    res.locals.portalUser = {
      portalId: claims.portalId,
      partnerId: claims.sub,
      userId: claims.userId,
      isAdmin: claims.isAdmin,
    }
    next()
  }
}

/**
 * Verifies the token, then that the installation it was issued under is still the portal's: a session ends
 * with an uninstall or a reinstall, not only with its expiry.
 */
function verifySession(ctx: AppContext) {
  return async (authorization: string | undefined): Promise<PartnerSessionClaims> => {
    const token = bearerToken(authorization)
    const result = token ? verifyPartnerSession(ctx.appSecret, token, ctx.clock.now()) : undefined
    if (!result?.ok) throw refusal(result ? result.reason : 'missing')
    const { portalId, installGeneration } = result.claims
    if (portalId) {
      const install = await currentInstallState(ctx.db, portalId)
      if (!install?.installed || install.generation !== installGeneration) throw refusal('install_ended')
    }
    return result.claims
  }
}

function refusal(reason: keyof typeof REASONS): AppError {
  return new AppError({
    status: 401,
    code: REASONS[reason].code,
    title: 'Unauthorized',
    detail: REASONS[reason].detail,
    headers: { 'WWW-Authenticate': 'Bearer realm="partner"' },
  })
}

import type { Request, Response } from 'express'
import * as contracts from '../../../shared/contracts/manager-session.contracts'
import type { AppContext } from '../../context'
import { notFound } from '../../errors'
import { managerOf } from '../../http/auth/actors'
import { assertNotCrossSite } from '../../http/auth/same-origin'
import { consumeRateLimit, hashedClientKey } from '../../http/rate-limit'
import { implement, type RouteGroup } from '../../http/route'
import type { RecordManagerAudit } from './manager-audit'
import { getSelf } from './managers.service'
import { requireManager } from './require-manager'
import { clearSessionCookie, endSession, setSessionCookie } from './sessions'
import {
  completeTwoFactorSignIn,
  confirmEnrolment,
  disableOwnTwoFactor,
  signIn,
  startEnrolment,
  type SignInOutcome,
} from './sign-in.service'

/** Answers a sign-in step: a session (as the cookie, or a token for API clients) or the next step's challenge. */
function answer(ctx: AppContext, req: Request, res: Response, outcome: SignInOutcome, transport: 'cookie' | 'token') {
  if (outcome.status !== 'signed_in') {
    res.status(202).json({ ...outcome, expiresAt: outcome.expiresAt.toISOString() })
    return
  }
  const { token, expiresAt, manager } = outcome
  if (transport === 'cookie') setSessionCookie(req, res, token, expiresAt, ctx.config.PUBLIC_URL)
  res.status(201).json({
    status: 'signed_in',
    ...(transport === 'token' ? { token } : {}),
    expiresAt: expiresAt.toISOString(),
    manager,
  })
}

export function managerSessionRoutes(ctx: AppContext, deps: { recordAudit: RecordManagerAudit }): RouteGroup {
  const authenticated = [requireManager(ctx)]
  const limitAddress = (req: Request, scope: string) =>
    consumeRateLimit(
      ctx.db,
      { scope, limit: ctx.config.LOGIN_RATE_LIMIT, windowSeconds: 900 },
      hashedClientKey(ctx.appSecret, req.ip ?? 'unknown'),
      ctx.clock.now(),
    )
  return [
    implement(contracts.signInManager, {
      handler: async (req, res, { body }) => {
        assertNotCrossSite(req, ctx.config.PUBLIC_URL)
        await limitAddress(req, 'manager-login')
        answer(ctx, req, res, await signIn(ctx, body.email, body.password), body.session)
      },
    }),
    implement(contracts.completeTwoFactorSignIn, {
      handler: async (req, res, { body }) => {
        assertNotCrossSite(req, ctx.config.PUBLIC_URL)
        await limitAddress(req, 'manager-totp')
        const outcome = await completeTwoFactorSignIn(ctx, deps.recordAudit, body.pendingToken, body.code)
        answer(ctx, req, res, outcome, body.session)
      },
    }),
    implement(contracts.signOutManager, {
      before: authenticated,
      handler: async (req, res) => {
        await endSession(ctx, managerOf(res).sessionId)
        clearSessionCookie(req, res, ctx.config.PUBLIC_URL)
        res.status(204).end()
      },
    }),
    implement(contracts.getCurrentManager, {
      before: authenticated,
      handler: async (_req, res) => {
        const manager = await getSelf(ctx.db, managerOf(res).managerId)
        if (!manager) throw notFound('manager_not_found')
        res.json(manager)
      },
    }),
    implement(contracts.startTwoFactorEnrolment, {
      before: authenticated,
      handler: async (_req, res) => {
        res.status(201).json(await startEnrolment(ctx, managerOf(res)))
      },
    }),
    implement(contracts.confirmTwoFactor, {
      before: authenticated,
      handler: async (_req, res, { body }) => {
        res.json(await confirmEnrolment(ctx, deps.recordAudit, managerOf(res), body.code))
      },
    }),
    implement(contracts.disableTwoFactor, {
      before: authenticated,
      handler: async (_req, res, { body }) => {
        res.json(await disableOwnTwoFactor(ctx, deps.recordAudit, managerOf(res), body.code))
      },
    }),
  ]
}

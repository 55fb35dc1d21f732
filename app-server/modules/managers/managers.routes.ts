import * as contracts from '../../../shared/contracts/manager-session.contracts'
import type { AppContext } from '../../context'
import { managerOf } from '../../http/auth/actors'
import { consumeRateLimit, hashedClientKey } from '../../http/rate-limit'
import { implement, type RouteGroup } from '../../http/route'
import { notFound } from '../../errors'
import { getManager, signIn, signOut } from './managers.service'
import { requireManager } from './require-manager'

export function managerSessionRoutes(ctx: AppContext): RouteGroup {
  const authenticated = [requireManager(ctx)]
  return [
    implement(contracts.signInManager, {
      handler: async (req, res, { body }) => {
        const rule = { scope: 'manager-login', limit: ctx.config.LOGIN_RATE_LIMIT, windowSeconds: 900 }
        await consumeRateLimit(ctx.db, rule, hashedClientKey(ctx.appSecret, req.ip ?? 'unknown'), ctx.clock.now())
        res.status(201).json(await signIn(ctx, body.email, body.password))
      },
    }),
    implement(contracts.signOutManager, {
      before: authenticated,
      handler: async (_req, res) => {
        await signOut(ctx, managerOf(res))
        res.status(204).end()
      },
    }),
    implement(contracts.getCurrentManager, {
      before: authenticated,
      handler: async (_req, res) => {
        const manager = await getManager(ctx.db, managerOf(res).managerId)
        if (!manager) throw notFound('manager_not_found')
        res.json(manager)
      },
    }),
  ]
}

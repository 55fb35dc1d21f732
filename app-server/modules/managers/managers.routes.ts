import { ManagerLoginBodySchema, ManagerSchema, ManagerSessionSchema } from '../../../shared/schemas/manager.schema'
import type { AppContext } from '../../context'
import { managerOf } from '../../http/auth/actors'
import { consumeRateLimit, hashedClientKey } from '../../http/rate-limit'
import { route, type RouteGroup } from '../../http/route'
import { notFound } from '../../errors'
import { getManager, signIn, signOut } from './managers.service'
import { NO_MANAGER_SESSION, requireManager } from './require-manager'

export function managerSessionRoutes(ctx: AppContext): RouteGroup {
  const authenticated = [requireManager(ctx)]
  return {
    prefix: '/api/manager',
    routes: [
      route({
        method: 'post',
        path: '/session',
        operationId: 'signInManager',
        summary: 'Sign in as a manager',
        tags: ['Managers'],
        body: ManagerLoginBodySchema,
        responses: { 201: { description: 'Signed in; send `token` as a Bearer token.', schema: ManagerSessionSchema } },
        problems: [
          { status: 400, code: 'validation_failed', description: 'The e-mail or password is missing or malformed.' },
          { status: 401, code: 'invalid_credentials', description: 'The e-mail or password is not right.' },
          {
            status: 429,
            code: 'rate_limited',
            description: 'Too many attempts from this address or for this account.',
          },
        ],
        handler: async (req, res, { body }) => {
          const rule = { scope: 'manager-login', limit: ctx.config.LOGIN_RATE_LIMIT, windowSeconds: 900 }
          await consumeRateLimit(ctx.db, rule, hashedClientKey(ctx.appSecret, req.ip ?? 'unknown'), ctx.clock.now())
          res.status(201).json(await signIn(ctx, body.email, body.password))
        },
      }),
      route({
        method: 'delete',
        path: '/session',
        operationId: 'signOutManager',
        summary: 'Sign out',
        tags: ['Managers'],
        security: ['managerSession'],
        before: authenticated,
        responses: { 204: { description: 'The session is ended.' } },
        problems: [NO_MANAGER_SESSION],
        handler: async (_req, res) => {
          await signOut(ctx, managerOf(res))
          res.status(204).end()
        },
      }),
      route({
        method: 'get',
        path: '/me',
        operationId: 'getCurrentManager',
        summary: 'The signed-in manager',
        tags: ['Managers'],
        security: ['managerSession'],
        before: authenticated,
        responses: { 200: { description: 'The manager.', schema: ManagerSchema } },
        problems: [NO_MANAGER_SESSION],
        handler: async (_req, res) => {
          const manager = await getManager(ctx.db, managerOf(res).managerId)
          if (!manager) throw notFound('manager_not_found')
          res.json(manager)
        },
      }),
    ],
  }
}

import * as moderationContracts from '../../../shared/contracts/manager-requests.contracts'
import * as publicContracts from '../../../shared/contracts/public-requests.contracts'
import type { AppContext } from '../../context'
import { managerOf } from '../../http/auth/actors'
import { implement, type RouteGroup } from '../../http/route'
import { requireManager } from '../managers'
import { createRequest } from './create-request'
import { getRequestForModeration, listRequestsForModeration, moderateRequest } from './moderate-requests'

/** Prospective clients submit implementation requests; no sign-in. */
export function publicRequestRoutes(ctx: AppContext): RouteGroup {
  return [
    implement(publicContracts.createRequest, {
      handler: async (req, res, { body }) => {
        // A repeat is answered like a new request: the status tells nothing either.
        const result = await createRequest(ctx, body, req.ip ?? 'unknown')
        res.status(201).json(result.body)
      },
    }),
  ]
}

/** Managers moderate requests: close, reopen, reject as spam. */
export function requestModerationRoutes(ctx: AppContext): RouteGroup {
  const before = [requireManager(ctx)]
  return [
    implement(moderationContracts.listRequestsForModeration, {
      before,
      handler: async (_req, res, { query }) => {
        res.json(await listRequestsForModeration(ctx, query))
      },
    }),
    implement(moderationContracts.getRequestForModeration, {
      before,
      handler: async (_req, res, { params }) => {
        res.json(await getRequestForModeration(ctx, params.id))
      },
    }),
    implement(moderationContracts.moderateRequest, {
      before,
      handler: async (_req, res, { params, body }) => {
        res.json(await moderateRequest(ctx, managerOf(res), params.id, body.action, body.note))
      },
    }),
  ]
}

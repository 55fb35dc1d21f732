import * as feedbackContracts from '../../../shared/contracts/manager-partners.contracts'
import * as contracts from '../../../shared/contracts/request-status.contracts'
import type { AppContext } from '../../context'
import { implement, type RouteGroup } from '../../http/route'
import { requireManager } from '../managers'
import { listClientFeedback, rateReceivingPartner } from './client-feedback.service'
import { eraseRequestContacts, getRequestStatus, withdrawRequest } from './request-status.service'
import { requireStatusToken, statusRequestOf } from './status-access'

/** The client's private status page: the status token (Authorization: Bearer) is the only credential. */
export function requestStatusRoutes(ctx: AppContext): RouteGroup {
  const before = [requireStatusToken(ctx)]
  return [
    implement(contracts.getRequestStatus, {
      before,
      handler: async (_req, res) => {
        res.json(await getRequestStatus(ctx, statusRequestOf(res)))
      },
    }),
    implement(contracts.withdrawRequest, {
      before,
      handler: async (_req, res) => {
        res.json(await withdrawRequest(ctx, statusRequestOf(res)))
      },
    }),
    implement(contracts.eraseRequestContacts, {
      before,
      handler: async (_req, res) => {
        res.json(await eraseRequestContacts(ctx, statusRequestOf(res)))
      },
    }),
    implement(contracts.rateReceivingPartner, {
      before,
      handler: async (_req, res, { body }) => {
        const result = await rateReceivingPartner(ctx, statusRequestOf(res), body)
        res.status(result.created ? 201 : 200).json(result.status)
      },
    }),
  ]
}

/** Managers read what clients said about the partners that served them. */
export function clientFeedbackRoutes(ctx: AppContext): RouteGroup {
  return [
    implement(feedbackContracts.listClientFeedback, {
      before: [requireManager(ctx)],
      handler: async (_req, res, { query }) => {
        res.json(await listClientFeedback(ctx, query))
      },
    }),
  ]
}

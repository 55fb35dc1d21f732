import * as contracts from '../../../shared/contracts/manager-partners.contracts'
import type { AppContext } from '../../context'
import { managerOf } from '../../http/auth/actors'
import { implement, type RouteGroup } from '../../http/route'
import { requireManager } from '../managers'
import {
  createPartner,
  getPartner,
  listPartners,
  restorePartner,
  setPartnerLocations,
  suspendPartner,
  updatePartner,
} from './partners.service'

/** Managers create and edit partners, set their locations, and suspend or restore their access (rules 5.2, 13.4). */
export function partnerManagementRoutes(ctx: AppContext): RouteGroup {
  const before = [requireManager(ctx)]
  return [
    implement(contracts.listPartners, {
      before,
      handler: async (_req, res, { query }) => {
        res.json(await listPartners(ctx, query))
      },
    }),
    implement(contracts.createPartner, {
      before,
      handler: async (_req, res, { body }) => {
        res.status(201).json(await createPartner(ctx, managerOf(res), body))
      },
    }),
    implement(contracts.getPartner, {
      before,
      handler: async (_req, res, { params }) => {
        res.json(await getPartner(ctx, params.id))
      },
    }),
    implement(contracts.updatePartner, {
      before,
      handler: async (_req, res, { params, body }) => {
        res.json(await updatePartner(ctx, managerOf(res), params.id, body))
      },
    }),
    implement(contracts.setPartnerLocations, {
      before,
      handler: async (_req, res, { params, body }) => {
        res.json(await setPartnerLocations(ctx, managerOf(res), params.id, body))
      },
    }),
    implement(contracts.suspendPartner, {
      before,
      handler: async (_req, res, { params, body }) => {
        res.json(await suspendPartner(ctx, managerOf(res), params.id, body))
      },
    }),
    implement(contracts.restorePartner, {
      before,
      handler: async (_req, res, { params }) => {
        res.json(await restorePartner(ctx, managerOf(res), params.id))
      },
    }),
  ]
}

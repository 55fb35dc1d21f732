import * as managerContracts from '../../../shared/contracts/manager-program.contracts'
import * as partnerContracts from '../../../shared/contracts/partner-program.contracts'
import * as storeContracts from '../../../shared/contracts/store-orders.contracts'
import type { AppContext } from '../../context'
import { managerOf, partnerOf } from '../../http/auth/actors'
import { requirePartner } from '../../http/auth/require-partner'
import { implement, type RouteGroup } from '../../http/route'
import { requireManager } from '../managers'
import { listConfigurations, publishConfiguration } from './config.service'
import {
  confirmUpgrade,
  getEvaluation,
  getMyProgram,
  listQueue,
  previewConfiguration,
  startMembership,
} from './evaluation.service'
import { decideEvidence, listEvidence, submitEvidence } from './evidence.service'
import { importOrders } from './import-orders'
import { createIntegration, integrationOf, requireIntegration } from './integrations.service'
import { excludeOrder, listOrders, receiveStoreOrder, recordManagerOrder } from './orders.service'
import { addUser, decideUser, listUsers, listUsersForManager, recordCompletion, recordNfr } from './people.service'

/** The store sends orders with its integration's API key. */
export function storeOrderRoutes(ctx: AppContext): RouteGroup {
  return [
    implement(storeContracts.receiveStoreOrder, {
      before: [requireIntegration(ctx)],
      handler: async (_req, res, { body }) => {
        const { order, created } = await receiveStoreOrder(ctx, integrationOf(res), body)
        res.status(created ? 201 : 200).json(order)
      },
    }),
  ]
}

/** The partner's own program, users and evidence. */
export function partnerProgramRoutes(ctx: AppContext): RouteGroup {
  const before = [requirePartner(ctx)]
  return [
    implement(partnerContracts.getMyProgram, {
      before,
      handler: async (_req, res) => {
        res.json(await getMyProgram(ctx, partnerOf(res).partnerId))
      },
    }),
    implement(partnerContracts.listMyUsers, {
      before,
      handler: async (_req, res) => {
        res.json(await listUsers(ctx.db, partnerOf(res).partnerId))
      },
    }),
    implement(partnerContracts.addMyUser, {
      before,
      handler: async (_req, res, { body }) => {
        res.status(201).json(await addUser(ctx, partnerOf(res), body))
      },
    }),
    implement(partnerContracts.submitEvidence, {
      before,
      handler: async (_req, res, { body }) => {
        res.status(201).json(await submitEvidence(ctx, partnerOf(res), body))
      },
    }),
  ]
}

/** Managers run the program. */
export function managerProgramRoutes(ctx: AppContext): RouteGroup {
  const before = [requireManager(ctx)]
  const c = managerContracts
  return [
    implement(c.listProgramConfigurations, {
      before,
      handler: async (_req, res) => {
        res.json(await listConfigurations(ctx))
      },
    }),
    implement(c.publishProgramConfiguration, {
      before,
      handler: async (_req, res, { body }) => {
        res.status(201).json(await publishConfiguration(ctx, managerOf(res), body))
      },
    }),
    implement(c.previewProgramConfiguration, {
      before,
      handler: async (_req, res, { body }) => {
        res.json(await previewConfiguration(ctx, body.config, body.effectiveFrom))
      },
    }),
    implement(c.createProgramIntegration, {
      before,
      handler: async (_req, res, { body }) => {
        res.status(201).json(await createIntegration(ctx, managerOf(res), body.name))
      },
    }),
    implement(c.recordProgramOrder, {
      before,
      handler: async (_req, res, { params, body }) => {
        const { order, created } = await recordManagerOrder(ctx, managerOf(res), params.id, body)
        res.status(created ? 201 : 200).json(order)
      },
    }),
    implement(c.listProgramOrders, {
      before,
      handler: async (_req, res, { params }) => {
        res.json(await listOrders(ctx, params.id))
      },
    }),
    implement(c.importProgramOrders, {
      before,
      handler: async (_req, res, { body }) => {
        res.json(await importOrders(ctx, managerOf(res), body.csv))
      },
    }),
    implement(c.excludeProgramOrder, {
      before,
      handler: async (_req, res, { params, body }) => {
        res.json(await excludeOrder(ctx, managerOf(res), params.orderId, body.reason))
      },
    }),
    implement(c.startProgramMembership, {
      before,
      handler: async (_req, res, { params, body }) => {
        res.status(201).json(await startMembership(ctx, managerOf(res), params.id, body.approvedAt))
      },
    }),
    implement(c.getProgramEvaluation, {
      before,
      handler: async (_req, res, { params, query }) => {
        res.json(await getEvaluation(ctx, params.id, query.asOf))
      },
    }),
    implement(c.confirmProgramUpgrade, {
      before,
      handler: async (_req, res, { params, body }) => {
        res.json(await confirmUpgrade(ctx, managerOf(res), params.id, body.level))
      },
    }),
    implement(c.listProgramQueue, {
      before,
      handler: async (_req, res, { query }) => {
        res.json(await listQueue(ctx, query.queue))
      },
    }),
    implement(c.listPartnerUsers, {
      before,
      handler: async (_req, res, { params }) => {
        res.json(await listUsersForManager(ctx, params.id))
      },
    }),
    implement(c.decidePartnerUser, {
      before,
      handler: async (_req, res, { params, body }) => {
        res.json(await decideUser(ctx, managerOf(res), params.userId, body.accept, body.reason))
      },
    }),
    implement(c.recordCourseCompletion, {
      before,
      handler: async (_req, res, { params, body }) => {
        res.status(201).json(await recordCompletion(ctx, managerOf(res), params.userId, body.course, body.completedAt))
      },
    }),
    implement(c.recordNfrClaim, {
      before,
      handler: async (_req, res, { params, body }) => {
        res.status(201).json(await recordNfr(ctx, managerOf(res), params.id, body))
      },
    }),
    implement(c.listProgramEvidence, {
      before,
      handler: async (_req, res, { query }) => {
        res.json(await listEvidence(ctx, query.status))
      },
    }),
    implement(c.decideProgramEvidence, {
      before,
      handler: async (_req, res, { params, body }) => {
        res.json(await decideEvidence(ctx, managerOf(res), params.evidenceId, body.accept, body.reason))
      },
    }),
  ]
}

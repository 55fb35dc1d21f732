import * as contracts from '../../../shared/contracts/manager-console.contracts'
import type { AppContext } from '../../context'
import { managerOf } from '../../http/auth/actors'
import { implement, type RouteGroup } from '../../http/route'
import { requireManager } from '../managers'
import { dashboardCharts, dashboardQueues } from './dashboard'
import {
  exportAuditLog,
  exportClientFeedback,
  exportLeadSyncFailures,
  exportPartners,
  exportRequests,
  exportReturns,
} from './exports'
import { listLeadSyncFailures, listPortalStates } from './lead-sync'
import { assertMaySeeContacts } from './manager-role'
import { getPartnerOverview } from './partner-overview'
import { listPartnerTable } from './partner-table'
import { getRequestDetail, revealRequestContacts } from './request-detail'
import { listRequestTable } from './request-table'
import { listReturnQueue } from './return-queue'

/** The manager console's reads: lists, detail pages, the dashboard and CSV exports. */
export function consoleRoutes(ctx: AppContext): RouteGroup {
  const before = [requireManager(ctx)]
  return [
    implement(contracts.listPartnerTable, {
      before,
      handler: async (_req, res, { query }) => {
        res.json(await listPartnerTable(ctx, query))
      },
    }),
    implement(contracts.getPartnerOverview, {
      before,
      handler: async (_req, res, { params }) => {
        res.json(await getPartnerOverview(ctx, params.id))
      },
    }),
    implement(contracts.listRequestTable, {
      before,
      handler: async (_req, res, { query }) => {
        res.json(await listRequestTable(ctx, query))
      },
    }),
    implement(contracts.getRequestDetail, {
      before,
      handler: async (_req, res, { params }) => {
        res.json(await getRequestDetail(ctx, params.id))
      },
    }),
    implement(contracts.revealRequestContacts, {
      before,
      handler: async (_req, res, { params }) => {
        assertMaySeeContacts(res)
        res.json(await revealRequestContacts(ctx, managerOf(res), params.id))
      },
    }),
    implement(contracts.listReturnQueue, {
      before,
      handler: async (_req, res, { query }) => {
        res.json(await listReturnQueue(ctx, query))
      },
    }),
    implement(contracts.listLeadSyncFailures, {
      before,
      handler: async (_req, res, { query }) => {
        res.json(await listLeadSyncFailures(ctx, query))
      },
    }),
    implement(contracts.listPortalStates, {
      before,
      handler: async (_req, res, { query }) => {
        res.json(await listPortalStates(ctx, query))
      },
    }),
    implement(contracts.getDashboardQueues, {
      before,
      handler: async (_req, res) => {
        res.json(await dashboardQueues(ctx))
      },
    }),
    implement(contracts.getDashboardCharts, {
      before,
      handler: async (_req, res, { query }) => {
        res.json(await dashboardCharts(ctx, query))
      },
    }),
    implement(contracts.exportPartners, {
      before,
      handler: async (_req, res, { query }) => {
        if (query.contacts) assertMaySeeContacts(res)
        await exportPartners(ctx, res, managerOf(res), query)
      },
    }),
    implement(contracts.exportRequests, {
      before,
      handler: async (_req, res, { query }) => {
        if (query.contacts) assertMaySeeContacts(res)
        await exportRequests(ctx, res, managerOf(res), query)
      },
    }),
    implement(contracts.exportReturns, {
      before,
      handler: async (_req, res, { query }) => {
        await exportReturns(ctx, res, query)
      },
    }),
    implement(contracts.exportLeadSyncFailures, {
      before,
      handler: async (_req, res, { query }) => {
        await exportLeadSyncFailures(ctx, res, query)
      },
    }),
    implement(contracts.exportAuditLog, {
      before,
      handler: async (_req, res, { query }) => {
        await exportAuditLog(ctx, res, query)
      },
    }),
    implement(contracts.exportClientFeedback, {
      before,
      handler: async (_req, res, { query }) => {
        await exportClientFeedback(ctx, res, query)
      },
    }),
  ]
}

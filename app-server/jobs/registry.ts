import type { AppContext } from '../context'
import { crmGateway, PortalClients, TokenCipher } from '../modules/bitrix24'
import { crmSyncJobs } from '../modules/crm-sync'
import { ratingJobDefinitions, ratingJobs } from '../modules/rating'
import { requestJobs } from '../modules/requests'
import { Worker } from './worker'

/** The worker with every module's jobs: the composition root of background work. */
export interface WorkerOptions {
  pollIntervalMs?: number
  /**
   * The process's portal clients, shared with the web role when both run in one process, so each portal has one
   * SDK client and one rate-limit bucket here.
   */
  portalClients?: PortalClients
}

export function createWorker(ctx: AppContext, options: WorkerOptions = {}): Worker {
  const { portalClients = new PortalClients(ctx, new TokenCipher(ctx.appSecret)), ...workerOptions } = options
  const crmSync = crmSyncJobs(ctx, crmGateway(portalClients))
  const recurring = [...requestJobs(ctx), ...crmSync.recurring, ...ratingJobs(ctx)]
  return new Worker({
    db: ctx.db,
    logger: ctx.logger,
    clock: ctx.clock,
    definitions: [...recurring.map((entry) => entry.job), ...crmSync.definitions, ...ratingJobDefinitions(ctx)],
    recurring,
    leaseMs: ctx.config.WORKER_LEASE_SECONDS * 1_000,
    ...workerOptions,
  })
}

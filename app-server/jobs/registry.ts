import type { AppContext } from '../context'
import { eventJobDefinitions, type AppEventConsumer } from '../events'
import { crmGateway, PortalClients, TokenCipher, type CrmGateway } from '../modules/bitrix24'
import { crmSyncEventHandlers, crmSyncJobs } from '../modules/crm-sync'
import { programJobs } from '../modules/program'
import { ratingEventHandlers, ratingJobs } from '../modules/rating'
import { requestJobs } from '../modules/requests'
import { Worker } from './worker'

/** The worker with every module's jobs and event handlers: the composition root of background work. */
export interface WorkerOptions {
  pollIntervalMs?: number
  /**
   * The process's portal clients, shared with the web role when both run in one process, so each portal has one
   * SDK client and one rate-limit bucket here.
   */
  portalClients?: PortalClients
}

/**
 * Every module that reacts to domain events, with its handlers. An event reaches exactly the handlers listed
 * here: a module that declares handlers must be added.
 */
export function eventConsumers(ctx: AppContext, gateway: CrmGateway): AppEventConsumer[] {
  return [crmSyncEventHandlers(ctx, gateway), ratingEventHandlers(ctx)]
}

export function createWorker(ctx: AppContext, options: WorkerOptions = {}): Worker {
  const { portalClients = new PortalClients(ctx, new TokenCipher(ctx.appSecret)), ...workerOptions } = options
  const gateway = crmGateway(portalClients)
  const crmSync = crmSyncJobs(ctx, gateway)
  const recurring = [...requestJobs(ctx), ...crmSync.recurring, ...ratingJobs(ctx), ...programJobs(ctx)]
  return new Worker({
    db: ctx.db,
    logger: ctx.logger,
    clock: ctx.clock,
    definitions: [
      ...recurring.map((entry) => entry.job),
      ...crmSync.definitions,
      ...eventJobDefinitions(ctx.db, eventConsumers(ctx, gateway)),
    ],
    recurring,
    leaseMs: ctx.config.WORKER_LEASE_SECONDS * 1_000,
    ...workerOptions,
  })
}

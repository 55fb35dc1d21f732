import type { AppContext } from '../context'
import { crmGateway, PortalClients, TokenCipher } from '../modules/bitrix24'
import { crmSyncJobs } from '../modules/crm-sync'
import { requestJobs } from '../modules/requests'
import { Worker } from './worker'

/** The worker with every module's jobs: the composition root of background work. */
export function createWorker(ctx: AppContext, options: { pollIntervalMs?: number } = {}): Worker {
  const crmSync = crmSyncJobs(ctx, crmGateway(new PortalClients(ctx, new TokenCipher(ctx.appSecret))))
  const recurring = [...requestJobs(ctx), ...crmSync.recurring]
  return new Worker({
    db: ctx.db,
    logger: ctx.logger,
    clock: ctx.clock,
    definitions: [...recurring.map((entry) => entry.job), ...crmSync.definitions],
    recurring,
    ...options,
  })
}

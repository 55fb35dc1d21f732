import type { AppContext } from '../context'
import { requestJobs } from '../modules/requests'
import { Worker } from './worker'

/** The worker with every module's jobs: the composition root of background work. */
export function createWorker(ctx: AppContext, options: { pollIntervalMs?: number } = {}): Worker {
  const recurring = [...requestJobs(ctx)]
  return new Worker({
    db: ctx.db,
    logger: ctx.logger,
    clock: ctx.clock,
    definitions: recurring.map((entry) => entry.job),
    recurring,
    ...options,
  })
}

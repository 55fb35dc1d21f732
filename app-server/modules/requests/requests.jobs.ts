import { z } from 'zod'
import type { AppContext } from '../../context'
import { defineJob } from '../../jobs/job'
import type { RecurringJob } from '../../jobs/worker'
import { pruneRateLimits } from '../../http/rate-limit'
import { expireRequests } from './moderate-requests'

/** Housekeeping of the requests module: expire old requests, forget old rate-limit windows. */
export function requestJobs(ctx: AppContext): RecurringJob[] {
  const expire = defineJob({
    name: 'requests.expire',
    payload: z.object({}),
    perform: async (_payload, { logger }) => {
      const closed = await expireRequests(ctx)
      if (closed > 0) logger.info({ closed }, 'expired requests closed')
    },
  })
  const prune = defineJob({
    name: 'rate-limits.prune',
    payload: z.object({}),
    perform: () => pruneRateLimits(ctx.db, ctx.clock.now()),
  })
  return [
    { job: expire, everyMs: 5 * 60_000 },
    { job: prune, everyMs: 60 * 60_000 },
  ]
}

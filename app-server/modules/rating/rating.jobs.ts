import { z } from 'zod'
import type { AppContext } from '../../context'
import { defineJob } from '../../jobs/job'
import type { RecurringJob } from '../../jobs/worker'
import { snapshotRatings } from './rating.service'
import { expireStaleReservations } from './stale-reservations'

/** The rating's scheduled work: release stale reservations, snapshot the day. */
export function ratingJobs(ctx: AppContext): RecurringJob[] {
  const stale = defineJob({
    name: 'rating.expire-stale',
    payload: z.object({}),
    perform: async (_payload, { logger }) => {
      const released = await expireStaleReservations(ctx)
      if (released > 0) logger.info({ released }, 'stale reservations released')
    },
  })
  const snapshot = defineJob({
    name: 'rating.snapshot',
    payload: z.object({}),
    perform: async () => {
      await snapshotRatings(ctx)
    },
  })
  return [
    { job: stale, everyMs: 5 * 60_000 },
    { job: snapshot, everyMs: 60 * 60_000 },
  ]
}

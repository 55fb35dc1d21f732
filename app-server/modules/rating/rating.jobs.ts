import { z } from 'zod'
import type { AppContext } from '../../context'
import { defineJob, type JobDefinition } from '../../jobs/job'
import type { RecurringJob } from '../../jobs/worker'
import { SPAM_EXCLUSION_JOB } from '../requests'
import { applyAllOutcomeEvents } from './outcome-events'
import { snapshotRatings } from './rating.service'
import { excludeSpamRequest } from './spam-requests'
import { expireStaleReservations } from './stale-reservations'

/** The rating's background work: apply new outcomes, release stale reservations, snapshot the day. */
export function ratingJobs(ctx: AppContext): RecurringJob[] {
  const outcomes = defineJob({
    name: 'rating.apply-outcomes',
    payload: z.object({}),
    perform: async (_payload, { logger }) => {
      const applied = await applyAllOutcomeEvents(ctx)
      if (applied > 0) logger.info({ applied }, 'outcome events applied to ratings')
    },
  })
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
    { job: outcomes, everyMs: 15_000 },
    { job: stale, everyMs: 5 * 60_000 },
    { job: snapshot, everyMs: 60 * 60_000 },
  ]
}

/** Jobs other modules write for the rating: a request rejected as spam leaves every partner's rating. */
export function ratingJobDefinitions(ctx: AppContext): JobDefinition[] {
  const spam = defineJob({
    ...SPAM_EXCLUSION_JOB,
    perform: async ({ requestId }, { logger }) => {
      const excluded = await excludeSpamRequest(ctx, requestId)
      logger.info({ requestId, excluded }, 'spam request excluded from ratings')
    },
  })
  return [spam as JobDefinition]
}

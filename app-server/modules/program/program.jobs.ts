import { z } from 'zod'
import type { AppContext } from '../../context'
import { defineJob } from '../../jobs/job'
import type { RecurringJob } from '../../jobs/worker'
import { runProgramDay } from './program-day'

/**
 * The program's daily transitions. It runs every hour: each run records only what is due and not yet recorded,
 * so the extra runs cost one evaluation pass and a transition is recorded within the hour of its date.
 */
export function programJobs(ctx: AppContext): RecurringJob[] {
  const day = defineJob({
    name: 'program.daily',
    payload: z.object({}),
    perform: async (_payload, { logger }) => {
      const result = await runProgramDay(ctx)
      if (result.recorded > 0) logger.info(result, 'program verdicts recorded')
    },
  })
  return [{ job: day, everyMs: 60 * 60_000 }]
}

import { z } from 'zod'
import type { Executor } from '../../db/client'
import { enqueue, type JobSpec } from '../../jobs/job'

/**
 * "No partner that held this request is rated on it": written by moderation when a manager rejects a request as
 * spam, performed by the rating, which sits above this module and so may not be called from here.
 */
export const SPAM_EXCLUSION_JOB = {
  name: 'rating.exclude-spam-request',
  payload: z.object({ requestId: z.uuid() }),
  maxAttempts: 10,
} satisfies JobSpec<{ requestId: string }>

/** Writes the exclusion in the moderation's transaction; a request rejected again later is excluded again. */
export async function enqueueSpamExclusion(executor: Executor, requestId: string, now: Date): Promise<void> {
  await enqueue(executor, SPAM_EXCLUSION_JOB, { key: `${requestId}:${now.toISOString()}`, payload: { requestId } })
}

import { z } from 'zod'
import type { Executor } from '../../db/client'
import { enqueue, type JobSpec } from '../../jobs/job'

/** 30 s, 1, 2, 4 … 32 min, then hourly: 31 attempts span about 24 hours before a manager has to step in. */
export const LEAD_PUSH_MAX_ATTEMPTS = 31

/**
 * "This reservation's lead must reach the partner's CRM": written by reservations in the reserve transaction
 * (the outbox), performed by crm-sync, which sits above this module and so may not be called from here.
 */
export const LEAD_PUSH_JOB = {
  name: 'crm-sync.push-lead',
  payload: z.object({ reservationId: z.uuid() }),
  maxAttempts: LEAD_PUSH_MAX_ATTEMPTS,
} satisfies JobSpec<{ reservationId: string }>

/** Writes the lead push in the caller's transaction: the reservation and its lead commit together. */
export async function enqueueLeadPush(executor: Executor, reservationId: string): Promise<void> {
  await enqueue(executor, LEAD_PUSH_JOB, { key: reservationId, payload: { reservationId } })
}

import { z } from 'zod'
import type { AppContext } from '../../context'
import { defineJob, enqueue, type JobDefinition, type JobSpec } from '../../jobs/job'
import type { RecurringJob } from '../../jobs/worker'
import type { CrmGateway } from '../bitrix24'
import { LEAD_PUSH_JOB, LEAD_PUSH_MAX_ATTEMPTS } from '../reservations'
import { installedPortalIds } from './crm-sync.repository'
import { fetchOutcome, reconcilePortal } from './outcomes'
import { leadPusher, recordFinalPushFailure } from './push-leads'

export const CRM_MAX_ATTEMPTS = LEAD_PUSH_MAX_ATTEMPTS
export function crmBackoffMs(attempt: number, firstMs: number, maxMs: number): number {
  const base = Math.min(maxMs, firstMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(base * (0.8 + Math.random() * 0.4))
}

const RECONCILE_EVERY_MS = 10 * 60_000

export const PUSH_LEAD_JOB = LEAD_PUSH_JOB

const FetchOutcomePayload = z.object({
  portalId: z.uuid(),
  entity: z.enum(['lead', 'deal']),
  id: z.string().regex(/^\d{1,18}$/),
})
export const FETCH_OUTCOME_JOB = {
  name: 'crm-sync.fetch-outcome',
  payload: FetchOutcomePayload,
  maxAttempts: CRM_MAX_ATTEMPTS,
} satisfies JobSpec<z.infer<typeof FetchOutcomePayload>>

const RECONCILE_PORTAL_JOB = {
  name: 'crm-sync.reconcile-portal',
  payload: z.object({ portalId: z.uuid() }),
  // The next run, 10 minutes later, covers the same ground: no point retrying for long.
  maxAttempts: 3,
} satisfies JobSpec<{ portalId: string }>

/** The background work of lead sync: push leads, read outcomes after events, reconcile every portal. */
export function crmSyncJobs(ctx: AppContext, gateway: CrmGateway) {
  const pushLeads = leadPusher(ctx, gateway)
  const { CRM_RETRY_BASE_SECONDS, CRM_RETRY_MAX_SECONDS } = ctx.config
  const backoffMs = (attempt: number) =>
    crmBackoffMs(attempt, CRM_RETRY_BASE_SECONDS * 1_000, CRM_RETRY_MAX_SECONDS * 1_000)
  const push = defineJob({
    ...PUSH_LEAD_JOB,
    backoffMs,
    perform: async ({ reservationId }, { attempt }) => {
      try {
        await pushLeads(reservationId)
      } catch (error) {
        if (attempt >= CRM_MAX_ATTEMPTS) await recordFinalPushFailure(ctx, reservationId, error)
        throw error
      }
    },
  })
  const fetch = defineJob({
    ...FETCH_OUTCOME_JOB,
    backoffMs,
    perform: (change) => fetchOutcome(ctx, gateway, change),
  })
  const reconcileOne = defineJob({
    ...RECONCILE_PORTAL_JOB,
    perform: ({ portalId }) => reconcilePortal(ctx, gateway, portalId),
  })
  const reconcile = defineJob({
    name: 'crm-sync.reconcile',
    payload: z.object({}),
    // Bitrix24 never repeats an event: every portal is checked for changes the app missed.
    perform: async () => {
      const slot = Math.floor(ctx.clock.now().getTime() / RECONCILE_EVERY_MS)
      for (const { id } of await installedPortalIds(ctx.db)) {
        await enqueue(ctx.db, RECONCILE_PORTAL_JOB, { key: `${id}:${slot}`, payload: { portalId: id } })
      }
    },
  })
  const definitions = [push, fetch, reconcileOne] as JobDefinition<unknown>[]
  const recurring: RecurringJob[] = [{ job: reconcile, everyMs: RECONCILE_EVERY_MS }]
  return { definitions, recurring }
}

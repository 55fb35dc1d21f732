import { z } from 'zod'
import type { AppContext } from '../../context'
import { defineJob, enqueue, type JobDefinition, type JobSpec } from '../../jobs/job'
import type { RecurringJob } from '../../jobs/worker'
import type { CrmGateway } from '../bitrix24'
import { installedPortalIds } from './crm-sync.repository'
import { reconcilePortal } from './outcomes'

const RECONCILE_PORTAL_JOB = {
  name: 'crm-sync.reconcile-portal',
  payload: z.object({ portalId: z.uuid() }),
  // The next run (RECONCILE_EVERY_SECONDS later) covers the same ground: no point retrying for long.
  maxAttempts: 3,
} satisfies JobSpec<{ portalId: string }>

/**
 * The scheduled work of lead sync: every portal is reconciled for the changes the app missed. Pushing leads and
 * reading outcomes after CRM events are reactions to events (crm-sync.events.ts).
 */
export function crmSyncJobs(ctx: AppContext, gateway: CrmGateway) {
  const everyMs = ctx.config.RECONCILE_EVERY_SECONDS * 1_000
  const reconcileOne = defineJob({
    ...RECONCILE_PORTAL_JOB,
    perform: ({ portalId }) => reconcilePortal(ctx, gateway, portalId),
  })
  const reconcile = defineJob({
    name: 'crm-sync.reconcile',
    payload: z.object({}),
    // Bitrix24 never repeats an event: every portal is checked for changes the app missed.
    perform: async () => {
      const slot = Math.floor(ctx.clock.now().getTime() / everyMs)
      for (const { id } of await installedPortalIds(ctx.db)) {
        await enqueue(ctx.db, RECONCILE_PORTAL_JOB, { key: `${id}:${slot}`, payload: { portalId: id } })
      }
    },
  })
  const definitions = [reconcileOne] as JobDefinition<unknown>[]
  const recurring: RecurringJob[] = [{ job: reconcile, everyMs }]
  return { definitions, recurring }
}

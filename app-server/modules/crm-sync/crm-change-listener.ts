import type { AppContext } from '../../context'
import { enqueue } from '../../jobs/job'
import type { CrmChangeListener } from '../bitrix24'
import { findByLeadIds, portalHasLeads } from './crm-sync.repository'
import { FETCH_OUTCOME_JOB } from './crm-sync.jobs'

/**
 * Changes of one entity within this window make one fetch, run at the window's end so it reads the latest state
 * (a conversion alone fires three events).
 */
const EVENT_WINDOW_MS = 5_000

/**
 * Turns a verified CRM event into a job; the HTTP answer has gone out already. Leads the app never stored are
 * skipped without a call to the portal (a lead whose id a crash lost is repaired by reconciliation); deals carry
 * no mark of ours, so they are fetched whenever the portal has leads of ours.
 */
export function crmChangeListener(ctx: AppContext): CrmChangeListener {
  return async (change) => {
    const ours =
      change.entity === 'lead'
        ? (await findByLeadIds(ctx.db, change.portalId, [change.id])).length > 0
        : await portalHasLeads(ctx.db, change.portalId)
    if (!ours) return ctx.logger.debug({ portalId: change.portalId, entity: change.entity }, 'foreign CRM change')
    const windowEnd = (Math.floor(ctx.clock.now().getTime() / EVENT_WINDOW_MS) + 1) * EVENT_WINDOW_MS
    await enqueue(ctx.db, FETCH_OUTCOME_JOB, {
      key: `${change.portalId}:${change.entity}:${change.id}:${windowEnd}`,
      payload: change,
      runAt: new Date(windowEnd),
    })
  }
}

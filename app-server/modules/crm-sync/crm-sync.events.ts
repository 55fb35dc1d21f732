import type { AppContext } from '../../context'
import { defineEventHandlers, type AppEventConsumer, type EventPayload } from '../../events'
import type { CrmGateway } from '../bitrix24'
import { findByLeadIds, portalHasLeads } from './crm-sync.repository'
import { CRM_MAX_ATTEMPTS, CRM_SYNC, crmRetryBackoff, LEAD_PUSH_JOB } from './deliveries'
import { fetchOutcome } from './outcomes'
import { leadPusher, recordFinalPushFailure } from './push-leads'

/**
 * Changes of one entity within this window make one fetch, run at the window's end so it reads the latest state
 * (a conversion alone fires three events, within a fraction of a second). The window's end is also how long a
 * change waits before the app reads it, and the partner app shows it a refresh later: two seconds keep a Won or
 * Lost on an open screen within about five seconds of the click in the CRM.
 */
const EVENT_WINDOW_MS = 2_000

const windowEnd = (change: EventPayload<'crm.entity_changed'>) =>
  (Math.floor(Date.parse(change.receivedAt) / EVENT_WINDOW_MS) + 1) * EVENT_WINDOW_MS

/**
 * crm-sync's reactions: a new reservation's lead goes into the partner's CRM; a changed lead or deal is read back
 * for its outcome.
 */
export function crmSyncEventHandlers(ctx: AppContext, gateway: CrmGateway): AppEventConsumer {
  const pushLeads = leadPusher(ctx, gateway)
  const backoff = crmRetryBackoff(ctx.config)
  return defineEventHandlers(CRM_SYNC, {
    'reservation.created': {
      maxAttempts: LEAD_PUSH_JOB.maxAttempts,
      backoff,
      deliveryKey: ({ reservationId }) => reservationId,
      handle: async ({ reservationId, portalId }, { attempt, maxAttempts }) => {
        // Reserved outside a portal: there is no CRM to write to.
        if (!portalId) return
        try {
          await pushLeads(reservationId)
        } catch (error) {
          if (attempt >= maxAttempts) await recordFinalPushFailure(ctx, reservationId, error)
          throw error
        }
      },
    },
    'crm.entity_changed': {
      maxAttempts: CRM_MAX_ATTEMPTS,
      backoff,
      deliveryKey: (change) => `${change.portalId}:${change.entity}:${change.id}:${windowEnd(change)}`,
      notBefore: (change) => new Date(windowEnd(change)),
      handle: async (change) => {
        // Leads the app never stored are skipped without a call to the portal (a lead whose id a crash lost is
        // repaired by reconciliation); deals carry no mark of ours, so they are read whenever the portal has leads
        // of ours.
        const ours =
          change.entity === 'lead'
            ? (await findByLeadIds(ctx.db, change.portalId, [change.id])).length > 0
            : await portalHasLeads(ctx.db, change.portalId)
        if (!ours) return ctx.logger.debug({ portalId: change.portalId, entity: change.entity }, 'foreign CRM change')
        await fetchOutcome(ctx, gateway, change)
      },
    },
  })
}

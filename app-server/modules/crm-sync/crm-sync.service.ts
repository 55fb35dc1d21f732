import type { CrmSyncFailure } from '../../../shared/schemas/crm-sync.schema'
import type { AppContext } from '../../context'
import { withTransaction } from '../../db/transaction'
import { AppError, notFound } from '../../errors'
import type { ManagerActor } from '../../http/auth/actors'
import { recordAudit } from '../audit'
import { enqueue } from '../../jobs/job'
import { failedLeadIdsOfPortal, requeuePush, selectFailures } from './crm-sync.repository'
import { LEAD_PUSH_JOB } from './deliveries'

/** Reservations whose lead never reached the CRM, oldest first, with the last error and the attempts made. */
export async function listFailures(ctx: AppContext): Promise<{ items: CrmSyncFailure[] }> {
  const rows = await selectFailures(ctx.db, LEAD_PUSH_JOB.name)
  return {
    items: rows.map(({ reservation, job }) => ({
      reservationId: reservation.id,
      partnerId: reservation.partnerId,
      portalId: reservation.portalId,
      requestId: reservation.requestId,
      reservedAt: reservation.reservedAt.toISOString(),
      lastError: reservation.crmLastError ?? job?.lastError ?? null,
      attempts: job?.attempts ?? 0,
      jobId: job?.id ?? null,
    })),
  }
}

/**
 * Tries a failed lead again with a fresh set of attempts, e.g. after the partner reinstalled the app.
 * @throws AppError `crm_sync_failure_not_found` (404) when the reservation has no failed lead.
 */
export async function retryFailedPush(ctx: AppContext, actor: ManagerActor, reservationId: string) {
  return withTransaction(ctx.db, async (tx) => {
    const now = ctx.clock.now()
    const requeued = await requeuePush(tx, LEAD_PUSH_JOB, reservationId, now)
    if (!requeued) throw notFound('crm_sync_failure_not_found', 'This reservation has no failed CRM sync.')
    // A delivery removed by housekeeping is written again; the lookup by ORIGIN_ID still prevents a second lead.
    if (!requeued.jobFound) {
      const { id, requestId, partnerId, portalId } = requeued.reservation
      await enqueue(tx, LEAD_PUSH_JOB, {
        key: reservationId,
        payload: { reservationId: id, requestId, partnerId, portalId },
      })
    }
    await recordAudit(tx, {
      at: now,
      actor: { type: 'manager', id: actor.managerId },
      action: 'crm_sync.retried',
      entity: { type: 'reservation', id: reservationId },
      before: { crmStatus: 'failed' },
      after: { crmStatus: 'pending' },
    })
    return { reservationId, crmStatus: 'pending' as const }
  })
}

/**
 * Retries several failed leads, each in its own transaction and audited like a single retry: the ones named, or
 * every failed lead of a portal. Those no longer failed are reported, not refused, since another manager may
 * have retried them a moment earlier.
 */
export async function retryFailedPushes(
  ctx: AppContext,
  actor: ManagerActor,
  target: { reservationIds?: string[] | undefined; portalId?: string | undefined },
) {
  const ids = target.portalId ? await failedLeadIdsOfPortal(ctx.db, target.portalId) : (target.reservationIds ?? [])
  const retried: string[] = []
  const notFailed: string[] = []
  for (const id of new Set(ids)) {
    try {
      await retryFailedPush(ctx, actor, id)
      retried.push(id)
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'crm_sync_failure_not_found') throw error
      notFailed.push(id)
    }
  }
  return { retried, notFailed }
}

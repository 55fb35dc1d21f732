import type { AppContext } from '../../context'
import { completeWaitingJobs } from '../../jobs/job'
import { scrubContactData } from '../../logger'
import { CRM_BATCH_LIMIT, type CrmGateway } from '../bitrix24'
import { leasePending, markAddAttempted, markNotSynced, recordPushError, storeLeadIds } from '../reservations'
import { findReservation, loadWithRequests } from './crm-sync.repository'
import { LEAD_PUSH_JOB } from './deliveries'
import { leadFieldsOf } from './lead-fields'

const leaseUntil = (ctx: AppContext, now: Date) => new Date(now.getTime() + ctx.config.WORKER_LEASE_SECONDS * 1_000)

const messageOf = (error: unknown) =>
  scrubContactData(error instanceof Error ? error.message : String(error)).slice(0, 2_000)

/** A drain hands over after this many batches, so one job never holds the worker for long. */
const MAX_BATCHES_PER_DRAIN = 20

/**
 * Writes the lead of one reservation into its portal's CRM, together with the other leads of that portal still
 * waiting. Exactly once: every add is recorded before it is sent, and a reservation with a recorded add is looked
 * up by ORIGIN_ID before it is sent again; the adds never repeat after a network error, and a lead id is stored as
 * soon as it is known. A crash anywhere leaves either no lead (added next time) or a lead the next lookup finds.
 * An add whose answer did not come may still be running on the portal, so its reservation waits out the portal's
 * execution limit (B24_EXECUTION_LIMIT_SECONDS, counted from when the app stopped waiting) before that lookup.
 * First attempts skip the lookup, so a healthy portal spends one REST call per 50 leads.
 *
 * One drain per portal runs in a process at a time; a push that finds one running waits for it (its lead is
 * usually among those written). Leases are taken just before a batch is sent, so while the portal's rate limit
 * holds a batch back, the next one collects every lead reserved meanwhile: throughput approaches 50 leads per
 * allowed call.
 * @returns `push(reservationId)`, which throws when this reservation's lead could not be written; its delivery
 * then tries again later.
 */
export function leadPusher(ctx: AppContext, gateway: CrmGateway) {
  const draining = new Map<string, Promise<void>>()

  async function drain(portalId: string, first: string): Promise<void> {
    for (let round = 0; round < MAX_BATCHES_PER_DRAIN; round++) {
      const now = ctx.clock.now()
      const leased = await leasePending(ctx.db, {
        portalId,
        first,
        now,
        // Longer than a run can take with the SDK's own retries; a run killed mid-way frees its rows after it.
        leaseUntil: leaseUntil(ctx, now),
        // An add sent more recently may still be running on the portal: neither looked up nor sent again yet.
        sentBefore: new Date(now.getTime() - ctx.config.B24_EXECUTION_LIMIT_SECONDS * 1_000),
        limit: CRM_BATCH_LIMIT,
      })
      if (leased.length > 0) await pushLeased(ctx, gateway, portalId, leased)
      if (leased.length < CRM_BATCH_LIMIT) return
    }
  }

  async function drainIfPending(portalId: string, reservationId: string): Promise<void> {
    if ((await findReservation(ctx.db, reservationId))?.crmStatus === 'pending') await drain(portalId, reservationId)
  }

  return async function push(reservationId: string): Promise<void> {
    const reservation = await findReservation(ctx.db, reservationId)
    if (!reservation?.portalId || reservation.crmStatus !== 'pending') return
    // Released before its lead was written: the partner gave the request back, so its CRM gets nothing.
    if (reservation.status === 'released') return markNotSynced(ctx.db, reservationId)
    const portalId = reservation.portalId
    for (let running = draining.get(portalId); running; running = draining.get(portalId)) {
      await running.catch(() => undefined)
    }
    // Registered before any await, so a push arriving meanwhile waits for this drain instead of starting its own.
    const run = drainIfPending(portalId, reservationId).finally(() => draining.delete(portalId))
    draining.set(portalId, run)
    await run
    const after = await findReservation(ctx.db, reservationId)
    if (after?.crmStatus === 'pending') {
      throw new Error(after.crmLastError ?? 'another run is writing this lead at the moment')
    }
  }
}

async function pushLeased(
  ctx: AppContext,
  gateway: CrmGateway,
  portalId: string,
  leased: { id: string; maybeSent: boolean }[],
): Promise<void> {
  const leasedIds = leased.map((row) => row.id)
  // The adds sent and not yet answered: if the answer never comes, the portal may still create these leads.
  let unanswered: string[] = []
  try {
    const maybeSent = leased.filter((row) => row.maybeSent).map((row) => row.id)
    const found =
      maybeSent.length > 0 ? await gateway.findLeadsByOriginIds(portalId, maybeSent) : new Map<string, string>()
    await storeLeadIds(ctx.db, found, ctx.clock.now())
    const written = [...found.keys()]
    // Read after the lease: a client who erased their contacts meanwhile cancelled the push (not_synced).
    const missing = (await loadWithRequests(ctx.db, leasedIds)).filter(
      (row) =>
        !found.has(row.reservation.id) && row.reservation.crmStatus === 'pending' && row.request.erasedAt === null,
    )
    const fields = new Map(
      missing.map(({ reservation: row, request }) => [
        row.id,
        leadFieldsOf({ reservationId: row.id, assignedUserId: row.assignedUserId, request }, ctx.config.PUBLIC_URL),
      ]),
    )
    if (fields.size > 0) {
      unanswered = [...fields.keys()]
      const now = ctx.clock.now()
      await markAddAttempted(ctx.db, unanswered, now, leaseUntil(ctx, now))
      const outcomes = await gateway.addLeads(portalId, fields)
      unanswered = []
      const added = new Map<string, string>()
      for (const [id, outcome] of outcomes) {
        if ('leadId' in outcome) added.set(id, outcome.leadId)
        else await recordPushError(ctx.db, [id], messageOf(outcome.error), { failed: false })
      }
      await storeLeadIds(ctx.db, added, ctx.clock.now())
      written.push(...added.keys())
    }
    // Their own deliveries have nothing left to do.
    await completeWaitingJobs(ctx.db, LEAD_PUSH_JOB, written, ctx.clock.now())
    ctx.logger.info({ portalId, leased: leased.length, found: found.size, added: fields.size }, 'leads pushed')
  } catch (error) {
    // The portal got the adds no later than now and runs them for at most its execution limit from here.
    await markAddAttempted(ctx.db, unanswered, ctx.clock.now())
    await recordPushError(ctx.db, leasedIds, messageOf(error), { failed: false })
    throw error
  }
}

/** Retries are spent: the reservation shows as failed to its partner and to managers, who can retry it. */
export async function recordFinalPushFailure(ctx: AppContext, reservationId: string, error: unknown): Promise<void> {
  await recordPushError(ctx.db, [reservationId], messageOf(error), { failed: true })
}

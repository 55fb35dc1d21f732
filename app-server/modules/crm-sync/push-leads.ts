import type { AppContext } from '../../context'
import { scrubContactData } from '../../logger'
import { CRM_BATCH_LIMIT, type CrmGateway } from '../bitrix24'
import {
  findReservation,
  leasePending,
  loadWithRequests,
  markAddAttempted,
  markNotSynced,
  recordPushError,
  storeLeadId,
} from './crm-sync.repository'
import { leadFieldsOf } from './lead-fields'

/** Longer than a run can take with the SDK's own retries; a run killed mid-way frees its rows after it. */
const LEASE_MS = 5 * 60_000

const messageOf = (error: unknown) =>
  scrubContactData(error instanceof Error ? error.message : String(error)).slice(0, 2_000)

/**
 * Writes the lead of one reservation into its portal's CRM, together with the other leads of that portal still
 * waiting (up to one batch). Exactly once: every add is recorded before it is sent, and a reservation with a
 * recorded add is looked up by ORIGIN_ID before it is sent again; the adds never repeat after a network error, and
 * a lead id is stored as soon as it is known. A crash anywhere leaves either no lead (added next time) or a lead
 * the next lookup finds. First attempts skip the lookup, so a healthy portal spends one REST call per 50 leads.
 * @throws when this reservation's lead could not be written; its job then tries again later.
 */
export async function pushLeads(ctx: AppContext, gateway: CrmGateway, reservationId: string): Promise<void> {
  const reservation = await findReservation(ctx.db, reservationId)
  if (!reservation?.portalId || reservation.crmStatus !== 'pending') return
  // Released before its lead was written: the partner gave the request back, so its CRM gets nothing.
  if (reservation.status === 'released') return markNotSynced(ctx.db, reservationId)
  const portalId = reservation.portalId
  const now = ctx.clock.now()
  const leased = await leasePending(ctx.db, {
    portalId,
    first: reservationId,
    now,
    leaseUntil: new Date(now.getTime() + LEASE_MS),
    limit: CRM_BATCH_LIMIT,
  })
  if (!leased.some((row) => row.id === reservationId)) throw new Error('another run is writing this lead at the moment')
  const leasedIds = leased.map((row) => row.id)
  try {
    const maybeSent = leased.filter((row) => row.maybeSent).map((row) => row.id)
    const found =
      maybeSent.length > 0 ? await gateway.findLeadsByOriginIds(portalId, maybeSent) : new Map<string, string>()
    for (const [id, leadId] of found) await storeLeadId(ctx.db, id, leadId, ctx.clock.now())
    const missing = (await loadWithRequests(ctx.db, leasedIds)).filter((row) => !found.has(row.reservation.id))
    const fields = new Map(
      missing.map(({ reservation: row, request }) => [
        row.id,
        leadFieldsOf({ reservationId: row.id, assignedUserId: row.assignedUserId, request }, ctx.config.PUBLIC_URL),
      ]),
    )
    if (fields.size > 0) {
      await markAddAttempted(ctx.db, [...fields.keys()], ctx.clock.now())
      for (const [id, outcome] of await gateway.addLeads(portalId, fields)) {
        if ('leadId' in outcome) await storeLeadId(ctx.db, id, outcome.leadId, ctx.clock.now())
        else await recordPushError(ctx.db, [id], messageOf(outcome.error), { failed: false })
      }
    }
    ctx.logger.info({ portalId, leased: leased.length, found: found.size, added: fields.size }, 'leads pushed')
  } catch (error) {
    await recordPushError(ctx.db, leasedIds, messageOf(error), { failed: false })
    throw error
  }
  const after = await findReservation(ctx.db, reservationId)
  if (after?.crmStatus !== 'in_crm') throw new Error(after?.crmLastError ?? 'the lead was not written')
}

/** Retries are spent: the reservation shows as failed to its partner and to managers, who can retry it. */
export async function recordFinalPushFailure(ctx: AppContext, reservationId: string, error: unknown): Promise<void> {
  await recordPushError(ctx.db, [reservationId], messageOf(error), { failed: true })
}

import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm'
import type { Executor } from '../../db/client'
import { reservations } from '../../db/schema'
import { clearJobErrors } from '../../jobs/job'
import type { ErasureStep } from '../requests'
import type { ReservationRow } from './reservations.repository'
import type { LeadOutcome } from '../../../shared/domain/reservation-columns'

/*
 * Where a reservation's lead stands in the partner's CRM (crm_* columns and the outcome): written here for
 * crm-sync, which pushes leads and reads outcomes but does not own the table.
 */

/**
 * Leases up to `limit` active reservations of one portal whose lead is still to be written, `first` among them
 * if it is free. Rows leased by another run are skipped: two runs never add the same lead at once. So are rows
 * whose add was last sent at or after `sentBefore`: the portal may still be running that add, and a lookup now
 * would miss the lead it is about to create.
 * @returns the leased reservations, each with whether an earlier run may already have sent its lead.
 */
export async function leasePending(
  db: Executor,
  input: { portalId: string; first: string; now: Date; leaseUntil: Date; sentBefore: Date; limit: number },
): Promise<{ id: string; maybeSent: boolean }[]> {
  const rows = await db
    .update(reservations)
    .set({ crmLeaseUntil: input.leaseUntil })
    .where(
      inArray(
        reservations.id,
        db
          .select({ id: reservations.id })
          .from(reservations)
          .where(
            and(
              eq(reservations.portalId, input.portalId),
              eq(reservations.crmStatus, 'pending'),
              eq(reservations.status, 'active'),
              or(isNull(reservations.crmLeaseUntil), lt(reservations.crmLeaseUntil, input.now)),
              or(isNull(reservations.crmAddAttemptedAt), lt(reservations.crmAddAttemptedAt, input.sentBefore)),
            ),
          )
          .orderBy(sql`${reservations.id} = ${input.first} desc`, asc(reservations.reservedAt))
          .limit(input.limit)
          .for('update', { skipLocked: true }),
      ),
    )
    .returning({ id: reservations.id, addAttemptedAt: reservations.crmAddAttemptedAt })
  return rows.map((row) => ({ id: row.id, maybeSent: row.addAttemptedAt !== null }))
}

/**
 * Recorded before crm.lead.add is called, and again when its answer did not come: from then on a lead may exist
 * that the next run must look up, once the portal can no longer be running the add (`leasePending`).
 * `leaseUntil` extends the run's lease over the add, however long the lookup before it took.
 */
export async function markAddAttempted(db: Executor, ids: string[], now: Date, leaseUntil?: Date): Promise<void> {
  if (ids.length === 0) return
  await db
    .update(reservations)
    .set({ crmAddAttemptedAt: now, ...(leaseUntil ? { crmLeaseUntil: leaseUntil } : {}) })
    .where(inArray(reservations.id, ids))
}

/** The lead exists: remember its id. A lead id once stored never changes. */
export async function storeLeadId(db: Executor, id: string, leadId: string, now: Date): Promise<void> {
  await db
    .update(reservations)
    .set({ crmStatus: 'in_crm', crmLeadId: leadId, crmSyncedAt: now, crmLastError: null, crmLeaseUntil: null })
    .where(and(eq(reservations.id, id), or(isNull(reservations.crmLeadId), eq(reservations.crmLeadId, leadId))))
}

/** The leads of one batch, stored in one statement. A lead id once stored never changes. */
export async function storeLeadIds(db: Executor, leadIds: Map<string, string>, now: Date): Promise<void> {
  if (leadIds.size === 0) return
  await db.execute(sql`
    update reservations r
    set crm_status = 'in_crm', crm_lead_id = v.lead_id, crm_synced_at = ${now.toISOString()}::timestamptz,
        crm_last_error = null, crm_lease_until = null
    from unnest(${sql.param([...leadIds.keys()])}::uuid[], ${sql.param([...leadIds.values()])}::text[])
      as v(id, lead_id)
    where r.id = v.id and (r.crm_lead_id is null or r.crm_lead_id = v.lead_id)`)
}

/** Frees leased reservations whose lead is not written yet, with the reason; `failed` once retries are spent. */
export async function recordPushError(
  db: Executor,
  ids: string[],
  error: string,
  options: { failed: boolean },
): Promise<void> {
  if (ids.length === 0) return
  await db
    .update(reservations)
    .set({
      crmLastError: error.slice(0, 2_000),
      crmLeaseUntil: null,
      ...(options.failed ? { crmStatus: 'failed' as const } : {}),
    })
    .where(and(inArray(reservations.id, ids), inArray(reservations.crmStatus, ['pending', 'failed'])))
}

export async function markNotSynced(db: Executor, id: string): Promise<void> {
  await db
    .update(reservations)
    .set({ crmStatus: 'not_synced', crmLeaseUntil: null })
    .where(and(eq(reservations.id, id), eq(reservations.crmStatus, 'pending')))
}

/** A failed lead goes back to pending, for a manager's retry. @returns the reservation, or undefined if not failed. */
export async function requeueFailedLead(db: Executor, id: string): Promise<ReservationRow | undefined> {
  const [row] = await db
    .update(reservations)
    .set({ crmStatus: 'pending', crmLeaseUntil: null })
    .where(and(eq(reservations.id, id), eq(reservations.crmStatus, 'failed')))
    .returning()
  return row
}

/** What the partner's CRM says about a reservation's lead. */
export interface CrmProgress {
  outcome: { outcome: LeadOutcome; at: Date } | undefined
  dealId: string | undefined
  /** The lead moved on from the stage it was created in. */
  leadProgressed?: boolean | undefined
  now: Date
}

/**
 * Stores what the CRM says: the deal, the first sign of progress (it stops the first-contact clock of stale
 * reservations) and the outcome. @returns whether the outcome changed.
 */
export async function recordCrmProgress(tx: Executor, reservation: ReservationRow, input: CrmProgress) {
  const { outcome, dealId, now } = input
  if (dealId && dealId !== reservation.crmDealId) {
    await tx.update(reservations).set({ crmDealId: dealId }).where(eq(reservations.id, reservation.id))
  }
  if (!reservation.crmProgressAt && (input.leadProgressed || dealId || outcome)) {
    await tx
      .update(reservations)
      .set({ crmProgressAt: now })
      .where(and(eq(reservations.id, reservation.id), isNull(reservations.crmProgressAt)))
  }
  if (!outcome) return false
  const [changed] = await tx
    .update(reservations)
    .set({ outcome: outcome.outcome, outcomeAt: outcome.at })
    .where(
      and(
        eq(reservations.id, reservation.id),
        or(isNull(reservations.outcome), sql`${reservations.outcome} <> ${outcome.outcome}`),
      ),
    )
    .returning({ id: reservations.id })
  return changed !== undefined
}

/**
 * A client erased their data: leads not yet written to a partner's CRM are not written with it, and CRM error
 * texts (of the reservations and of their jobs), which a CRM may fill with a name or company, are forgotten.
 */
export const eraseClientFromReservations: ErasureStep = async (tx, { requestId, now }) => {
  const cancelled = await tx
    .update(reservations)
    .set({ crmStatus: 'not_synced', crmLeaseUntil: null })
    .where(and(eq(reservations.requestId, requestId), inArray(reservations.crmStatus, ['pending', 'failed'])))
    .returning({ id: reservations.id })
  const held = await tx
    .update(reservations)
    .set({ crmLastError: null })
    .where(eq(reservations.requestId, requestId))
    .returning({ id: reservations.id })
  await clearJobErrors(
    tx,
    held.map((item) => item.id),
    now,
  )
  return { leadPushesCancelled: cancelled.length }
}

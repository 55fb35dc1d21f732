import { and, asc, eq, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm'
import type { Executor } from '../../db/client'
import { jobs, portals, requests, reservations } from '../../db/schema'
import type { Outcome } from './outcome-policy'

export type ReservationRow = typeof reservations.$inferSelect

export async function findReservation(db: Executor, id: string): Promise<ReservationRow | undefined> {
  const [row] = await db.select().from(reservations).where(eq(reservations.id, id))
  return row
}

/**
 * Leases up to `limit` active reservations of one portal whose lead is still to be written, `first` among them
 * if it is free. Rows leased by another run are skipped: two runs never add the same lead at once.
 * @returns the leased reservations, each with whether an earlier run may already have sent its lead.
 */
export async function leasePending(
  db: Executor,
  input: { portalId: string; first: string; now: Date; leaseUntil: Date; limit: number },
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

/** Recorded before crm.lead.add is called: from now on a crash may leave a lead the next run must look up. */
export async function markAddAttempted(db: Executor, ids: string[], now: Date): Promise<void> {
  if (ids.length === 0) return
  await db
    .update(reservations)
    .set({ crmAddAttemptedAt: now })
    .where(and(inArray(reservations.id, ids), isNull(reservations.crmAddAttemptedAt)))
}

/** The leased reservations with their requests, for the lead fields. */
export function loadWithRequests(db: Executor, ids: string[]) {
  return db
    .select({ reservation: reservations, request: requests })
    .from(reservations)
    .innerJoin(requests, eq(requests.id, reservations.requestId))
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

/** Reservations of a portal, by the lead their push created. */
export async function findByLeadIds(db: Executor, portalId: string, leadIds: string[]): Promise<ReservationRow[]> {
  if (leadIds.length === 0) return []
  return db
    .select()
    .from(reservations)
    .where(and(eq(reservations.portalId, portalId), inArray(reservations.crmLeadId, leadIds)))
}

/** Leads of a portal whose outcome is still unknown: the deals reconciliation looks for. */
export async function openLeadIds(db: Executor, portalId: string): Promise<string[]> {
  const rows = await db
    .select({ leadId: reservations.crmLeadId })
    .from(reservations)
    .where(and(eq(reservations.portalId, portalId), isNotNull(reservations.crmLeadId), isNull(reservations.outcome)))
  return rows.flatMap((row) => (row.leadId ? [row.leadId] : []))
}

export async function portalHasLeads(db: Executor, portalId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: reservations.id })
    .from(reservations)
    .where(and(eq(reservations.portalId, portalId), isNotNull(reservations.crmLeadId)))
    .limit(1)
  return row !== undefined
}

/**
 * Stores what the CRM says about a reservation.
 * @returns whether the outcome changed.
 */
export async function recordOutcome(
  tx: Executor,
  reservation: ReservationRow,
  input: { outcome: Outcome | undefined; dealId: string | undefined; leadProgressed?: boolean; now: Date },
): Promise<boolean> {
  const { outcome, dealId, now } = input
  if (dealId && dealId !== reservation.crmDealId) {
    await tx.update(reservations).set({ crmDealId: dealId }).where(eq(reservations.id, reservation.id))
  }
  // Any sign the partner works the lead stops the rating's first-contact clock (stale reservations).
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

export function installedPortalIds(db: Executor) {
  return db.select({ id: portals.id }).from(portals).where(eq(portals.status, 'installed'))
}

/** Before the first reconciliation, a day before the install: the app's leads cannot be older, clocks may differ. */
const FIRST_RECONCILE_LOOKBACK_MS = 24 * 3_600_000

/**
 * Where reconciliation resumes: the newest change it has seen, or (first run) shortly before the install;
 * undefined once the portal is gone.
 */
export async function readCursor(db: Executor, portalId: string): Promise<Date | undefined> {
  const [row] = await db
    .select({ cursor: portals.crmModifiedCursor, installedAt: portals.installedAt })
    .from(portals)
    .where(eq(portals.id, portalId))
  if (!row) return undefined
  return row.cursor ?? new Date(row.installedAt.getTime() - FIRST_RECONCILE_LOOKBACK_MS)
}

export async function saveCursor(db: Executor, portalId: string, cursor: Date | undefined, now: Date) {
  await db
    .update(portals)
    .set({ lastReconciledAt: now, ...(cursor ? { crmModifiedCursor: cursor } : {}) })
    .where(eq(portals.id, portalId))
}

/** Reservations whose lead could not be written after every retry, with their job's attempts. */
export function selectFailures(db: Executor, jobName: string) {
  return db
    .select({ reservation: reservations, job: { id: jobs.id, attempts: jobs.attempts, lastError: jobs.lastError } })
    .from(reservations)
    .leftJoin(jobs, and(eq(jobs.name, jobName), eq(jobs.key, sql`${reservations.id}::text`)))
    .where(eq(reservations.crmStatus, 'failed'))
    .orderBy(asc(reservations.reservedAt))
    .limit(500)
}

/** Puts a failed push back in the queue: the reservation pending again, its job due now with fresh attempts. */
export async function requeuePush(db: Executor, jobName: string, reservationId: string, now: Date) {
  const [row] = await db
    .update(reservations)
    .set({ crmStatus: 'pending', crmLeaseUntil: null })
    .where(and(eq(reservations.id, reservationId), eq(reservations.crmStatus, 'failed')))
    .returning()
  if (!row) return undefined
  const [job] = await db
    .update(jobs)
    .set({ status: 'pending', attempts: 0, runAt: now, lockedUntil: null, updatedAt: now })
    .where(and(eq(jobs.name, jobName), eq(jobs.key, reservationId)))
    .returning({ id: jobs.id })
  return { reservation: row, jobFound: job !== undefined }
}

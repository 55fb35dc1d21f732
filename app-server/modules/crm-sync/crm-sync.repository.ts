import { and, asc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm'
import type { Executor } from '../../db/client'
import { jobs, portals, requests, reservations } from '../../db/schema'
import { retryJobNow, type JobSpec } from '../../jobs/job'
import { recordCrmProgress, requeueFailedLead } from '../reservations'
import type { Outcome } from './outcome-policy'

export type ReservationRow = typeof reservations.$inferSelect

export async function findReservation(db: Executor, id: string): Promise<ReservationRow | undefined> {
  const [row] = await db.select().from(reservations).where(eq(reservations.id, id))
  return row
}

/** The leased reservations with their requests, for the lead fields. */
export function loadWithRequests(db: Executor, ids: string[]) {
  return db
    .select({ reservation: reservations, request: requests })
    .from(reservations)
    .innerJoin(requests, eq(requests.id, reservations.requestId))
    .where(inArray(reservations.id, ids))
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
 * Stores what the CRM says about a reservation, through the reservations module that owns it.
 * @returns whether the outcome changed.
 */
export async function recordOutcome(
  tx: Executor,
  reservation: ReservationRow,
  input: { outcome: Outcome | undefined; dealId: string | undefined; leadProgressed?: boolean; now: Date },
): Promise<boolean> {
  return recordCrmProgress(tx, reservation, input)
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
export async function requeuePush(db: Executor, job: JobSpec, reservationId: string, now: Date) {
  const row = await requeueFailedLead(db, reservationId)
  if (!row) return undefined
  return { reservation: row, jobFound: await retryJobNow(db, job, reservationId, now) }
}

/** The reservations of a portal whose lead failed, oldest first; a retry of many takes at most this many at once. */
export async function failedLeadIdsOfPortal(db: Executor, portalId: string): Promise<string[]> {
  const rows = await db
    .select({ id: reservations.id })
    .from(reservations)
    .where(and(eq(reservations.portalId, portalId), eq(reservations.crmStatus, 'failed')))
    .orderBy(asc(reservations.reservedAt))
    .limit(1_000)
  return rows.map((row) => row.id)
}

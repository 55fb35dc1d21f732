import { and, count, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm'
import { MAX_RESERVATIONS_PER_REQUEST } from '../../../shared/domain/reservation-rules'
import type { Executor } from '../../db/client'
import { requests, reservations } from '../../db/schema'

export type ReservationRow = typeof reservations.$inferSelect

export async function countActiveReservations(db: Executor, partnerId: string): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(reservations)
    .where(and(eq(reservations.partnerId, partnerId), eq(reservations.status, 'active')))
  return row?.value ?? 0
}

export async function findReservation(db: Executor, requestId: string, partnerId: string) {
  const [row] = await db
    .select()
    .from(reservations)
    .where(and(eq(reservations.requestId, requestId), eq(reservations.partnerId, partnerId)))
  return row
}

/**
 * Takes one of the request's 5 slots if one is free: the conditional UPDATE is the cap. Concurrent callers
 * queue on the row lock and each re-checks `reserved_count < 5`, so at most 5 ever succeed.
 * The request closes as fully served when the last slot goes.
 */
export async function takeSlot(db: Executor, requestId: string, now: Date) {
  const [row] = await db
    .update(requests)
    .set({
      reservedCount: sql`${requests.reservedCount} + 1`,
      status: sql`case when ${requests.reservedCount} + 1 >= ${MAX_RESERVATIONS_PER_REQUEST} then 'closed' else 'open' end`,
      closeReason: sql`case when ${requests.reservedCount} + 1 >= ${MAX_RESERVATIONS_PER_REQUEST} then 'fully_served' else null end`,
      closedAt: sql`case when ${requests.reservedCount} + 1 >= ${MAX_RESERVATIONS_PER_REQUEST} then ${now.toISOString()}::timestamptz else null end`,
      updatedAt: now,
    })
    .where(
      and(
        eq(requests.id, requestId),
        eq(requests.status, 'open'),
        lt(requests.reservedCount, MAX_RESERVATIONS_PER_REQUEST),
      ),
    )
    .returning()
  return row
}

/** Gives a slot back; a request that had closed because all slots were taken opens again unless it has expired. */
export async function freeSlot(db: Executor, requestId: string, now: Date) {
  const [row] = await db
    .update(requests)
    .set({
      reservedCount: sql`${requests.reservedCount} - 1`,
      status: sql`case when ${requests.closeReason} = 'fully_served' and ${requests.expiresAt} > ${now.toISOString()}::timestamptz then 'open' else ${requests.status} end`,
      closeReason: sql`case when ${requests.closeReason} = 'fully_served' and ${requests.expiresAt} > ${now.toISOString()}::timestamptz then null else ${requests.closeReason} end`,
      closedAt: sql`case when ${requests.closeReason} = 'fully_served' and ${requests.expiresAt} > ${now.toISOString()}::timestamptz then null else ${requests.closedAt} end`,
      updatedAt: now,
    })
    .where(eq(requests.id, requestId))
    .returning()
  return row
}

export interface MyReservationsFilter {
  partnerId: string
  status?: 'active' | 'released' | undefined
  before?: { reservedAt: Date; id: string } | undefined
  limit: number
}

export async function selectMyReservations(db: Executor, filter: MyReservationsFilter) {
  const conditions: SQL[] = [eq(reservations.partnerId, filter.partnerId)]
  if (filter.status) conditions.push(eq(reservations.status, filter.status))
  if (filter.before) {
    const { reservedAt, id } = filter.before
    conditions.push(
      or(
        lt(reservations.reservedAt, reservedAt),
        and(eq(reservations.reservedAt, reservedAt), lt(reservations.id, id)),
      )!,
    )
  }
  return db
    .select({ reservation: reservations, request: requests })
    .from(reservations)
    .innerJoin(requests, eq(requests.id, reservations.requestId))
    .where(and(...conditions))
    .orderBy(desc(reservations.reservedAt), desc(reservations.id))
    .limit(filter.limit + 1)
}

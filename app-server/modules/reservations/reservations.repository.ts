import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../db/client'
import { requests, reservationReturns, reservations } from '../../db/schema'

export type ReservationRow = typeof reservations.$inferSelect
/** A partner's bad-lead return of a reservation, with a manager's decision. */
export type ReturnRow = typeof reservationReturns.$inferSelect

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
    .select({ reservation: reservations, request: requests, returned: reservationReturns })
    .from(reservations)
    .innerJoin(requests, eq(requests.id, reservations.requestId))
    .leftJoin(reservationReturns, eq(reservationReturns.reservationId, reservations.id))
    .where(and(...conditions))
    .orderBy(desc(reservations.reservedAt), desc(reservations.id))
    .limit(filter.limit + 1)
}

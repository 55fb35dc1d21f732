import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm'
import type { ReservationStatus } from '../../../shared/domain/reservation-columns'
import type { Executor } from '../../db/client'
import { requests, reservationReturns, reservations } from '../../db/schema'
import { fetchLimit } from '../../http/keyset-page'
import type { RatingCount } from '../../../shared/domain/reservation-columns'

export type ReservationRow = typeof reservations.$inferSelect
/** A partner's bad-lead return of a reservation, with a manager's decision. */
export type ReturnRow = typeof reservationReturns.$inferSelect

/** What the rating counts for one reservation: an outcome and when it counts from, and whether it is excluded. */
export interface RatingMark {
  id: string
  counted: RatingCount | null
  countedAt: Date | null
  excluded: boolean
}

/** Stores what the rating counts for these reservations, in one statement (the rating owns the numbers). */
export async function saveRatingMarks(db: Executor, marks: RatingMark[]): Promise<void> {
  if (marks.length === 0) return
  const values = sql.join(
    marks.map(
      (mark) =>
        sql`(${mark.id}::uuid, ${mark.counted}::text, ${mark.countedAt?.toISOString() ?? null}::timestamptz, ${mark.excluded}::boolean)`,
    ),
    sql`, `,
  )
  await db.execute(sql`
    update reservations set rating_counted = v.counted, rating_counted_at = v.counted_at, rating_excluded = v.excluded
    from (values ${values}) as v(id, counted, counted_at, excluded)
    where reservations.id = v.id`)
}

export interface MyReservationsFilter {
  partnerId: string
  status?: ReservationStatus | undefined
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
    .limit(fetchLimit(filter.limit))
}

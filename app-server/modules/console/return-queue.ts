import { sql } from 'drizzle-orm'
import { z } from 'zod'
import { maskContactDetails } from '../../../shared/domain/mask-contacts'
import type { BadLeadReason, ReturnStatus } from '../../../shared/domain/rating'
import type { RequestStatus } from '../../../shared/domain/request-states'
import type { LeadOutcome } from '../../../shared/domain/reservation-columns'
import { reservationState, type ReservationStateFacts } from '../../../shared/domain/reservation-state'
import { timestamp } from '../../../shared/schemas/timestamp'
import type { AppContext } from '../../context'
import { queryRows, type Executor } from '../../db/client'
import { fetchLimit, keysetCursor } from '../../http/keyset-page'
import { at, iso, isoOrNull } from './console-sql'

interface ReturnQueueRow {
  id: string
  status: ReturnStatus
  reason: BadLeadReason
  comment: string | null
  created_at: Date | string
  decided_at: Date | string | null
  decision_note: string | null
  partner_id: string
  company_name: string
  partner_code: string
  request_id: string
  country: string
  types: string[]
  request_status: RequestStatus
  request_created_at: Date | string
  reservation_id: string
  reserved_at: Date | string
  res_status: ReservationStateFacts['status']
  crm_status: ReservationStateFacts['crmStatus']
  outcome: LeadOutcome | null
  release_reason: ReservationStateFacts['releaseReason']
  rating_counted: ReservationStateFacts['ratingCounted']
  rating_excluded: boolean
  crm_lead_id: string | null
  crm_deal_id: string | null
}

export const returnCursor = keysetCursor({ createdAt: timestamp(), id: z.uuid() })
type Cursor = NonNullable<ReturnType<typeof returnCursor.decode>>

/** Returns of one status, oldest first (`reservation_returns_status_idx`), with their partner, request and lead. */
export function selectReturns(db: Executor, status: ReturnStatus, after: Cursor | undefined, limit: number) {
  const page = after ? sql`and (rr.created_at, rr.id) > (${at(new Date(after.createdAt))}, ${after.id}::uuid)` : sql``
  return queryRows<ReturnQueueRow>(
    db,
    sql`select rr.id, rr.status, rr.reason, rr.comment, rr.created_at, rr.decided_at, rr.decision_note,
          p.id as partner_id, p.company_name, p.partner_code,
          q.id as request_id, q.country, q.types, q.status as request_status, q.created_at as request_created_at,
          res.id as reservation_id, res.reserved_at, res.status as res_status, res.crm_status, res.outcome,
          res.release_reason, res.rating_counted, res.rating_excluded, res.crm_lead_id, res.crm_deal_id
        from reservation_returns rr
        join partners p on p.id = rr.partner_id
        join requests q on q.id = rr.request_id
        join reservations res on res.id = rr.reservation_id
        where rr.status = ${status} ${page}
        order by rr.created_at, rr.id
        limit ${limit}`,
  )
}

export function presentReturn(row: ReturnQueueRow) {
  return {
    id: row.id,
    status: row.status,
    reason: row.reason,
    comment: row.comment === null ? null : maskContactDetails(row.comment),
    createdAt: iso(row.created_at),
    decidedAt: isoOrNull(row.decided_at),
    decisionNote: row.decision_note === null ? null : maskContactDetails(row.decision_note),
    partner: { id: row.partner_id, companyName: row.company_name, partnerCode: row.partner_code },
    request: {
      id: row.request_id,
      country: row.country,
      types: row.types,
      status: row.request_status,
      createdAt: iso(row.request_created_at),
    },
    reservation: {
      id: row.reservation_id,
      reservedAt: iso(row.reserved_at),
      state: reservationState({
        status: row.res_status,
        crmStatus: row.crm_status,
        outcome: row.outcome,
        releaseReason: row.release_reason,
        ratingCounted: row.rating_counted,
        ratingExcluded: row.rating_excluded,
      }),
      crmLeadId: row.crm_lead_id,
      crmDealId: row.crm_deal_id,
    },
  }
}

export const returnKeys = (row: ReturnQueueRow) => ({ createdAt: iso(row.created_at), id: row.id })

/** @throws AppError `invalid_cursor` (400). */
export async function listReturnQueue(
  ctx: AppContext,
  query: { status: ReturnStatus; cursor?: string | undefined; limit: number },
) {
  const rows = await selectReturns(ctx.db, query.status, returnCursor.decode(query.cursor), fetchLimit(query.limit))
  const page = returnCursor.page(rows, query.limit, returnKeys)
  return { items: page.items.map(presentReturn), nextCursor: page.nextCursor }
}

import { sql, type SQL } from 'drizzle-orm'
import type { LeadOutcome } from '../../../shared/domain/reservation-columns'
import { reservationState, type ReservationStateFacts } from '../../../shared/domain/reservation-state'
import type { ConsoleReservation } from '../../../shared/schemas/console.schema'
import { queryRows, type Executor } from '../../db/client'
import { iso, isoOrNull } from './console-sql'

interface ReservationJoinRow {
  id: string
  request_id: string
  partner_id: string
  partner_name: string
  reserved_at: Date | string
  released_at: Date | string | null
  status: ReservationStateFacts['status']
  crm_status: ReservationStateFacts['crmStatus']
  outcome: LeadOutcome | null
  release_reason: ReservationStateFacts['releaseReason']
  rating_counted: ReservationStateFacts['ratingCounted']
  rating_excluded: boolean
  crm_lead_id: string | null
  crm_deal_id: string | null
  crm_last_error: string | null
  outcome_at: Date | string | null
}

/** Reservations matching `where` (on `res`), newest first, with their partner's name. */
export function selectReservations(db: Executor, where: SQL, limit: number) {
  return queryRows<ReservationJoinRow>(
    db,
    sql`select res.id, res.request_id, res.partner_id, p.company_name as partner_name, res.reserved_at,
          res.released_at, res.status, res.crm_status, res.outcome, res.release_reason, res.rating_counted,
          res.rating_excluded, res.crm_lead_id, res.crm_deal_id, res.crm_last_error, res.outcome_at
        from reservations res join partners p on p.id = res.partner_id
        where ${where}
        order by res.reserved_at desc, res.id desc
        limit ${limit}`,
  )
}

/** A reservation with the one state word every screen uses (shared/domain/reservation-state.ts). */
export function presentReservation(row: ReservationJoinRow): ConsoleReservation {
  return {
    id: row.id,
    requestId: row.request_id,
    partnerId: row.partner_id,
    partnerName: row.partner_name,
    reservedAt: iso(row.reserved_at),
    releasedAt: isoOrNull(row.released_at),
    state: reservationState({
      status: row.status,
      crmStatus: row.crm_status,
      outcome: row.outcome,
      releaseReason: row.release_reason,
      ratingCounted: row.rating_counted,
      ratingExcluded: row.rating_excluded,
    }),
    crmLeadId: row.crm_lead_id,
    crmDealId: row.crm_deal_id,
    crmLastError: row.crm_last_error,
    outcome: row.outcome,
    outcomeAt: isoOrNull(row.outcome_at),
  }
}

import type { ReserveDenialCode } from '../../../shared/domain/reservation-rules'
import type { FeedItem } from '../../../shared/schemas/feed.schema'
import type { Reservation } from '../../../shared/schemas/reservation.schema'
import type { Config } from '../../config'
import { firstContactWindow, returnWindowEnd } from './rating.policy'
import { presentContact, presentSummary, type RequestRow } from '../requests'
import type { FeedRow } from './feed.repository'
import type { ReservationRow, ReturnRow } from './reservations.repository'

export function presentFeedItem(row: FeedRow, quotaLeft: number): FeedItem {
  const denial: ReserveDenialCode | undefined =
    row.my_status === 'active'
      ? 'already_reserved'
      : row.my_status === 'released'
        ? 'reservation_previously_released'
        : quotaLeft <= 0
          ? 'reservation_quota_exceeded'
          : undefined
  const summary = presentSummary(
    {
      id: row.id,
      country: row.country.trim(),
      city: row.city,
      types: row.types,
      description: row.description,
      usersCount: row.users_count,
      preferredLanguage: row.preferred_language,
      createdAt: new Date(row.created_at),
      reservedCount: row.reserved_count,
    },
    // Holders see the text as the client typed it.
    { reveal: row.my_status === 'active' },
  )
  return {
    ...summary,
    heldByMe: row.my_status === 'active',
    abilities: denial ? { reserve: false, reserveDeniedReason: denial } : { reserve: true },
  }
}

/** What presenting a reservation needs besides its rows: the deadlines in force and the time. */
export interface ReservationView {
  config: Config
  now: Date
  returned?: ReturnRow | null | undefined
}

/**
 * A reservation as its partner sees it: contacts and the full text only while it is active, the first-contact
 * deadline while the lead shows no progress, and whether it can still be returned as a bad lead.
 */
export function presentReservation(
  reservation: ReservationRow,
  request: RequestRow,
  view: ReservationView,
): Reservation {
  const active = reservation.status === 'active'
  const deadline = firstContactWindow(reservation, view.config)
  const returnUntil = returnWindowEnd(reservation.reservedAt, view.config)
  const returned = view.returned ?? null
  const canReturn = active && !returned && reservation.outcome !== 'won' && view.now.getTime() <= returnUntil.getTime()
  return {
    id: reservation.id,
    status: reservation.status,
    reservedAt: reservation.reservedAt.toISOString(),
    releasedAt: reservation.releasedAt ? reservation.releasedAt.toISOString() : null,
    releaseReason: reservation.releaseReason,
    request: presentSummary(request, { reveal: active }),
    // A client who erased their data takes the contacts back from every partner.
    contact: active && !request.erasedAt ? presentContact(request) : null,
    crm: {
      status: reservation.crmStatus === 'pending' ? 'syncing' : reservation.crmStatus,
      leadId: reservation.crmLeadId,
      dealId: reservation.crmDealId,
      outcome: reservation.outcome,
      outcomeAt: reservation.outcomeAt ? reservation.outcomeAt.toISOString() : null,
    },
    firstContact: deadline
      ? {
          dueAt: deadline.dueAt.toISOString(),
          releaseAt: deadline.releaseAt.toISOString(),
          overdue: view.now.getTime() >= deadline.dueAt.getTime(),
        }
      : null,
    return: returned
      ? {
          status: returned.status,
          reason: returned.reason,
          createdAt: returned.createdAt.toISOString(),
          decidedAt: returned.decidedAt ? returned.decidedAt.toISOString() : null,
        }
      : null,
    abilities: { release: active, returnAsBadLead: canReturn, returnUntil: active ? returnUntil.toISOString() : null },
  }
}

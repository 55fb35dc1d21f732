import type { RatingTierId } from '../../../shared/domain/rating'
import { reserveAbilities, type ReserveDecision } from '../../../shared/domain/reserve-decision'
import { reservationAbilities } from '../../../shared/domain/reservation-abilities'
import { reservationState } from '../../../shared/domain/reservation-state'
import type { FeedItem } from '../../../shared/schemas/feed.schema'
import type { Reservation } from '../../../shared/schemas/reservation.schema'
import type { Config } from '../../config'
import { firstContactWindow, returnWindowEnd } from './rating.policy'
import { presentContact, presentSummary, type RequestRow } from '../requests'
import type { FeedRow } from './feed.repository'
import type { ReservationRow, ReturnRow } from './reservations.repository'

type SummaryFields = Parameters<typeof presentSummary>[0]

/** What one partner knows of a request besides the request: its reservation of it, the decision, early access. */
export interface PartnerView {
  mine: 'active' | 'released' | null
  decision: ReserveDecision
  /** Until when the partner's tier (and higher ones) has the request to itself; null once a slower tier sees it. */
  earlyAccessUntil: Date | null
  /** The tiers below the partner's that do not see the request yet, and when each does. */
  laterTiers: { tier: RatingTierId; visibleAt: Date }[]
}

/**
 * A request as one partner sees it: in its feed, and inside its reservation. Holders see the text as the client
 * typed it; the abilities are the reserve decision's answer, so the app shows what the API would do.
 */
export function presentRequestForPartner(request: SummaryFields, view: PartnerView): FeedItem {
  const holding = view.mine === 'active'
  return {
    ...presentSummary(request, { reveal: holding }),
    heldByMe: holding,
    abilities: reserveAbilities(view.decision),
    earlyAccessUntil: view.earlyAccessUntil?.toISOString() ?? null,
    laterTiers: view.laterTiers.map((entry) => ({ tier: entry.tier, visibleAt: entry.visibleAt.toISOString() })),
  }
}

export function presentFeedItem(row: FeedRow, view: Omit<PartnerView, 'mine'>): FeedItem {
  return presentRequestForPartner(feedRowSummary(row), { ...view, mine: row.my_status })
}

/** The request columns of a feed row, as Drizzle would select them. */
export function feedRowSummary(row: FeedRow): SummaryFields {
  return {
    id: row.id,
    country: row.country.trim(),
    city: row.city,
    types: row.types,
    description: row.description,
    usersCount: row.users_count,
    preferredLanguage: row.preferred_language,
    createdAt: new Date(row.created_at),
    reservedCount: row.reserved_count,
  }
}

/** What presenting a reservation needs besides its rows: the deadlines in force, the time, the partner's view. */
export interface ReservationView {
  config: Config
  now: Date
  returned?: ReturnRow | null | undefined
  /** What the partner may do with the reservation's request now (`mine` is this reservation). */
  request: Omit<PartnerView, 'mine'>
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
  const abilities = reservationAbilities({
    now: view.now,
    status: reservation.status,
    outcome: reservation.outcome,
    returnUntil,
  })
  return {
    id: reservation.id,
    status: reservation.status,
    reservedAt: reservation.reservedAt.toISOString(),
    releasedAt: reservation.releasedAt ? reservation.releasedAt.toISOString() : null,
    releaseReason: reservation.releaseReason,
    state: reservationState(reservation),
    request: presentRequestForPartner(request, { ...view.request, mine: reservation.status }),
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
    abilities: {
      release: abilities.release,
      returnAsBadLead: abilities.returnAsBadLead,
      returnUntil: abilities.returnUntil?.toISOString() ?? null,
    },
  }
}

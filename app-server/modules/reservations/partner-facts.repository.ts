import { sql } from 'drizzle-orm'
import type { PartnerStatus } from '../../../shared/domain/partner-statuses'
import type { RequestStatus } from '../../../shared/domain/request-states'
import type { ReservationStatus } from '../../../shared/domain/reservation-columns'
import { queryRows, type Executor } from '../../db/client'
import type { ReserveFacts } from '../../../shared/domain/reserve-decision'
import type { PartnerWithLocations } from '../partners'

/** Everything the partner-facing hot paths need about the caller, read in one round trip. */
export interface PartnerFacts {
  partner: PartnerWithLocations
  /** Registered country plus additional locations, less any restricted country. */
  coverage: string[]
  /** This partner's reservation of `requestId`, when asked for one. */
  existing: { id: string; status: ReservationStatus } | null
  /** The request `requestId` as a reserve decision needs it; null when there is no such request. */
  request: RequestFacts | null
}

export type RequestFacts = ReserveFacts['request']

interface FactsRow {
  id: string
  partner_code: string
  company_name: string
  registered_country: string
  declared_status: PartnerStatus
  approved: boolean
  tutorial_completed_at: string | Date | null
  suspended_at: string | Date | null
  suspended_until: string | Date | null
  suspension_reason: string | null
  locations_locked: boolean
  contact_name: string | null
  contact_email: string | null
  contact_phone: string | null
  website: string | null
  created_at: string | Date
  updated_at: string | Date
  additional: string[]
  restricted: string[]
  existing_id: string | null
  existing_status: ReservationStatus | null
  request_country: string | null
  request_status: RequestStatus | null
  request_close_reason: RequestFacts['closeReason']
  request_reserved_count: number | null
  request_created_at: string | Date | null
}

const toDate = (value: string | Date | null) => (value === null ? null : new Date(value))

/**
 * Reads the partner, its locations, which of them are restricted and (optionally) one request with the partner's
 * reservation of it; the reservation limits come from the rating module. With `forUpdate` the partner row stays locked
 * until the transaction ends, which serialises one partner's reservations so its limits hold under concurrency.
 *
 * The lock is taken by its own statement before the facts are read: under READ COMMITTED a `for update` waits for the
 * row but the joins of the same statement keep the snapshot taken before the wait, so a reservation committed by the
 * holder of the lock (a double click) would be missed. The next statement sees everything committed before the lock.
 */
export async function loadPartnerFacts(
  executor: Executor,
  partnerId: string,
  options: { forUpdate?: boolean; requestId?: string } = {},
): Promise<PartnerFacts | undefined> {
  if (options.forUpdate) {
    const [locked] = await queryRows<{ id: string }>(
      executor,
      sql`select p.id from partners p where p.id = ${partnerId}::uuid for update of p`,
    )
    if (!locked) return undefined
  }
  const [row] = await queryRows<FactsRow>(
    executor,
    sql`select p.*,
          coalesce(l.additional, '{}') as additional,
          coalesce((select array_agg(rc.country::text) from restricted_countries rc
                    where rc.country = any(p.registered_country || coalesce(l.additional_chars, '{}'))), '{}') as restricted,
          ${options.requestId ? sql`mine.id` : sql`null::uuid`} as existing_id,
          ${options.requestId ? sql`mine.status` : sql`null::text`} as existing_status,
          ${options.requestId ? sql`q.country` : sql`null::text`} as request_country,
          ${options.requestId ? sql`q.status` : sql`null::text`} as request_status,
          ${options.requestId ? sql`q.close_reason` : sql`null::text`} as request_close_reason,
          ${options.requestId ? sql`q.reserved_count` : sql`null::int`} as request_reserved_count,
          ${options.requestId ? sql`q.created_at` : sql`null::timestamptz`} as request_created_at
        from partners p
        left join lateral (
          select array_agg(pl.country::text order by pl.created_at, pl.country) as additional,
                 array_agg(pl.country order by pl.created_at, pl.country) as additional_chars
          from partner_locations pl where pl.partner_id = p.id
        ) l on true
        ${options.requestId ? sql`left join reservations mine on mine.partner_id = p.id and mine.request_id = ${options.requestId}::uuid` : sql``}
        ${options.requestId ? sql`left join requests q on q.id = ${options.requestId}::uuid` : sql``}
        where p.id = ${partnerId}::uuid`,
  )
  if (!row) return undefined
  const partner: PartnerWithLocations = {
    id: row.id,
    partnerCode: row.partner_code,
    companyName: row.company_name,
    registeredCountry: row.registered_country,
    declaredStatus: row.declared_status,
    approved: row.approved,
    tutorialCompletedAt: toDate(row.tutorial_completed_at),
    suspendedAt: toDate(row.suspended_at),
    suspendedUntil: toDate(row.suspended_until),
    suspensionReason: row.suspension_reason,
    locationsLocked: row.locations_locked,
    contactName: row.contact_name,
    contactEmail: row.contact_email,
    contactPhone: row.contact_phone,
    website: row.website,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    additionalLocations: row.additional,
  }
  const restricted = new Set(row.restricted)
  return {
    partner,
    coverage: [row.registered_country, ...row.additional].filter((country) => !restricted.has(country)),
    existing: row.existing_id && row.existing_status ? { id: row.existing_id, status: row.existing_status } : null,
    request:
      row.request_country && row.request_status && row.request_created_at !== null
        ? {
            country: row.request_country.trim(),
            status: row.request_status,
            closeReason: row.request_close_reason,
            reservedCount: Number(row.request_reserved_count),
            createdAt: new Date(row.request_created_at),
          }
        : null,
  }
}

import { maskContactDetails } from '../../../shared/domain/mask-contacts'
import { MAX_RESERVATIONS_PER_REQUEST } from '../../../shared/domain/reservation-rules'
import type { RequestType } from '../../../shared/domain/request-types'
import type { RequestSummary } from '../../../shared/schemas/request.schema'
import type { requests } from '../../db/schema'

export type RequestRow = typeof requests.$inferSelect

/** The fields every partner in the location may see; `reveal` decides whether free text is shown as typed. */
export function presentSummary(
  row: Pick<
    RequestRow,
    | 'id'
    | 'country'
    | 'city'
    | 'types'
    | 'description'
    | 'usersCount'
    | 'preferredLanguage'
    | 'createdAt'
    | 'reservedCount'
  >,
  options: { reveal: boolean },
): RequestSummary {
  return {
    id: row.id,
    country: row.country,
    // Validated as a place name on the way in; older rows may still hold anything.
    city: options.reveal ? row.city : maskContactDetails(row.city),
    types: row.types as RequestType[],
    description: options.reveal ? row.description : maskContactDetails(row.description),
    usersCount: row.usersCount,
    preferredLanguage: row.preferredLanguage,
    createdAt: row.createdAt.toISOString(),
    reservations: { taken: row.reservedCount, limit: MAX_RESERVATIONS_PER_REQUEST },
  }
}

export function presentContact(
  row: Pick<RequestRow, 'contactName' | 'contactCompany' | 'contactEmail' | 'contactPhone'>,
) {
  return { name: row.contactName, company: row.contactCompany, email: row.contactEmail, phone: row.contactPhone }
}

export function presentModerated(row: RequestRow) {
  return {
    ...presentSummary(row, { reveal: true }),
    status: row.status,
    closeReason: row.closeReason,
    closedAt: row.closedAt ? row.closedAt.toISOString() : null,
    expiresAt: row.expiresAt.toISOString(),
    contact: presentContact(row),
  }
}

import { CRM_LEAD_SOURCE_ID, CRM_ORIGINATOR_ID, CRM_REQUEST_ID_FIELD } from '../bitrix24'
import type { RequestRow } from '../requests'

export interface LeadSource {
  reservationId: string
  assignedUserId: string | null
  request: RequestRow
}

/** "Ada Lovelace King" → NAME "Ada", LAST_NAME "Lovelace King": Bitrix24 has no field for a full name. */
export function splitContactName(fullName: string): { NAME: string; LAST_NAME?: string } {
  const [first = '', ...rest] = fullName.trim().split(/\s+/)
  return rest.length > 0 ? { NAME: first, LAST_NAME: rest.join(' ') } : { NAME: first }
}

/**
 * The `crm.lead.add` fields of one reservation. ORIGINATOR_ID/ORIGIN_ID carry our ids, so the lead is found
 * again before any retry adds it; the request id also goes to the user field partners can filter on.
 */
export function leadFieldsOf(source: LeadSource, appUrl: string | undefined): Record<string, unknown> {
  const { request } = source
  const location = `${request.city}, ${request.country.trim()}`
  const comments = [
    request.description,
    '',
    `Types: ${request.types.join(', ')}`,
    `Location: ${location}`,
    `Users: ${request.usersCount}; preferred language: ${request.preferredLanguage}`,
    ...(appUrl
      ? [`Open in the app: ${new URL(`/partner/?reservation=${source.reservationId}`, appUrl).toString()}`]
      : []),
  ].join('\n')
  return {
    TITLE: `Implementation request: ${request.contactCompany ?? request.contactName} (${location})`,
    ...splitContactName(request.contactName),
    ...(request.contactCompany ? { COMPANY_TITLE: request.contactCompany } : {}),
    EMAIL: [{ VALUE: request.contactEmail, VALUE_TYPE: 'WORK' }],
    PHONE: [{ VALUE: request.contactPhone, VALUE_TYPE: 'WORK' }],
    COMMENTS: comments,
    SOURCE_ID: CRM_LEAD_SOURCE_ID,
    ...(source.assignedUserId ? { ASSIGNED_BY_ID: source.assignedUserId } : {}),
    ORIGINATOR_ID: CRM_ORIGINATOR_ID,
    ORIGIN_ID: source.reservationId,
    [CRM_REQUEST_ID_FIELD]: request.id,
  }
}

import { formatPortalDate, parsePortalDate } from '../core/time'
import type { CrmEntityKind, PortalState, UserFieldRecord } from '../core/types'
import { RestError } from '../rest/errors'
import { userFieldEntity } from './fields'

/** Types accepted by `USER_TYPE_ID` (D:api-reference/crm/leads/userfield/crm-lead-userfield-add). */
export const USER_FIELD_TYPES = new Set([
  'string',
  'integer',
  'double',
  'boolean',
  'datetime',
  'date',
  'money',
  'url',
  'address',
  'enumeration',
  'file',
  'employee',
  'crm_status',
  'iblock_section',
  'iblock_element',
  'crm',
])

/**
 * `REQ_ID` → `UF_CRM_REQ_ID`, `UF_X` → `UF_CRM_X`, `UF_CRM_X` unchanged; upper-cased; A-Z 0-9 _ only; at most
 * 50 characters in full. Violations are `ERROR_CORE` (D:api-reference/crm/leads/userfield/crm-lead-userfield-add).
 */
export function fullFieldName(raw: string): string {
  const upper = raw.trim().toUpperCase()
  const code = upper.startsWith('UF_CRM_') ? upper.slice(7) : upper.startsWith('UF_') ? upper.slice(3) : upper
  if (!/^[A-Z0-9_]+$/.test(code)) {
    throw new RestError(
      400,
      'ERROR_CORE',
      'Field name contains invalid characters. Allowed characters are: A-Z, 0-9 and _.',
    )
  }
  const full = `UF_CRM_${code}`
  if (full.length > 50) throw new RestError(400, 'ERROR_CORE', 'Field name is too long (more than 50 characters).')
  return full
}

export function userFieldsOf(portal: PortalState, kind: CrmEntityKind): UserFieldRecord[] {
  const entityId = userFieldEntity(kind)
  return portal.userFields.filter((field) => field.entityId === entityId)
}

function coerceOne(field: UserFieldRecord, raw: unknown, offsetMinutes: number): unknown {
  if (raw === null || raw === undefined || raw === '') return null
  switch (field.userTypeId) {
    case 'boolean':
      return raw === true || raw === 1 || raw === '1' || raw === 'Y' || raw === 'true'
    case 'integer':
      return Number.isFinite(Number(raw)) ? String(Math.trunc(Number(raw))) : null
    case 'double':
      return Number.isFinite(Number(raw)) ? String(Number(raw)) : null
    case 'date':
    case 'datetime': {
      const parsed = typeof raw === 'string' ? parsePortalDate(raw, offsetMinutes) : undefined
      return parsed === undefined ? null : formatPortalDate(parsed, offsetMinutes)
    }
    default:
      return typeof raw === 'object' ? raw : String(raw)
  }
}

/** Stores a user-field value the way the portal would print it; unknown UF names are ignored like unknown fields. */
export function coerceUserFieldValue(field: UserFieldRecord, raw: unknown, offsetMinutes: number): unknown {
  if (!field.multiple) return coerceOne(field, Array.isArray(raw) ? raw[0] : raw, offsetMinutes)
  const list = Array.isArray(raw) ? raw : raw !== null && typeof raw === 'object' ? Object.values(raw) : [raw]
  return list.map((value) => coerceOne(field, value, offsetMinutes)).filter((value) => value !== null)
}

/** The UF_* part of a v2 row: every declared field, null when unset (D:api-reference/crm/leads/crm-lead-list). */
export function formatUserFields(
  portal: PortalState,
  kind: CrmEntityKind,
  values: Record<string, unknown>,
): Record<string, unknown> {
  const row: Record<string, unknown> = {}
  for (const field of userFieldsOf(portal, kind)) {
    row[field.fieldName] = values[field.fieldName] ?? (field.multiple ? [] : null)
  }
  return row
}

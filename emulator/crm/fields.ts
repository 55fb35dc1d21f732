import type { CrmEntityKind, MultiFieldType } from '../core/types'

/**
 * How a v2 field is stored and printed. v2 prints ids and numbers as strings (`"ID":"123"`, `"OPPORTUNITY":"0.00"`)
 * and dates as ISO-8601 with offset (D:api-reference/crm/leads/crm-lead-get, D:api-reference/crm/deals/crm-deal-get).
 */
export type FieldType = 'id' | 'int' | 'string' | 'char' | 'money' | 'datetime' | 'date'

export interface FieldSpec {
  name: string
  type: FieldType
  /** Set by the caller through add/update; the rest are computed by the portal. */
  writable: boolean
}

const w = (name: string, type: FieldType = 'string'): FieldSpec => ({ name, type, writable: true })
const r = (name: string, type: FieldType = 'string'): FieldSpec => ({ name, type, writable: false })

const ADDRESS = ['ADDRESS', 'ADDRESS_2', 'ADDRESS_CITY', 'ADDRESS_POSTAL_CODE', 'ADDRESS_REGION', 'ADDRESS_PROVINCE']
const UTM = ['UTM_SOURCE', 'UTM_MEDIUM', 'UTM_CAMPAIGN', 'UTM_CONTENT', 'UTM_TERM']

/** Lead fields in the order `crm.lead.get` prints them (D:api-reference/crm/leads/crm-lead-get). */
export const LEAD_FIELDS: FieldSpec[] = [
  r('ID', 'id'),
  w('TITLE'),
  w('HONORIFIC'),
  w('NAME'),
  w('SECOND_NAME'),
  w('LAST_NAME'),
  w('COMPANY_TITLE'),
  w('COMPANY_ID', 'id'),
  w('CONTACT_ID', 'id'),
  r('IS_RETURN_CUSTOMER', 'char'),
  w('BIRTHDATE', 'date'),
  w('SOURCE_ID'),
  w('SOURCE_DESCRIPTION'),
  w('STATUS_ID'),
  w('STATUS_DESCRIPTION'),
  w('POST'),
  w('COMMENTS'),
  w('CURRENCY_ID'),
  w('OPPORTUNITY', 'money'),
  w('IS_MANUAL_OPPORTUNITY', 'char'),
  r('HAS_PHONE', 'char'),
  r('HAS_EMAIL', 'char'),
  r('HAS_IMOL', 'char'),
  w('ASSIGNED_BY_ID', 'id'),
  r('CREATED_BY_ID', 'id'),
  r('MODIFY_BY_ID', 'id'),
  r('DATE_CREATE', 'datetime'),
  r('DATE_MODIFY', 'datetime'),
  r('DATE_CLOSED', 'datetime'),
  r('STATUS_SEMANTIC_ID'),
  w('OPENED', 'char'),
  w('ORIGINATOR_ID'),
  w('ORIGIN_ID'),
  r('MOVED_BY_ID', 'id'),
  r('MOVED_TIME', 'datetime'),
  ...ADDRESS.map((name) => w(name)),
  w('ADDRESS_COUNTRY'),
  w('ADDRESS_COUNTRY_CODE'),
  r('ADDRESS_LOC_ADDR_ID'),
  ...UTM.map((name) => w(name)),
  r('LAST_ACTIVITY_BY', 'id'),
  r('LAST_ACTIVITY_TIME', 'datetime'),
]

/** Deal fields in the order `crm.deal.get` prints them (D:api-reference/crm/deals/crm-deal-get). */
export const DEAL_FIELDS: FieldSpec[] = [
  r('ID', 'id'),
  w('TITLE'),
  w('TYPE_ID'),
  w('STAGE_ID'),
  w('PROBABILITY', 'int'),
  w('CURRENCY_ID'),
  w('OPPORTUNITY', 'money'),
  w('IS_MANUAL_OPPORTUNITY', 'char'),
  w('TAX_VALUE', 'money'),
  w('LEAD_ID', 'id'),
  w('COMPANY_ID', 'id'),
  w('CONTACT_ID', 'id'),
  w('QUOTE_ID', 'id'),
  w('BEGINDATE', 'datetime'),
  w('CLOSEDATE', 'datetime'),
  w('ASSIGNED_BY_ID', 'id'),
  r('CREATED_BY_ID', 'id'),
  r('MODIFY_BY_ID', 'id'),
  r('DATE_CREATE', 'datetime'),
  r('DATE_MODIFY', 'datetime'),
  w('OPENED', 'char'),
  r('CLOSED', 'char'),
  w('COMMENTS'),
  w('ADDITIONAL_INFO'),
  w('LOCATION_ID'),
  w('CATEGORY_ID', 'id'),
  r('STAGE_SEMANTIC_ID'),
  r('IS_NEW', 'char'),
  w('IS_RECURRING', 'char'),
  w('IS_RETURN_CUSTOMER', 'char'),
  w('IS_REPEATED_APPROACH', 'char'),
  w('SOURCE_ID'),
  w('SOURCE_DESCRIPTION'),
  w('ORIGINATOR_ID'),
  w('ORIGIN_ID'),
  r('MOVED_BY_ID', 'id'),
  r('MOVED_TIME', 'datetime'),
  r('LAST_ACTIVITY_TIME', 'datetime'),
  ...UTM.map((name) => w(name)),
  r('LAST_ACTIVITY_BY', 'id'),
]

/** Leads carry multi-fields; deals have none (their contacts do). */
export const MULTI_FIELDS: Record<CrmEntityKind, MultiFieldType[]> = {
  lead: ['PHONE', 'EMAIL', 'WEB', 'IM'],
  deal: [],
}

export function isMultiField(kind: CrmEntityKind, name: string): boolean {
  return MULTI_FIELDS[kind].some((type) => type === name)
}

export function fieldsOf(kind: CrmEntityKind): FieldSpec[] {
  return kind === 'lead' ? LEAD_FIELDS : DEAL_FIELDS
}

export function fieldSpec(kind: CrmEntityKind, name: string): FieldSpec | undefined {
  return fieldsOf(kind).find((field) => field.name === name)
}

/** The field holding the entity's stage: STATUS_ID for leads, STAGE_ID for deals. */
export function stageField(kind: CrmEntityKind): 'STATUS_ID' | 'STAGE_ID' {
  return kind === 'lead' ? 'STATUS_ID' : 'STAGE_ID'
}

/** The user-field entity of `crm.lead.userfield.*` / `crm.deal.userfield.*`. */
export function userFieldEntity(kind: CrmEntityKind): 'CRM_LEAD' | 'CRM_DEAL' {
  return kind === 'lead' ? 'CRM_LEAD' : 'CRM_DEAL'
}

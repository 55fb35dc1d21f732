import type { PortalState, UserFieldRecord } from '../../core/types'
import { fullFieldName, USER_FIELD_TYPES, userFieldsOf } from '../../crm/user-fields'
import { RestError } from '../errors'
import type { MethodTable } from '../method-types'
import { isPlainObject, objectParam } from '../params'
import { filterDirectoryRows, sortDirectoryRows } from './crm-directories'

/** Settings the portal fills in for a string field (D:api-reference/crm/leads/userfield/crm-lead-userfield-list). */
const STRING_SETTINGS = { SIZE: 20, ROWS: 1, REGEXP: '', MIN_LENGTH: 0, MAX_LENGTH: 0, DEFAULT_VALUE: '' }

const LABEL_KEYS = [
  'EDIT_FORM_LABEL',
  'LIST_COLUMN_LABEL',
  'LIST_FILTER_LABEL',
  'ERROR_MESSAGE',
  'HELP_MESSAGE',
] as const
const yes = (value: unknown, fallback: boolean): boolean =>
  value === undefined ? fallback : value === 'Y' || value === true
const flag = (value: boolean): 'Y' | 'N' => (value ? 'Y' : 'N')

/**
 * Label values are a string (same text for every language) or a `lang_map`; LABEL fills what is missing
 * for the first three labels (D:api-reference/crm/leads/userfield/crm-lead-userfield-add).
 */
function labelsFrom(fields: Record<string, unknown>, languages: string[]): UserFieldRecord['labels'] {
  const label = typeof fields.LABEL === 'string' ? fields.LABEL : undefined
  const labels: UserFieldRecord['labels'] = {}
  for (const key of LABEL_KEYS) {
    const given = fields[key]
    const fallback = key === 'ERROR_MESSAGE' || key === 'HELP_MESSAGE' ? undefined : label
    labels[key] = {}
    for (const lang of languages) {
      const value = isPlainObject(given) ? given[lang] : given
      const text = typeof value === 'string' ? value : fallback
      if (text !== undefined) labels[key][lang] = text
    }
  }
  return labels
}

function addUserField(portal: PortalState, fields: Record<string, unknown>): number {
  if (typeof fields.FIELD_NAME !== 'string' || fields.FIELD_NAME.trim() === '') {
    throw new RestError(400, '', "The 'FIELD_NAME' field is not found.")
  }
  if (typeof fields.USER_TYPE_ID !== 'string' || fields.USER_TYPE_ID === '') {
    throw new RestError(400, '', "The 'USER_TYPE_ID' field is not found.")
  }
  const fieldName = fullFieldName(fields.FIELD_NAME)
  if (!USER_FIELD_TYPES.has(fields.USER_TYPE_ID))
    throw new RestError(400, 'ERROR_CORE', 'Invalid custom type specified.')
  if (userFieldsOf(portal, 'lead').some((field) => field.fieldName === fieldName)) {
    // Not on the method page; the portal refuses duplicates with an ERROR_CORE whose exact text is unverified.
    throw new RestError(400, 'ERROR_CORE', `A field with the name ${fieldName} already exists.`)
  }
  const record: UserFieldRecord = {
    id: portal.nextId.userField++,
    entityId: 'CRM_LEAD',
    fieldName,
    userTypeId: fields.USER_TYPE_ID,
    xmlId: typeof fields.XML_ID === 'string' ? fields.XML_ID : null,
    sort: Number(fields.SORT ?? 100) || 100,
    multiple: yes(fields.MULTIPLE, false) && fields.USER_TYPE_ID !== 'boolean',
    mandatory: yes(fields.MANDATORY, false),
    showFilter: yes(fields.SHOW_FILTER, false),
    showInList: yes(fields.SHOW_IN_LIST, false),
    editInList: yes(fields.EDIT_IN_LIST, true),
    isSearchable: yes(fields.IS_SEARCHABLE, false),
    settings: {
      ...(fields.USER_TYPE_ID === 'string' ? STRING_SETTINGS : {}),
      ...(isPlainObject(fields.SETTINGS) ? fields.SETTINGS : {}),
    },
    labels: labelsFrom(fields, [...new Set(['en', 'de', portal.lang])]),
    list: Array.isArray(fields.LIST) ? fields.LIST.filter(isPlainObject) : [],
  }
  portal.userFields.push(record)
  return record.id
}

/** Labels are strings when `filter.LANG` is given, lang maps otherwise (D:api-reference/crm/leads/userfield/crm-lead-userfield-list). */
function formatUserField(field: UserFieldRecord, lang: string | undefined): Record<string, unknown> {
  const labels = Object.fromEntries(
    LABEL_KEYS.map((key) => [key, lang === undefined ? field.labels[key] : (field.labels[key]?.[lang] ?? null)]),
  )
  return {
    ID: String(field.id),
    ENTITY_ID: field.entityId,
    FIELD_NAME: field.fieldName,
    USER_TYPE_ID: field.userTypeId,
    XML_ID: field.xmlId,
    SORT: String(field.sort),
    MULTIPLE: flag(field.multiple),
    MANDATORY: flag(field.mandatory),
    SHOW_FILTER: field.showFilter ? 'E' : 'N',
    SHOW_IN_LIST: flag(field.showInList),
    EDIT_IN_LIST: flag(field.editInList),
    IS_SEARCHABLE: flag(field.isSearchable),
    SETTINGS: field.settings,
    ...labels,
    ...(field.userTypeId === 'enumeration' ? { LIST: field.list } : {}),
  }
}

export const crmUserFieldMethods: MethodTable = {
  /** Returns the new field's id (a number). */
  'crm.lead.userfield.add': {
    scopes: ['crm'],
    handler: ({ portal, params }) => ({ result: addUserField(portal, objectParam(params, 'fields', true)) }),
  },

  /** Default order SORT ASC, ID ASC; `filter.LANG` picks the label language. */
  'crm.lead.userfield.list': {
    scopes: ['crm'],
    handler: ({ portal, params }) => {
      const { LANG: lang, ...filter } = objectParam(params, 'filter')
      const language = typeof lang === 'string' && lang !== '' ? lang : undefined
      const rows = userFieldsOf(portal, 'lead').map((field) => formatUserField(field, language))
      const sorted = sortDirectoryRows(filterDirectoryRows(rows, filter), objectParam(params, 'order'), ['SORT', 'ID'])
      return { result: sorted, total: sorted.length }
    },
  },
}

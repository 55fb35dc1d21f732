import { parsePortalDate } from '../core/time'
import type { CrmEntityKind, PortalState } from '../core/types'
import { fieldSpec, isMultiField } from './fields'

/**
 * Filter prefixes of v2 list methods, longest first so `>=` wins over `>`
 * (D:api-reference/crm/leads/crm-lead-list, D:api-reference/crm/deals/crm-deal-list).
 */
const OPERATORS = ['!=%', '!%=', '>=', '<=', '!@', '=%', '%=', '!%', '!=', '@', '>', '<', '%', '=', '!'] as const
type Operator = (typeof OPERATORS)[number] | ''

export interface FilterCondition {
  operator: Operator
  field: string
  value: unknown
}

export function parseFilter(filter: Record<string, unknown>): FilterCondition[] {
  return Object.entries(filter).map(([key, value]) => {
    const operator = OPERATORS.find((prefix) => key.startsWith(prefix)) ?? ''
    return { operator, field: key.slice(operator.length).toUpperCase(), value }
  })
}

type Comparable = number | string | null

/** Numbers and dates compare as numbers; text compares case-insensitively like the portal's MySQL collation. */
function comparable(portal: PortalState, kind: CrmEntityKind, field: string, value: unknown): Comparable {
  if (value === null || value === undefined || value === '') return null
  const type = fieldSpec(kind, field)?.type
  if (type === 'id' || type === 'int' || type === 'money') return Number(value)
  if (type === 'datetime' || type === 'date') return parsePortalDate(String(value), portal.utcOffsetMinutes) ?? null
  return String(value).toLowerCase()
}

/** SQL LIKE with `%` and `_` wildcards. */
function like(text: string, pattern: string): boolean {
  const escaped = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.')
  return new RegExp(`^${escaped}$`, 'is').test(text)
}

function rowValues(row: Record<string, unknown>, kind: CrmEntityKind, field: string): unknown[] {
  if (isMultiField(kind, field)) {
    const rows = row[field]
    return Array.isArray(rows) ? rows.map((entry) => (entry as Record<string, unknown>).VALUE) : []
  }
  const value = row[field]
  return Array.isArray(value) ? value : [value]
}

function matchOne(portal: PortalState, kind: CrmEntityKind, condition: FilterCondition, actual: unknown): boolean {
  const { operator, field, value } = condition
  const left = comparable(portal, kind, field, actual)
  const list = Array.isArray(value)
    ? value
    : value !== null && typeof value === 'object'
      ? Object.values(value)
      : [value]
  const rights = list.map((entry) => comparable(portal, kind, field, entry))
  const right = rights[0] ?? null
  const text = String(left ?? '')
  switch (operator) {
    case '':
    case '=':
      return rights.some((candidate) => candidate === left)
    case '!':
    case '!=':
      return rights.every((candidate) => candidate !== left)
    case '@':
      return rights.includes(left)
    case '!@':
      return !rights.includes(left)
    case '>':
      return left !== null && right !== null && left > right
    case '>=':
      return left !== null && right !== null && left >= right
    case '<':
      return left !== null && right !== null && left < right
    case '<=':
      return left !== null && right !== null && left <= right
    case '%':
      return right !== null && text.includes(String(right))
    case '!%':
      return right === null || !text.includes(String(right))
    case '=%':
    case '%=':
      return right !== null && like(text, String(right))
    case '!=%':
    case '!%=':
      return right === null || !like(text, String(right))
  }
}

/** Unknown fields are not filtered on, rather than failing the call. */
export function matchesFilter(
  portal: PortalState,
  kind: CrmEntityKind,
  row: Record<string, unknown>,
  conditions: FilterCondition[],
): boolean {
  return conditions.every((condition) => {
    if (!(condition.field in row) && !isMultiField(kind, condition.field)) return true
    const values = rowValues(row, kind, condition.field)
    const negative = condition.operator.startsWith('!')
    const hits = (values.length === 0 ? [null] : values).map((value) => matchOne(portal, kind, condition, value))
    return negative ? hits.every(Boolean) : hits.some(Boolean)
  })
}

/** `order: {FIELD: 'ASC'|'DESC'}`; ties and the default fall back to ID ascending. */
export function sortRows(
  portal: PortalState,
  kind: CrmEntityKind,
  rows: Record<string, unknown>[],
  order: Record<string, unknown>,
) {
  const keys = Object.entries(order).map(([field, direction]) => ({
    field: field.toUpperCase(),
    sign: String(direction).toUpperCase() === 'DESC' ? -1 : 1,
  }))
  return [...rows].sort((a, b) => {
    for (const { field, sign } of [...keys, { field: 'ID', sign: 1 }]) {
      const left = comparable(portal, kind, field, a[field])
      const right = comparable(portal, kind, field, b[field])
      if (left === right) continue
      if (left === null) return -sign
      if (right === null) return sign
      return left < right ? -sign : sign
    }
    return 0
  })
}

/**
 * `select` masks: `*` = every standard field (no UF, no multi-fields), `UF_*` = every user field; multi-fields
 * only when named. An empty select means `*` + `UF_*` (D:api-reference/crm/deals/crm-deal-list). ID always comes back.
 */
export function projectRow(
  kind: CrmEntityKind,
  row: Record<string, unknown>,
  select: string[],
): Record<string, unknown> {
  const wanted = select.length === 0 ? ['*', 'UF_*'] : select.map((name) => name.toUpperCase())
  const result: Record<string, unknown> = { ID: row.ID }
  for (const [name, value] of Object.entries(row)) {
    const isUserField = name.startsWith('UF_')
    const isMulti = isMultiField(kind, name)
    const byMask = (!isUserField && !isMulti && wanted.includes('*')) || (isUserField && wanted.includes('UF_*'))
    if (byMask || wanted.includes(name)) result[name] = value
  }
  return result
}

import type { CrmItem, MultiFieldRow, MultiFieldType, PortalState } from '../core/types'

/** Accepts an array of rows, or an object of rows (what PHP-style form encoding `PHONE[n0][VALUE]` produces). */
function asRows(raw: unknown): Record<string, unknown>[] {
  const list = Array.isArray(raw) ? raw : raw !== null && typeof raw === 'object' ? Object.values(raw) : []
  return list.filter((row): row is Record<string, unknown> => row !== null && typeof row === 'object')
}

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value))

/**
 * Applies multi-field rows from add/update (D:api-reference/crm/data-types#crm_multifield):
 * a row without ID adds a value, a row with ID changes it, and a row with ID and an empty VALUE removes it.
 */
export function applyMultiField(portal: PortalState, item: CrmItem, type: MultiFieldType, raw: unknown): void {
  const rows = [...(item.multi[type] ?? [])]
  for (const input of asRows(raw)) {
    const value = text(input.VALUE).trim()
    const valueType = text(input.VALUE_TYPE) || 'WORK'
    const id = Number(input.ID)
    const existing = Number.isInteger(id) && id > 0 ? rows.findIndex((row) => row.id === id) : -1
    if (existing >= 0) {
      const current = rows[existing]
      if (current === undefined) continue
      if (value === '') rows.splice(existing, 1)
      else rows[existing] = { id: current.id, value, valueType: text(input.VALUE_TYPE) || current.valueType }
    } else if (value !== '') {
      rows.push({ id: portal.nextId.multi++, value, valueType })
    }
  }
  item.multi[type] = rows
}

/** v2 read shape: `[{ID, VALUE_TYPE, VALUE, TYPE_ID}]` (D:api-reference/crm/leads/crm-lead-get). */
export function formatMultiField(type: MultiFieldType, rows: MultiFieldRow[]): Record<string, string>[] {
  return rows.map((row) => ({ ID: String(row.id), VALUE_TYPE: row.valueType, VALUE: row.value, TYPE_ID: type }))
}

import { formatPortalDate, parsePortalDate } from '../core/time'
import type { FieldType } from './fields'

function toInteger(raw: unknown): number | null {
  if (raw === null || raw === undefined || raw === '' || typeof raw === 'boolean') return null
  const value = Number(raw)
  return Number.isFinite(value) ? Math.trunc(value) : null
}

/** Turns a value sent to add/update into the stored form: numbers for ids, `Y`/`N` for chars, epoch ms for dates. */
export function coerceInput(type: FieldType, raw: unknown, offsetMinutes: number): unknown {
  switch (type) {
    case 'id':
    case 'int':
      return toInteger(raw)
    case 'money': {
      const value = Number(raw)
      return Number.isFinite(value) ? value : 0
    }
    case 'char':
      return raw === true || raw === 1 || (typeof raw === 'string' && ['Y', 'y', '1', 'true'].includes(raw)) ? 'Y' : 'N'
    case 'date':
    case 'datetime':
      if (typeof raw === 'number') return raw
      if (typeof raw !== 'string' || raw.trim() === '') return null
      return parsePortalDate(raw, offsetMinutes) ?? null
    case 'string':
      return raw === null || raw === undefined ? null : String(raw)
  }
}

/** Prints a stored value the v2 way: ids and amounts as strings, empty dates as `""`. */
export function formatOutput(type: FieldType, value: unknown, offsetMinutes: number): unknown {
  switch (type) {
    case 'id':
    case 'int':
      return value === null || value === undefined ? null : String(value)
    case 'money':
      return Number(value ?? 0).toFixed(2)
    case 'date':
    case 'datetime':
      return typeof value === 'number' ? formatPortalDate(value, offsetMinutes) : ''
    case 'char':
    case 'string':
      return value ?? null
  }
}

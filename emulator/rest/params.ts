import { crmInvalidId, crmMustBeArray } from './errors'

export const PAGE_SIZE = 50

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** An object parameter (`fields`, `filter`, `order`); PHP calls these arrays in its error text. */
export function objectParam(params: Record<string, unknown>, name: string, required = false): Record<string, unknown> {
  const value = params[name.toUpperCase()]
  if (value === undefined || value === null || value === '') {
    if (required) throw crmMustBeArray(name.toLowerCase())
    return {}
  }
  if (Array.isArray(value) && value.length === 0) return {}
  if (!isPlainObject(value)) throw crmMustBeArray(name.toLowerCase())
  return value
}

/** `select` as a list of names; form encoding may deliver an object of indices. */
export function listParam(params: Record<string, unknown>, name: string): string[] {
  const value = params[name.toUpperCase()]
  if (Array.isArray(value)) return value.map(String)
  if (isPlainObject(value)) return Object.values(value).map(String)
  if (typeof value === 'string' && value !== '') return [value]
  return []
}

/** A positive integer `id`, else the empty-code "ID is not defined or invalid." (D:api-reference/crm/leads/crm-lead-get). */
export function idParam(params: Record<string, unknown>): number {
  const raw = params.ID
  const id = typeof raw === 'number' || typeof raw === 'string' ? Number(raw) : NaN
  if (!Number.isInteger(id) || id <= 0) throw crmInvalidId()
  return id
}

/** `start`: offset of the page; `-1` switches the count off (D:settings/performance/huge-data). */
export function startParam(params: Record<string, unknown>): number {
  const start = Number(params.START ?? 0)
  return Number.isInteger(start) ? start : 0
}

/** Cuts one page out of `rows` and reports `total` (unless start is -1) and `next` (only when rows remain). */
export function paginate<T>(rows: T[], start: number): { page: T[]; total?: number; next?: number } {
  if (start === -1) return { page: rows.slice(0, PAGE_SIZE) }
  const offset = Math.max(0, start)
  const page = rows.slice(offset, offset + PAGE_SIZE)
  const hasMore = offset + PAGE_SIZE < rows.length
  return { page, total: rows.length, ...(hasMore ? { next: offset + PAGE_SIZE } : {}) }
}

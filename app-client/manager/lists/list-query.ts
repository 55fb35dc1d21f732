import type { LocationQuery, LocationQueryRaw } from 'vue-router'

/** How a list pages: by offset with a total (partners), or by the server's cursor (everything else). */
export type Paging = 'offset' | 'cursor'
export type SortOrder = 'asc' | 'desc'

/** What a list screen keeps in the URL: which filters it has, how it sorts by default and how it pages. */
export interface ListSpec {
  filters: readonly string[]
  sorts?: readonly string[]
  defaultSort?: string
  defaultOrder?: SortOrder
  paging: Paging
  pageSize: number
}

/** A list's state as read from the URL: only known, non-empty filters; sort and page within bounds. */
export interface ListState {
  filters: Record<string, string>
  sort: string | undefined
  order: SortOrder | undefined
  offset: number
  cursor: string | undefined
}

const first = (value: LocationQuery[string] | undefined): string | undefined => {
  const single = Array.isArray(value) ? value[0] : value
  return typeof single === 'string' && single.trim() !== '' ? single.trim() : undefined
}

/** Reads a list's state from the route query; anything unknown or malformed falls back to the default. */
export function readListState(query: LocationQuery, spec: ListSpec): ListState {
  const filters: Record<string, string> = {}
  for (const name of spec.filters) {
    const value = first(query[name])
    if (value !== undefined) filters[name] = value
  }
  const sort = first(query.sort)
  const order = first(query.order)
  const offset = Number(first(query.offset) ?? 0)
  return {
    filters,
    sort: sort && spec.sorts?.includes(sort) ? sort : spec.defaultSort,
    order: order === 'asc' || order === 'desc' ? order : spec.defaultOrder,
    offset: spec.paging === 'offset' && Number.isInteger(offset) && offset > 0 ? offset : 0,
    cursor: spec.paging === 'cursor' ? first(query.cursor) : undefined,
  }
}

/** The route query for a state: defaults and empty values left out, so URLs stay short and shareable. */
export function writeListQuery(state: ListState, spec: ListSpec): LocationQueryRaw {
  const query: LocationQueryRaw = {}
  for (const name of spec.filters) {
    const value = state.filters[name]
    if (value !== undefined && value !== '') query[name] = value
  }
  if (state.sort && state.sort !== spec.defaultSort) query.sort = state.sort
  if (state.order && state.order !== spec.defaultOrder) query.order = state.order
  if (spec.paging === 'offset' && state.offset > 0) query.offset = String(state.offset)
  if (spec.paging === 'cursor' && state.cursor) query.cursor = state.cursor
  return query
}

/** A changed filter starts again at the first page. */
export function withFilter(state: ListState, name: string, value: string | undefined): ListState {
  const filters = { ...state.filters }
  if (value === undefined || value === '') delete filters[name]
  else filters[name] = value
  return { ...state, filters, offset: 0, cursor: undefined }
}

/** Sorting by the column already sorted flips the order; another column starts ascending. Back to page one. */
export function withSort(state: ListState, column: string): ListState {
  const order: SortOrder = state.sort === column && state.order === 'asc' ? 'desc' : 'asc'
  return { ...state, sort: column, order, offset: 0, cursor: undefined }
}

export function withOffset(state: ListState, offset: number): ListState {
  return { ...state, offset: Math.max(0, offset) }
}

export function withCursor(state: ListState, cursor: string | undefined): ListState {
  return { ...state, cursor }
}

/** The API query for a state: the filters, the sort, the page. */
export function apiQuery(state: ListState, spec: ListSpec): Record<string, string | number> {
  const query: Record<string, string | number> = { ...state.filters, limit: spec.pageSize }
  if (state.sort) query.sort = state.sort
  if (state.order) query.order = state.order
  if (spec.paging === 'offset') query.offset = state.offset
  if (state.cursor) query.cursor = state.cursor
  return query
}

/**
 * The address of a CSV export with the list's current filters (and sort, where the export takes it); the
 * browser downloads it with the session cookie, so the server streams it and audits it as for any call.
 */
export function exportHref(path: string, params: Record<string, string | undefined>): string {
  const search = new URLSearchParams()
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(name, value)
  const text = search.toString()
  return text ? `${path}?${text}` : path
}

/** A day picked in a date field (`2026-05-01`), as the instant it starts in UTC. */
export function dayStart(day: string | undefined): string | undefined {
  return day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day}T00:00:00.000Z` : undefined
}

/** The instant after a picked day ends, for the filters whose upper bound is exclusive ("before"). */
export function dayAfter(day: string | undefined): string | undefined {
  const start = dayStart(day)
  return start ? new Date(new Date(start).getTime() + 86_400_000).toISOString() : undefined
}

/** Replaces day filters by the instants the API takes. */
export function withInstants(
  query: Record<string, string | number>,
  days: { from?: readonly string[]; to?: readonly string[] },
): Record<string, string | number> {
  const result = { ...query }
  for (const name of days.from ?? []) {
    const value = dayStart(String(result[name] ?? ''))
    if (value) result[name] = value
    else delete result[name]
  }
  for (const name of days.to ?? []) {
    const value = dayAfter(String(result[name] ?? ''))
    if (value) result[name] = value
    else delete result[name]
  }
  return result
}

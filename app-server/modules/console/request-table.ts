import { sql, type SQL } from 'drizzle-orm'
import { z } from 'zod'
import type { RequestCloseReason, RequestStatus } from '../../../shared/domain/request-states'
import type { RequestRow, RequestSort, RequestTableQuery } from '../../../shared/schemas/console.schema'
import { maskContactDetails } from '../../../shared/domain/mask-contacts'
import type { AppContext } from '../../context'
import { queryRows, type Executor } from '../../db/client'
import { badRequest } from '../../errors'
import { fetchLimit, keysetCursor } from '../../http/keyset-page'
import { timestamp } from '../../../shared/schemas/timestamp'
import { at, iso, isoOrNull } from './console-sql'

export interface RequestTableRow {
  id: string
  country: string
  city: string
  types: string[]
  users_count: number
  status: RequestStatus
  close_reason: RequestCloseReason | null
  reserved_count: number
  created_at: Date | string
  closed_at: Date | string | null
  erased: boolean
  returns: number
}

/**
 * The keys each sort walks, most significant first; each has an index with the same columns
 * (`requests_created_idx`, `requests_reserved_created_idx`, `requests_country_created_idx`), read forwards or
 * backwards, so a page costs its own rows whatever its depth.
 */
const SORT_KEYS: Record<RequestSort, { column: string; cast: string }[]> = {
  createdAt: [],
  reservedCount: [{ column: 'reserved_count', cast: 'int' }],
  country: [{ column: 'country', cast: 'char(2)' }],
  usersCount: [{ column: 'users_count', cast: 'int' }],
}

const requestCursor = keysetCursor({
  // The value of the sort's own column; 0 for the default sort, which has none besides the time.
  key: z.union([z.string().regex(/^[A-Z]{2}$/), z.number().int().min(0).max(1_000_000_000)]),
  createdAt: timestamp(),
  id: z.uuid(),
})

export type RequestFilters = Omit<RequestTableQuery, 'cursor' | 'limit'>

function filtersSql(query: RequestFilters): SQL[] {
  const conditions: SQL[] = []
  if (query.country) conditions.push(sql`r.country = ${query.country}`)
  if (query.type) conditions.push(sql`r.types @> array[${query.type}]::text[]`)
  if (query.status) conditions.push(sql`r.status = ${query.status}`)
  if (query.closeReason) conditions.push(sql`r.close_reason = ${query.closeReason}`)
  if (query.createdFrom) conditions.push(sql`r.created_at >= ${at(new Date(query.createdFrom))}`)
  if (query.createdTo) conditions.push(sql`r.created_at < ${at(new Date(query.createdTo))}`)
  if (query.slotsMin !== undefined) conditions.push(sql`r.reserved_count >= ${query.slotsMin}`)
  if (query.slotsMax !== undefined) conditions.push(sql`r.reserved_count <= ${query.slotsMax}`)
  const reported = sql`exists (select 1 from reservation_returns rr where rr.request_id = r.id)`
  if (query.reported === true) conditions.push(reported)
  if (query.reported === false) conditions.push(sql`not ${reported}`)
  return conditions
}

/** The client's contacts, read only for an export by a role allowed to see them. */
export interface ContactColumns {
  contact_name: string
  contact_company: string | null
  contact_email: string
  contact_phone: string
}

export type RequestCursor = NonNullable<ReturnType<typeof requestCursor.decode>>
type Cursor = RequestCursor

/** One page in the chosen order, after `after` when given: `limit + 1` rows, to learn whether more follow. */
export function selectRequestRows(
  db: Executor,
  query: RequestFilters,
  after: Cursor | undefined,
  limit: number,
  options: { contacts?: boolean } = {},
) {
  const desc = query.order === 'desc'
  const direction = sql.raw(desc ? 'desc' : 'asc')
  const extra = SORT_KEYS[query.sort]
  const columns = [...extra.map((key) => `r.${key.column}`), 'r.created_at', 'r.id']
  const conditions = filtersSql(query)
  if (after) {
    const values = [
      ...extra.map((key) => sql`${after.key}::${sql.raw(key.cast)}`),
      at(new Date(after.createdAt)),
      sql`${after.id}::uuid`,
    ]
    // A row comparison walks the composite index in one range scan.
    conditions.push(sql`(${sql.raw(columns.join(', '))}) ${sql.raw(desc ? '<' : '>')} (${sql.join(values, sql`, `)})`)
  }
  const order = sql.join(
    columns.map((column) => sql`${sql.raw(column)} ${direction}`),
    sql`, `,
  )
  const contacts = options.contacts ? sql`r.contact_name, r.contact_company, r.contact_email, r.contact_phone,` : sql``
  return queryRows<RequestTableRow & { sort_key: string | number | null } & Partial<ContactColumns>>(
    db,
    sql`select ${contacts} r.id, r.country, r.city, r.types, r.users_count, r.status, r.close_reason, r.reserved_count,
          r.created_at, r.closed_at, (r.erased_at is not null) as erased,
          ${extra[0] ? sql.raw(`r.${extra[0].column}`) : sql`null`} as sort_key,
          (select count(*)::int from reservation_returns rr where rr.request_id = r.id) as returns
        from requests r
        where ${conditions.length > 0 ? sql.join(conditions, sql` and `) : sql`true`}
        order by ${order}
        limit ${limit}`,
  )
}

export function presentRequestRow(row: RequestTableRow): RequestRow {
  return {
    id: row.id,
    country: row.country,
    city: maskContactDetails(row.city),
    types: row.types,
    usersCount: row.users_count,
    status: row.status,
    closeReason: row.close_reason,
    reservedCount: row.reserved_count,
    returns: row.returns,
    createdAt: iso(row.created_at),
    closedAt: isoOrNull(row.closed_at),
    erased: row.erased,
  }
}

export const cursorKeysOf = (row: RequestTableRow & { sort_key: string | number | null }) => ({
  key: row.sort_key ?? 0,
  createdAt: iso(row.created_at),
  id: row.id,
})

/** The cursor, checked to belong to the sort it is used with. @throws AppError `invalid_cursor` (400). */
export function decodeRequestCursor(cursor: string | undefined, sort: RequestSort): Cursor | undefined {
  const after = requestCursor.decode(cursor)
  const key = SORT_KEYS[sort][0]
  const expected = key === undefined || key.cast === 'int' ? 'number' : 'string'
  if (after && typeof after.key !== expected) {
    throw badRequest('invalid_cursor', 'The cursor belongs to another sort order; start again without it.')
  }
  return after
}

/** A page of requests without contact details. @throws AppError `invalid_cursor` (400). */
export async function listRequestTable(ctx: AppContext, query: RequestTableQuery) {
  const after = decodeRequestCursor(query.cursor, query.sort)
  const rows = await selectRequestRows(ctx.db, query, after, fetchLimit(query.limit))
  const page = requestCursor.page(rows, query.limit, cursorKeysOf)
  return { items: page.items.map(presentRequestRow), nextCursor: page.nextCursor }
}

export { requestCursor }

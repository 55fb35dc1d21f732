import { z } from 'zod'
import { badRequest } from '../errors'

/**
 * Keyset pagination: a list is read in a fixed order, and the next page starts after the sort keys of the last
 * row shown. The client gets those keys as an opaque cursor (base64url JSON) and sends it back unchanged.
 * One row more than the page is read, so a page knows whether another follows without counting.
 */

/** The sort keys a cursor carries, each a JSON string or number. */
type CursorKeys = Record<string, string | number>
type CursorShape = Record<string, z.ZodType<string | number>>

export interface KeysetPage<Item> {
  items: Item[]
  /** The cursor of the next page; null on the last one. */
  nextCursor: string | null
}

export interface KeysetCursor<Key> {
  /**
   * The keys the page starts after, or undefined without a cursor (the first page).
   * @throws AppError `invalid_cursor` (400) when the cursor is not one this list returned.
   */
  decode(cursor: string | undefined): Key | undefined
  /** The first `limit` of `rows` (read with `fetchLimit(limit)`), with the cursor after the last when more follow. */
  page<Row>(rows: readonly Row[], limit: number, keyOf: (row: Row) => Key): KeysetPage<Row>
}

/** How many rows to read for a page of `limit`: one more, to learn whether another page follows. */
export function fetchLimit(limit: number): number {
  return limit + 1
}

/** A list's cursor, from the schema of its sort keys, e.g. `keysetCursor({ createdAt: z.iso.datetime(), id: z.uuid() })`. */
export function keysetCursor<Shape extends CursorShape>(shape: Shape): KeysetCursor<z.output<z.ZodObject<Shape>>> {
  const schema = z.object(shape)
  return {
    decode: (cursor) => (cursor === undefined ? undefined : decodeCursor(cursor, schema)),
    // The schema's values are strings and numbers, so the keys are a valid cursor.
    page: (rows, limit, keyOf) => toPage(rows, limit, keyOf as (row: (typeof rows)[number]) => CursorKeys),
  }
}

/** The first `limit` of `rows` and, when there were more, the cursor made of the last item's keys. */
export function toPage<Row>(rows: readonly Row[], limit: number, keyOf: (row: Row) => CursorKeys): KeysetPage<Row> {
  const items = rows.slice(0, limit)
  const last = items.at(-1)
  return {
    items,
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null,
  }
}

function encodeCursor(keys: CursorKeys): string {
  return Buffer.from(JSON.stringify(keys)).toString('base64url')
}

function decodeCursor<S extends z.ZodType>(cursor: string, schema: S): z.output<S> {
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    parsed = undefined
  }
  const result = schema.safeParse(parsed)
  if (result.success) return result.data
  throw badRequest('invalid_cursor', 'The cursor is not one this API returned; start again without it.')
}

import type { z } from 'zod'
import { badRequest } from '../errors'

/** Opaque pagination cursors: base64url JSON of the last item's sort keys. */
export function encodeCursor(values: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url')
}

/**
 * Reads a cursor back with the schema of its keys.
 * @throws AppError `invalid_cursor` (400) when the cursor is not one `encodeCursor` produced for this list.
 */
export function decodeCursor<S extends z.ZodType>(cursor: string, schema: S): z.output<S> {
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

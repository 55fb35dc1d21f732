import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { fetchLimit, keysetCursor, toPage } from '../../app-server/http/keyset-page'

const rows = [
  { id: 'a', at: 3 },
  { id: 'b', at: 2 },
  { id: 'c', at: 1 },
]

describe('keyset pagination', () => {
  it('when more rows were read than the page holds, then the cursor carries the last shown row’s keys', () => {
    const cursor = keysetCursor({ at: z.number(), id: z.string() })
    const page = cursor.page(rows, 2, (row) => ({ at: row.at, id: row.id }))
    expect(page.items).toEqual(rows.slice(0, 2))
    expect(cursor.decode(page.nextCursor!)).toEqual({ at: 2, id: 'b' })
  })

  it('when the rows fit the page, then it is the last one', () => {
    expect(toPage(rows, 3, (row) => ({ id: row.id }))).toEqual({ items: rows, nextCursor: null })
    expect(toPage([], 3, () => ({ id: 'x' }))).toEqual({ items: [], nextCursor: null })
  })

  it('reads one row more than the page', () => {
    expect(fetchLimit(50)).toBe(51)
  })

  it('when no cursor is given, then the page starts at the beginning', () => {
    expect(keysetCursor({ id: z.uuid() }).decode(undefined)).toBeUndefined()
  })

  it.each([
    ['not base64 JSON', 'garbage'],
    ['keys of another list', Buffer.from(JSON.stringify({ name: 'x' })).toString('base64url')],
    ['a key of the wrong type', Buffer.from(JSON.stringify({ id: 'not-a-uuid' })).toString('base64url')],
  ])('when the cursor is %s, then it is a 400 invalid_cursor problem', (_case, cursor) => {
    expect(() => keysetCursor({ id: z.uuid() }).decode(cursor)).toThrow(
      expect.objectContaining({ status: 400, code: 'invalid_cursor' }),
    )
  })
})

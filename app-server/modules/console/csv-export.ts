import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { stringify } from 'csv-stringify'
import type { Response } from 'express'

/** One column of an export: its header and how a row gives its value. */
export interface CsvColumn<Row> {
  header: string
  value: (row: Row) => string | number | boolean | null
}

/** A spreadsheet would run a cell that starts like a formula; such text gets a leading apostrophe. */
function safeCell(value: string | number | boolean | null): string | number | boolean | null {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

/**
 * Streams rows as CSV: `batches` yields one page of rows at a time (keyset or offset pages read on demand), and
 * the next page is read only when the response has taken the previous one (`Readable.from` pulls, `pipeline`
 * propagates backpressure), so memory stays flat whatever the size of the list.
 */
export async function streamCsv<Row>(
  res: Response,
  filename: string,
  columns: CsvColumn<Row>[],
  batches: AsyncIterable<Row[]>,
): Promise<void> {
  res.status(200)
  res.setHeader('Content-Type', 'text/csv; charset=utf-8')
  res.setHeader('Content-Disposition', `attachment; filename="${filename}"`)
  res.setHeader('Cache-Control', 'no-store')
  async function* records() {
    for await (const rows of batches) {
      for (const row of rows) yield columns.map((column) => safeCell(column.value(row)))
    }
  }
  const csv = stringify({ header: true, columns: columns.map((column) => column.header), bom: false })
  try {
    await pipeline(Readable.from(records()), csv, res)
  } catch (error) {
    // Headers are gone: the response can only be cut short, which the client sees as a failed download.
    if (!res.headersSent) throw error
    res.destroy(error instanceof Error ? error : undefined)
  }
}

/** Pages of a keyset list until one comes back without a next page. */
export async function* keysetBatches<Row, Key>(
  read: (after: Key | undefined) => Promise<Row[]>,
  size: number,
  keyOf: (row: Row) => Key,
): AsyncGenerator<Row[]> {
  let after: Key | undefined
  for (;;) {
    const rows = await read(after)
    if (rows.length > 0) yield rows
    if (rows.length < size) return
    after = keyOf(rows.at(-1)!)
  }
}

import { parse } from 'csv-parse/sync'
import { inArray } from 'drizzle-orm'
import { versionAt } from '../../../shared/domain/program'
import { StoreOrderBodySchema } from '../../../shared/schemas/program.schema'
import type { AppContext } from '../../context'
import { partners } from '../../db/schema'
import { withTransaction } from '../../db/transaction'
import { AppError, unprocessable } from '../../errors'
import type { ManagerActor } from '../../http/auth/actors'
import { recordAudits } from '../audit'
import { loadConfigVersions } from './config.service'
import { auditedOrder, orderDefects, writeOrder } from './orders.service'

/** The columns of an import file, one order (with one product) per line. */
export const IMPORT_COLUMNS = [
  'partnerCode',
  'orderId',
  'orderedAt',
  'clientCompany',
  'clientAccountUrl',
  'currency',
  'amountMinor',
  'rate',
  'productCode',
  'productName',
  'quantity',
] as const

interface LineError {
  line: number
  field: string
  message: string
}

const MAX_LINES = 10_000

const integer = (value: string) => (/^-?\d{1,15}$/.test(value.trim()) ? Number(value.trim()) : value)

/**
 * Imports orders from CSV, all or nothing: every line is checked first (the schema, then the ledger's rules, the
 * partner, a repeated order id) and any error refuses the import with each field named by line. Orders already
 * recorded under their id with the same content are counted, not written again.
 * @throws AppError `import_invalid` (422).
 */
export async function importOrders(ctx: AppContext, actor: ManagerActor, csv: string) {
  const now = ctx.clock.now()
  const config = versionAt(await loadConfigVersions(ctx.db), now).config
  const errors: LineError[] = []
  let records: string[][]
  try {
    records = parse(csv, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true })
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1
    throw invalid([{ line, field: 'csv', message: (error as Error).message }])
  }
  const [header, ...rows] = records
  const missing = IMPORT_COLUMNS.filter((column) => !header?.includes(column))
  if (!header || missing.length > 0)
    throw invalid([{ line: 1, field: 'header', message: `lacks ${missing.join(', ')}` }])
  if (rows.length > MAX_LINES)
    throw invalid([{ line: MAX_LINES + 2, field: 'csv', message: `over ${MAX_LINES} lines` }])

  const parsed: { line: number; order: ReturnType<typeof StoreOrderBodySchema.parse> }[] = []
  const seenIds = new Map<string, number>()
  rows.forEach((cells, index) => {
    const line = index + 2
    const cell = (column: (typeof IMPORT_COLUMNS)[number]) => cells[header.indexOf(column)] ?? ''
    const result = StoreOrderBodySchema.safeParse({
      partnerCode: cell('partnerCode'),
      orderId: cell('orderId'),
      orderedAt: cell('orderedAt'),
      clientCompany: cell('clientCompany'),
      clientAccountUrl: cell('clientAccountUrl') || null,
      currency: cell('currency'),
      amountMinor: integer(cell('amountMinor')),
      rate: cell('rate') || null,
      lines: [
        {
          productCode: cell('productCode'),
          productName: cell('productName'),
          quantity: integer(cell('quantity')),
          amountMinor: integer(cell('amountMinor')),
        },
      ],
    })
    if (!result.success) {
      for (const issue of result.error.issues) {
        const field = issue.path[0] === 'lines' ? String(issue.path.at(-1)) : String(issue.path[0] ?? 'line')
        errors.push({ line, field, message: issue.message })
      }
      return
    }
    for (const defect of orderDefects(result.data, config, now))
      errors.push({
        line,
        field: defect.field.startsWith('lines.') ? 'amountMinor' : defect.field,
        message: defect.message,
      })
    const earlier = seenIds.get(result.data.orderId)
    if (earlier) errors.push({ line, field: 'orderId', message: `repeats line ${earlier}` })
    else seenIds.set(result.data.orderId, line)
    parsed.push({ line, order: result.data })
  })

  const codes = [...new Set(parsed.map((p) => p.order.partnerCode))]
  const known = codes.length
    ? await ctx.db
        .select({ id: partners.id, code: partners.partnerCode })
        .from(partners)
        .where(inArray(partners.partnerCode, codes))
    : []
  const idOf = new Map(known.map((p) => [p.code, p.id]))
  for (const { line, order } of parsed)
    if (!idOf.has(order.partnerCode)) errors.push({ line, field: 'partnerCode', message: 'no partner has this id' })
  if (errors.length > 0) throw invalid(errors)

  return withTransaction(ctx.db, async (tx) => {
    let imported = 0
    let alreadyRecorded = 0
    const audits = []
    for (const { line, order } of parsed) {
      const { partnerCode: _code, ...fields } = order
      try {
        const result = await writeOrder(
          tx,
          config,
          idOf.get(order.partnerCode)!,
          fields,
          { source: 'import', integrationId: null, actor: { type: 'manager', id: actor.managerId } },
          now,
        )
        if (!result.created) {
          alreadyRecorded++
          continue
        }
        imported++
        audits.push({
          at: now,
          actor: { type: 'manager' as const, id: actor.managerId },
          action: 'program_order.imported' as const,
          entity: { type: 'program_order' as const, id: result.order.id },
          after: auditedOrder(result.order),
        })
      } catch (error) {
        if (error instanceof AppError && error.code === 'order_conflict')
          errors.push({ line, field: 'orderId', message: 'another order was recorded under this id' })
        else throw error
      }
    }
    // Nothing is kept when a line conflicts with the ledger: the transaction rolls back.
    if (errors.length > 0) throw invalid(errors)
    await recordAudits(tx, audits)
    return { imported, alreadyRecorded }
  })
}

/** One entry per line and field: a cell that breaks two checks (or feeds two fields) is named once. */
function invalid(errors: LineError[]): AppError {
  const seen = new Set<string>()
  const lines = errors.filter((error) => {
    const key = `${error.line}:${error.field}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
  return unprocessable('import_invalid', `${lines.length} field(s) of the import are invalid; nothing was imported.`, {
    lines: lines.slice(0, 1_000),
  })
}

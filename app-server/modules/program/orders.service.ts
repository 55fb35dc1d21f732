import { createHash } from 'node:crypto'
import { desc, eq } from 'drizzle-orm'
import { convertMinor, isKnownCurrency, versionAt, type ProgramConfig } from '../../../shared/domain/program'
import type { ManagerOrderBody, StoreOrderBody } from '../../../shared/schemas/program.schema'
import type { AppContext } from '../../context'
import type { Tx } from '../../db/client'
import { partners, programOrders } from '../../db/schema'
import { withTransaction } from '../../db/transaction'
import { conflict, notFound, unprocessable } from '../../errors'
import type { ManagerActor } from '../../http/auth/actors'
import { recordAudit, type AuditActor } from '../audit'
import { loadConfigVersions } from './config.service'

type OrderRow = typeof programOrders.$inferSelect
type OrderFields = Omit<ManagerOrderBody, 'orderId'> & { orderId: string | null }

/** One thing wrong with an order, as a problem code and the field it concerns. */
export interface OrderDefect {
  code: 'negative_amount' | 'unknown_currency' | 'rate_required' | 'rate_not_one' | 'order_in_future'
  field: string
  message: string
}

/** What the ledger refuses beyond the schema: amounts below zero, unknown currencies, rates, dates to come. */
export function orderDefects(order: OrderFields, config: ProgramConfig, now: Date): OrderDefect[] {
  const defects: OrderDefect[] = []
  if (order.amountMinor < 0) defects.push({ code: 'negative_amount', field: 'amountMinor', message: 'is below zero' })
  order.lines.forEach((line, index) => {
    if (line.amountMinor < 0)
      defects.push({ code: 'negative_amount', field: `lines.${index}.amountMinor`, message: 'is below zero' })
  })
  if (!isKnownCurrency(order.currency))
    defects.push({ code: 'unknown_currency', field: 'currency', message: 'is not an ISO 4217 currency' })
  else if (config.parityCurrencies.includes(order.currency)) {
    if (order.rate !== null && Number(order.rate) !== 1)
      defects.push({ code: 'rate_not_one', field: 'rate', message: `${order.currency} counts 1:1` })
  } else if (order.rate === null || Number(order.rate) === 0)
    defects.push({ code: 'rate_required', field: 'rate', message: `is required for ${order.currency}` })
  if (new Date(order.orderedAt).getTime() > now.getTime())
    defects.push({ code: 'order_in_future', field: 'orderedAt', message: 'is later than now' })
  return defects
}

function throwDefect(defect: OrderDefect, order: OrderFields, config: ProgramConfig): never {
  const pair = { currency: order.currency, programCurrency: config.currency }
  switch (defect.code) {
    case 'negative_amount':
      throw unprocessable('negative_amount', `${defect.field} is below zero.`, { field: defect.field })
    case 'unknown_currency':
      throw unprocessable('unknown_currency', `${order.currency} is not an ISO 4217 currency.`, {
        currency: order.currency,
      })
    case 'rate_required':
      throw unprocessable('rate_required', `Send the rate of ${order.currency} to ${config.currency}.`, pair)
    case 'rate_not_one':
      throw unprocessable('rate_not_one', `${order.currency} counts 1:1 with ${config.currency}.`, pair)
    case 'order_in_future':
      throw unprocessable('order_in_future', 'The order date is later than now.')
  }
}

/** The end user as sales targets tell clients apart: the Bitrix24 account's host, else the company name. */
export function clientKeyOf(company: string, accountUrl: string | null): string {
  if (accountUrl) return new URL(accountUrl).host.toLowerCase()
  return company.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()
}

/** A stable hash of what was sent, so the same order sent again is told from another order under its id. */
function bodyHash(partnerId: string, order: OrderFields): string {
  const canonical = JSON.stringify([
    partnerId,
    order.orderId,
    new Date(order.orderedAt).toISOString(),
    order.clientCompany,
    order.clientAccountUrl,
    order.currency,
    order.amountMinor,
    order.rate === null ? null : Number(order.rate),
    order.lines.map((l) => [l.productCode, l.productName, l.quantity, l.amountMinor]),
  ])
  return createHash('sha256').update(canonical).digest('hex')
}

export function presentOrder(row: OrderRow) {
  return {
    id: row.id,
    partnerId: row.partnerId,
    source: row.source,
    orderId: row.externalId,
    orderedAt: row.orderedAt.toISOString(),
    clientCompany: row.clientCompany,
    clientAccountUrl: row.clientAccountUrl,
    currency: row.currency,
    amountMinor: Number(row.amountMinor),
    rate: String(Number(row.rate)),
    programAmountMinor: Number(row.programAmountMinor),
    lines: row.lines,
    exclusion: row.excludedAt
      ? { at: row.excludedAt.toISOString(), by: row.excludedBy, reason: row.exclusionReason ?? '' }
      : null,
    createdAt: row.createdAt.toISOString(),
  }
}

export interface Origin {
  source: OrderRow['source']
  integrationId: string | null
  actor: AuditActor
}

/**
 * Writes one order of the ledger, converted to the program currency at its rate. An order id seen before answers
 * the order recorded then when the same order is sent again, and 409 when another order comes under it.
 * @throws AppError one of the `OrderDefect` codes (422), `order_conflict` (409).
 */
export async function writeOrder(
  tx: Tx,
  config: ProgramConfig,
  partnerId: string,
  order: OrderFields,
  origin: Origin,
  now: Date,
): Promise<{ order: OrderRow; created: boolean }> {
  const hash = bodyHash(partnerId, order)
  const rate = order.rate ?? '1'
  const [row] = await tx
    .insert(programOrders)
    .values({
      partnerId,
      source: origin.source,
      integrationId: origin.integrationId,
      externalId: order.orderId,
      bodyHash: hash,
      orderedAt: new Date(order.orderedAt),
      clientCompany: order.clientCompany,
      clientAccountUrl: order.clientAccountUrl,
      clientKey: clientKeyOf(order.clientCompany, order.clientAccountUrl),
      currency: order.currency,
      amountMinor: order.amountMinor,
      rate,
      programAmountMinor: convertMinor(order.amountMinor, order.currency, rate, config.currency),
      lines: order.lines,
      createdBy: origin.actor.type === 'manager' ? origin.actor.id : null,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning()
  if (row) return { order: row, created: true }
  const [existing] = await tx.select().from(programOrders).where(eq(programOrders.externalId, order.orderId!))
  if (existing?.bodyHash === hash) return { order: existing, created: false }
  throw conflict('order_conflict', `Another order was recorded under the order id ${order.orderId}.`, {
    orderId: order.orderId!,
  })
}

async function recordOne(ctx: AppContext, partnerId: string, order: OrderFields, origin: Origin) {
  const now = ctx.clock.now()
  const config = versionAt(await loadConfigVersions(ctx.db), now).config
  const [defect] = orderDefects(order, config, now)
  if (defect) throwDefect(defect, order, config)
  return withTransaction(ctx.db, async (tx) => {
    const result = await writeOrder(tx, config, partnerId, order, origin, now)
    if (result.created)
      await recordAudit(tx, {
        at: now,
        actor: origin.actor,
        action: 'program_order.recorded',
        entity: { type: 'program_order', id: result.order.id },
        after: auditedOrder(result.order),
      })
    return { order: presentOrder(result.order), created: result.created }
  })
}

/** The audit keeps amounts and ids; the end user's name and account stay in the ledger only. */
export function auditedOrder(row: OrderRow) {
  return {
    partnerId: row.partnerId,
    source: row.source,
    orderId: row.externalId,
    orderedAt: row.orderedAt.toISOString(),
    currency: row.currency,
    amountMinor: Number(row.amountMinor),
    rate: String(Number(row.rate)),
    programAmountMinor: Number(row.programAmountMinor),
  }
}

/** An order from the store, authenticated by its integration's key. @throws `order_partner_unknown` (422) and more. */
export async function receiveStoreOrder(ctx: AppContext, integrationId: string, body: StoreOrderBody) {
  const [partner] = await ctx.db
    .select({ id: partners.id })
    .from(partners)
    .where(eq(partners.partnerCode, body.partnerCode))
  if (!partner)
    throw unprocessable('order_partner_unknown', `No partner has the id ${body.partnerCode}.`, {
      partnerCode: body.partnerCode,
    })
  const { partnerCode: _partnerCode, ...order } = body
  return recordOne(ctx, partner.id, order, {
    source: 'store',
    integrationId,
    actor: { type: 'system', id: `integration:${integrationId}` },
  })
}

/** @throws AppError `partner_not_found` (404) and the ledger's refusals. */
export async function recordManagerOrder(
  ctx: AppContext,
  actor: ManagerActor,
  partnerId: string,
  body: ManagerOrderBody,
) {
  const [partner] = await ctx.db.select({ id: partners.id }).from(partners).where(eq(partners.id, partnerId))
  if (!partner) throw notFound('partner_not_found', 'No partner has this id.')
  return recordOne(ctx, partnerId, body, {
    source: 'manager',
    integrationId: null,
    actor: { type: 'manager', id: actor.managerId },
  })
}

export async function listOrders(ctx: AppContext, partnerId: string) {
  const [partner] = await ctx.db.select({ id: partners.id }).from(partners).where(eq(partners.id, partnerId))
  if (!partner) throw notFound('partner_not_found', 'No partner has this id.')
  const rows = await ctx.db
    .select()
    .from(programOrders)
    .where(eq(programOrders.partnerId, partnerId))
    .orderBy(desc(programOrders.orderedAt))
    .limit(500)
  return { items: rows.map(presentOrder) }
}

/**
 * 3.2: the end user is the partner's own or an affiliated entity; the order stops counting for every target.
 * @throws AppError `order_not_found` (404), `order_already_excluded` (409).
 */
export async function excludeOrder(ctx: AppContext, actor: ManagerActor, orderId: string, reason: string) {
  const now = ctx.clock.now()
  return withTransaction(ctx.db, async (tx) => {
    const [row] = await tx.select().from(programOrders).where(eq(programOrders.id, orderId)).for('update')
    if (!row) throw notFound('order_not_found', 'No order has this id.')
    if (row.excludedAt) throw conflict('order_already_excluded', 'The order is excluded already.')
    const [updated] = await tx
      .update(programOrders)
      .set({ excludedAt: now, excludedBy: actor.managerId, exclusionReason: reason })
      .where(eq(programOrders.id, orderId))
      .returning()
    await recordAudit(tx, {
      at: now,
      actor: { type: 'manager', id: actor.managerId },
      action: 'program_order.excluded',
      entity: { type: 'program_order', id: orderId },
      before: { excluded: false },
      after: { excluded: true, reasonRecorded: true },
    })
    return presentOrder(updated!)
  })
}

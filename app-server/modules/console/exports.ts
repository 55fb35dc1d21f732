import type { Response } from 'express'
import { z } from 'zod'
import type {
  AuditExportQuerySchema,
  FeedbackExportQuerySchema,
  LeadSyncExportQuerySchema,
  PartnerExportQuerySchema,
  RequestExportQuerySchema,
  ReturnExportQuerySchema,
} from '../../../shared/schemas/console.schema'
import type { AppContext } from '../../context'
import type { ManagerActor } from '../../http/auth/actors'
import { listAudit, recordAudit } from '../audit'
import { listClientFeedback } from '../requests'
import { keysetBatches, streamCsv, type CsvColumn } from './csv-export'
import { failureKeys, presentFailure, selectFailures } from './lead-sync'
import { presentPartnerRow, selectPartnerFacts, type PartnerFactsRow } from './partner-table'
import { cursorKeysOf, presentRequestRow, selectRequestRows, type ContactColumns } from './request-table'
import { presentReturn, returnKeys, selectReturns } from './return-queue'

/** Rows read per query: large enough to keep round trips few, small enough to keep memory flat. */
const BATCH = 1_000

type Query<S extends z.ZodType> = z.output<S>

const day = (now: Date) => now.toISOString().slice(0, 10)

/** An export that carries contact columns is audited: who, which list and which filters, never a value. */
async function auditContactExport(ctx: AppContext, actor: ManagerActor, list: string, filters: object) {
  await recordAudit(ctx.db, {
    at: ctx.clock.now(),
    actor: { type: 'manager', id: actor.managerId },
    action: 'contacts.exported',
    entity: { type: 'export', id: list },
    after: { filters },
  })
}

export async function exportPartners(
  ctx: AppContext,
  res: Response,
  actor: ManagerActor,
  query: Query<typeof PartnerExportQuerySchema>,
) {
  const { contacts, ...filters } = query
  if (contacts) await auditContactExport(ctx, actor, 'partners', filters)
  const now = ctx.clock.now()
  const columns: CsvColumn<PartnerFactsRow>[] = [
    ...rowColumns(presentPartnerRow, [
      'id',
      'partnerCode',
      'companyName',
      'registeredCountry',
      'declaredStatus',
      'approved',
      'tutorialCompletedAt',
      'eligible',
      'suspended',
      'suspendedUntil',
      'portalLinked',
      'score',
      'tier',
      'createdAt',
    ]),
    { header: 'additionalLocations', value: (row) => row.additional.join(' ') },
    ...(contacts
      ? ([
          { header: 'contactName', value: (row) => row.contact_name },
          { header: 'contactEmail', value: (row) => row.contact_email },
          { header: 'contactPhone', value: (row) => row.contact_phone },
          { header: 'website', value: (row) => row.website },
        ] satisfies CsvColumn<PartnerFactsRow>[])
      : []),
  ]
  async function* batches() {
    for (let offset = 0; ; offset += BATCH) {
      const rows = await selectPartnerFacts(ctx.db, ctx, now, { ...filters, offset, limit: BATCH })
      if (rows.length > 0) yield rows
      if (rows.length < BATCH) return
    }
  }
  await streamCsv(res, `partners-${day(now)}.csv`, columns, batches())
}

export async function exportRequests(
  ctx: AppContext,
  res: Response,
  actor: ManagerActor,
  query: Query<typeof RequestExportQuerySchema>,
) {
  const { contacts, ...filters } = query
  if (contacts) await auditContactExport(ctx, actor, 'requests', filters)
  type Row = Awaited<ReturnType<typeof selectRequestRows>>[number]
  const columns: CsvColumn<Row>[] = [
    ...rowColumns(presentRequestRow, [
      'id',
      'createdAt',
      'country',
      'city',
      'usersCount',
      'status',
      'closeReason',
      'closedAt',
      'reservedCount',
      'returns',
      'erased',
    ]),
    { header: 'types', value: (row) => row.types.join(' ') },
    ...(contacts
      ? ([
          { header: 'contactName', value: (row) => (row as Row & ContactColumns).contact_name },
          { header: 'contactCompany', value: (row) => (row as Row & ContactColumns).contact_company },
          { header: 'contactEmail', value: (row) => (row as Row & ContactColumns).contact_email },
          { header: 'contactPhone', value: (row) => (row as Row & ContactColumns).contact_phone },
        ] satisfies CsvColumn<Row>[])
      : []),
  ]
  const batches = keysetBatches(
    (after: ReturnType<typeof cursorKeysOf> | undefined) =>
      selectRequestRows(ctx.db, filters, after, BATCH, { contacts: contacts === true }),
    BATCH,
    cursorKeysOf,
  )
  await streamCsv(res, `requests-${day(ctx.clock.now())}.csv`, columns, batches)
}

export async function exportReturns(ctx: AppContext, res: Response, query: Query<typeof ReturnExportQuerySchema>) {
  type Row = ReturnType<typeof presentReturn>
  const columns: CsvColumn<Row>[] = [
    { header: 'id', value: (row) => row.id },
    { header: 'createdAt', value: (row) => row.createdAt },
    { header: 'status', value: (row) => row.status },
    { header: 'reason', value: (row) => row.reason },
    { header: 'comment', value: (row) => row.comment },
    { header: 'partnerCode', value: (row) => row.partner.partnerCode },
    { header: 'partnerName', value: (row) => row.partner.companyName },
    { header: 'requestId', value: (row) => row.request.id },
    { header: 'requestCountry', value: (row) => row.request.country },
    { header: 'reservationState', value: (row) => row.reservation.state },
    { header: 'crmLeadId', value: (row) => row.reservation.crmLeadId },
    { header: 'decidedAt', value: (row) => row.decidedAt },
    { header: 'decisionNote', value: (row) => row.decisionNote },
  ]
  async function* batches() {
    for await (const rows of keysetBatches(
      (after: ReturnType<typeof returnKeys> | undefined) => selectReturns(ctx.db, query.status, after, BATCH),
      BATCH,
      returnKeys,
    )) {
      yield rows.map(presentReturn)
    }
  }
  await streamCsv(res, `returns-${day(ctx.clock.now())}.csv`, columns, batches())
}

export async function exportLeadSyncFailures(
  ctx: AppContext,
  res: Response,
  query: Query<typeof LeadSyncExportQuerySchema>,
) {
  type Row = ReturnType<typeof presentFailure>
  const columns: CsvColumn<Row>[] = [
    { header: 'reservationId', value: (row) => row.reservationId },
    { header: 'reservedAt', value: (row) => row.reservedAt },
    { header: 'portalDomain', value: (row) => row.portalDomain },
    { header: 'partnerName', value: (row) => row.partnerName },
    { header: 'requestId', value: (row) => row.requestId },
    { header: 'attempts', value: (row) => row.attempts },
    { header: 'lastError', value: (row) => row.lastError },
  ]
  async function* batches() {
    for await (const rows of keysetBatches(
      (after: ReturnType<typeof failureKeys> | undefined) => selectFailures(ctx.db, query.portalId, after, BATCH),
      BATCH,
      failureKeys,
    )) {
      yield rows.map(presentFailure)
    }
  }
  await streamCsv(res, `lead-sync-failures-${day(ctx.clock.now())}.csv`, columns, batches())
}

export async function exportAuditLog(ctx: AppContext, res: Response, query: Query<typeof AuditExportQuerySchema>) {
  type Row = Awaited<ReturnType<typeof listAudit>>['items'][number]
  const columns: CsvColumn<Row>[] = [
    { header: 'id', value: (row) => row.id },
    { header: 'at', value: (row) => row.at },
    { header: 'actorType', value: (row) => row.actorType },
    { header: 'actorId', value: (row) => row.actorId },
    { header: 'action', value: (row) => row.action },
    { header: 'entityType', value: (row) => row.entityType },
    { header: 'entityId', value: (row) => row.entityId },
    { header: 'before', value: (row) => (row.before === null ? null : JSON.stringify(row.before)) },
    { header: 'after', value: (row) => (row.after === null ? null : JSON.stringify(row.after)) },
  ]
  async function* batches() {
    let cursor: string | undefined
    do {
      const page = await listAudit(ctx.db, { ...query, cursor, limit: BATCH })
      if (page.items.length > 0) yield page.items
      cursor = page.nextCursor ?? undefined
    } while (cursor)
  }
  await streamCsv(res, `audit-log-${day(ctx.clock.now())}.csv`, columns, batches())
}

export async function exportClientFeedback(
  ctx: AppContext,
  res: Response,
  query: Query<typeof FeedbackExportQuerySchema>,
) {
  type Row = Awaited<ReturnType<typeof listClientFeedback>>['items'][number]
  const columns: CsvColumn<Row>[] = [
    { header: 'id', value: (row) => row.id },
    { header: 'ratedAt', value: (row) => row.ratedAt },
    { header: 'partnerId', value: (row) => row.partnerId },
    { header: 'partnerName', value: (row) => row.partnerName },
    { header: 'requestId', value: (row) => row.requestId },
    { header: 'country', value: (row) => row.country },
    { header: 'responseSpeed', value: (row) => row.responseSpeed },
    { header: 'serviceQuality', value: (row) => row.serviceQuality },
    { header: 'comment', value: (row) => row.comment },
  ]
  async function* batches() {
    let cursor: string | undefined
    do {
      const page = await listClientFeedback(ctx, { partnerId: query.partnerId, cursor, limit: 100 })
      if (page.items.length > 0) yield page.items
      cursor = page.nextCursor ?? undefined
    } while (cursor)
  }
  await streamCsv(res, `client-feedback-${day(ctx.clock.now())}.csv`, columns, batches())
}

/** Columns taken from a row's presented form, so the export and the list say the same thing. */
function rowColumns<Row extends object, Shown extends Record<string, unknown>>(
  present: (row: Row) => Shown,
  keys: (keyof Shown & string)[],
): CsvColumn<Row>[] {
  // Presented once per row, however many columns read it.
  const shown = new WeakMap<object, Shown>()
  const presented = (row: Row) => {
    let value = shown.get(row as object)
    if (!value) shown.set(row as object, (value = present(row)))
    return value
  }
  return keys.map((key) => ({
    header: key,
    value: (row) => {
      const value: unknown = presented(row)[key]
      return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? value
        : String(value)
    },
  }))
}

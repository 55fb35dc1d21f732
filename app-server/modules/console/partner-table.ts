import { sql, type SQL } from 'drizzle-orm'
import type { PartnerRow, PartnerSort, PartnerTableQuery } from '../../../shared/schemas/console.schema'
import type { PartnerStatus } from '../../../shared/domain/partner-statuses'
import type { RatingTierId } from '../../../shared/domain/rating'
import type { AppContext } from '../../context'
import { queryRows, type Executor } from '../../db/client'
import { ratingTiers } from '../reservations'
import { iso, isoOrNull, partnerFactsCte } from './console-sql'

export interface PartnerFactsRow {
  id: string
  partner_code: string
  company_name: string
  registered_country: string
  declared_status: PartnerStatus
  approved: boolean
  tutorial_completed_at: Date | string | null
  suspended_at: Date | string | null
  suspended_until: Date | string | null
  created_at: Date | string
  contact_name: string | null
  contact_email: string | null
  contact_phone: string | null
  website: string | null
  additional: string[]
  suspended: boolean
  eligible: boolean
  portal_linked: boolean
  score: number
  tier: RatingTierId
}

const SORT_COLUMNS: Record<PartnerSort, string> = {
  companyName: 'company_name',
  partnerCode: 'partner_code',
  registeredCountry: 'registered_country',
  declaredStatus: 'declared_status',
  approved: 'approved',
  eligible: 'eligible',
  suspended: 'suspended',
  locations: 'cardinality(additional)',
  portalLinked: 'portal_linked',
  score: 'score',
  createdAt: 'created_at',
}

export type PartnerFilters = Omit<PartnerTableQuery, 'offset' | 'limit'>

function filtersSql(query: PartnerFilters): SQL {
  const conditions: SQL[] = [sql`true`]
  if (query.search) {
    const pattern = `%${query.search.replace(/[\\%_]/g, (char) => `\\${char}`)}%`
    conditions.push(sql`(company_name ilike ${pattern} or partner_code ilike ${pattern})`)
  }
  if (query.country) conditions.push(sql`registered_country = ${query.country}`)
  if (query.location)
    conditions.push(sql`(registered_country = ${query.location} or ${query.location} = any(additional))`)
  if (query.status) conditions.push(sql`declared_status = ${query.status}`)
  if (query.eligible !== undefined) conditions.push(sql`eligible = ${query.eligible}`)
  if (query.suspended !== undefined) conditions.push(sql`suspended = ${query.suspended}`)
  if (query.portalLinked !== undefined) conditions.push(sql`portal_linked = ${query.portalLinked}`)
  if (query.scoreMin !== undefined) conditions.push(sql`score >= ${query.scoreMin}`)
  if (query.scoreMax !== undefined) conditions.push(sql`score <= ${query.scoreMax}`)
  if (query.tier) conditions.push(sql`tier = ${query.tier}`)
  return sql.join(conditions, sql` and `)
}

/** The partners matching the filters in the chosen order (then by id, so pages never overlap), from `offset`. */
export function selectPartnerFacts(
  db: Executor,
  ctx: Pick<AppContext, 'config'>,
  now: Date,
  query: PartnerFilters & { offset: number; limit: number },
) {
  const direction = sql.raw(query.order === 'desc' ? 'desc' : 'asc')
  const column = sql.raw(SORT_COLUMNS[query.sort])
  return queryRows<PartnerFactsRow & { total: number }>(
    db,
    sql`with ${partnerFactsCte(now, ratingTiers(ctx.config))}
        select *, count(*) over ()::int as total from partner_facts
        where ${filtersSql(query)}
        order by ${column} ${direction}, id ${direction}
        limit ${query.limit} offset ${query.offset}`,
  )
}

export function presentPartnerRow(row: PartnerFactsRow): PartnerRow {
  return {
    id: row.id,
    partnerCode: row.partner_code,
    companyName: row.company_name,
    registeredCountry: row.registered_country,
    additionalLocations: row.additional,
    declaredStatus: row.declared_status,
    approved: row.approved,
    tutorialCompletedAt: isoOrNull(row.tutorial_completed_at),
    suspended: row.suspended,
    suspendedUntil: row.suspended ? isoOrNull(row.suspended_until) : null,
    eligible: row.eligible,
    portalLinked: row.portal_linked,
    score: row.score,
    tier: row.tier,
    createdAt: iso(row.created_at),
  }
}

/** A page of the partner table with the number of partners matching the filters. */
export async function listPartnerTable(ctx: AppContext, query: PartnerTableQuery) {
  const rows = await selectPartnerFacts(ctx.db, ctx, ctx.clock.now(), query)
  let total = rows[0]?.total
  // A page past the end has no row to carry the total.
  if (total === undefined) {
    total =
      query.offset === 0
        ? 0
        : ((await selectPartnerFacts(ctx.db, ctx, ctx.clock.now(), { ...query, offset: 0, limit: 1 }))[0]?.total ?? 0)
  }
  return { items: rows.map(presentPartnerRow), total, offset: query.offset }
}

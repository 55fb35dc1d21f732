import { sql, type SQL } from 'drizzle-orm'
import { RATING_FORMULA, type RatingTier } from '../../../shared/domain/rating'

// SQL forms of the shared rating and eligibility rules, so lists can filter and sort a whole table by them.
// They mirror shared/domain/rating.ts and eligibility.ts, take their constants from there, and
// test/integration/console-partners.test.ts checks that they agree with the functions.

const DAY_SECONDS = 86_400

/** A time as a query parameter, cast explicitly (both drivers then agree). */
export const at = (time: Date): SQL => sql`${time.toISOString()}::timestamptz`

/**
 * `ratingScore` in SQL, for a partner row `p` joined to its `partner_ratings` row `r` (nullable) and the sum of its
 * active adjustments `adjustment_total` (nullable): the faded base score plus bounded adjustments, 0–100, one decimal.
 */
export function scoreSql(now: Date): SQL {
  const { priorWinShare, priorWeight, halfLifeDays, maxAdjustmentTotal } = RATING_FORMULA
  const fade = sql`coalesce(power(0.5, greatest(0, extract(epoch from (${at(now)} - r.weights_at))) / ${DAY_SECONDS * halfLifeDays}::float8), 1)`
  const won = sql`coalesce(r.won_weight, 0) * ${fade}`
  const lost = sql`coalesce(r.lost_weight, 0) * ${fade}`
  const base = sql`(100 * (${won} + ${priorWinShare * priorWeight}::float8) / (${won} + ${lost} + ${priorWeight}::float8))`
  const adjustments = sql`least(${maxAdjustmentTotal}, greatest(${-maxAdjustmentTotal}, coalesce(adjustment_total, 0)))`
  return sql`round(greatest(0, least(100, ${base} + ${adjustments}))::numeric, 1)::float8`
}

/** `tierFor` in SQL: the highest tier whose lower bound the score expression reaches. */
export function tierSql(score: SQL, tiers: readonly RatingTier[]): SQL {
  const highestFirst = [...tiers].reverse()
  const branches = highestFirst.map((tier) => sql`when ${score} >= ${tier.minScore} then ${tier.id}`)
  return sql`(case ${sql.join(branches, sql` `)} else ${tiers[0]!.id} end)`
}

/** `isSuspended` in SQL for a partner row `p`. */
export const suspendedSql = (now: Date): SQL =>
  sql`(p.suspended_at is not null and (p.suspended_until is null or p.suspended_until > ${at(now)}))`

/** `ineligibilities(...).length === 0` in SQL for a partner row `p`. */
export const eligibleSql = (now: Date): SQL =>
  sql`(p.approved and p.tutorial_completed_at is not null and not ${suspendedSql(now)})`

/**
 * Every partner with the facts the console lists and filters by (its score and tier, eligibility, locations,
 * whether a portal is linked), as a CTE named `partner_facts`. Aggregates are hash-joined once for the table,
 * not looked up partner by partner.
 */
export function partnerFactsCte(now: Date, tiers: readonly RatingTier[]): SQL {
  const score = scoreSql(now)
  return sql`partner_facts as (
    select p.id, p.partner_code, p.company_name, p.registered_country, p.declared_status, p.approved,
      p.tutorial_completed_at, p.suspended_at, p.suspended_until, p.created_at,
      p.contact_name, p.contact_email, p.contact_phone, p.website,
      coalesce(loc.countries, '{}'::text[]) as additional,
      ${suspendedSql(now)} as suspended,
      ${eligibleSql(now)} as eligible,
      (linked.partner_id is not null) as portal_linked,
      ${score} as score,
      ${tierSql(score, tiers)} as tier
    from partners p
    left join (select partner_id, array_agg(country::text order by created_at, country) as countries
               from partner_locations group by partner_id) loc on loc.partner_id = p.id
    left join (select distinct partner_id from portals
               where partner_id is not null and status <> 'uninstalled') linked on linked.partner_id = p.id
    left join (select partner_id, sum(delta) as adjustment_total from rating_adjustments
               where expires_at is null or expires_at > ${at(now)} group by partner_id) adj on adj.partner_id = p.id
    left join partner_ratings r on r.partner_id = p.id
  )`
}

/** An ISO string from a timestamp column, whichever driver read it. */
export const iso = (value: Date | string): string => new Date(value).toISOString()
export const isoOrNull = (value: Date | string | null): string | null => (value === null ? null : iso(value))

import { sql } from 'drizzle-orm'
import { MAX_RESERVATIONS_PER_REQUEST } from '../../../shared/domain/reservation-rules'
import type { RatingTierId } from '../../../shared/domain/rating'
import type { AppContext } from '../../context'
import { queryRows } from '../../db/client'
import { ratingTiers } from '../reservations'
import { at, eligibleSql, partnerFactsCte } from './console-sql'

/** The share of a country's eligible partners whose share of reservations the fairness chart shows. */
export const FAIRNESS_TOP_SHARE = 0.1

/** The work waiting for a person, counted in one round trip. */
export async function dashboardQueues(ctx: AppContext) {
  const [row] = await queryRows<{
    returns_waiting: number
    requests_to_moderate: number
    failed_lead_pushes: number
    portals_needing_reauth: number
    partners_awaiting_approval: number
  }>(
    ctx.db,
    sql`select
      (select count(*)::int from reservation_returns where status = 'pending') as returns_waiting,
      (select count(*)::int from requests where close_reason = 'under_review') as requests_to_moderate,
      (select count(*)::int from reservations where crm_status = 'failed') as failed_lead_pushes,
      (select count(*)::int from portals where status = 'needs_reauth') as portals_needing_reauth,
      (select count(*)::int from partners where not approved) as partners_awaiting_approval`,
  )
  return {
    returnsWaiting: row?.returns_waiting ?? 0,
    requestsToModerate: row?.requests_to_moderate ?? 0,
    failedLeadPushes: row?.failed_lead_pushes ?? 0,
    portalsNeedingReauth: row?.portals_needing_reauth ?? 0,
    partnersAwaitingApproval: row?.partners_awaiting_approval ?? 0,
  }
}

const round = (value: number | null, digits = 3): number | null =>
  value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits

/**
 * The dashboard's series over [from, to). Requests are counted by the day they were published (UTC); outcomes by
 * the day they were learnt; reservations by the day they were made. Each series is one aggregate query that
 * reads only the period through an index on its time column.
 */
export async function dashboardCharts(ctx: AppContext, period: { from: string; to: string }) {
  const from = at(new Date(period.from))
  const to = at(new Date(period.to))
  const now = ctx.clock.now()

  const perDay = await queryRows<{ day: string; country: string; requests: number }>(
    ctx.db,
    sql`select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as day, country, count(*)::int as requests
        from requests where created_at >= ${from} and created_at < ${to}
        group by 1, 2 order by 1, 2`,
  )

  // Slots a request reached: its reservations ever made (a released slot was still reached), at most 5.
  const fill = await queryRows<{ slots: number; requests: number }>(
    ctx.db,
    sql`select least(coalesce(taken.n, 0), ${MAX_RESERVATIONS_PER_REQUEST})::int as slots, count(*)::int as requests
        from requests q
        left join lateral (select count(*) as n from reservations res where res.request_id = q.id) taken on true
        where q.created_at >= ${from} and q.created_at < ${to}
        group by 1 order by 1`,
  )
  const fillTotal = fill.reduce((sum, row) => sum + row.requests, 0)
  const bySlots = Array.from({ length: MAX_RESERVATIONS_PER_REQUEST + 1 }, (_, slots) => ({
    slots,
    requests: fill.find((row) => row.slots === slots)?.requests ?? 0,
  }))

  const [first] = await queryRows<{ p50: number | null; p90: number | null; count: number }>(
    ctx.db,
    sql`select percentile_cont(0.5) within group (order by hours)::float8 as p50,
               percentile_cont(0.9) within group (order by hours)::float8 as p90,
               count(*)::int as count
        from (select extract(epoch from (min(res.reserved_at) - q.created_at)) / 3600 as hours
              from requests q join reservations res on res.request_id = q.id
              where q.created_at >= ${from} and q.created_at < ${to}
              group by q.id, q.created_at) firsts`,
  )

  // The partner's tier now: the tier table moves partners, and the chart says how each tier performs today.
  const won = await queryRows<{ tier: RatingTierId; country: string; won: number; lost: number }>(
    ctx.db,
    sql`with ${partnerFactsCte(now, ratingTiers(ctx.config))}
        select f.tier, q.country,
               count(*) filter (where res.outcome = 'won')::int as won,
               count(*) filter (where res.outcome = 'lost')::int as lost
        from reservations res
        join requests q on q.id = res.request_id
        join partner_facts f on f.id = res.partner_id
        where res.outcome is not null and res.outcome_at >= ${from} and res.outcome_at < ${to}
        group by 1, 2 order by 2, 1`,
  )

  const [lag] = await queryRows<{ p50: number | null; p90: number | null; count: number; failed: number }>(
    ctx.db,
    sql`select percentile_cont(0.5) within group (order by lag) filter (where lag is not null)::float8 as p50,
               percentile_cont(0.9) within group (order by lag) filter (where lag is not null)::float8 as p90,
               count(lag)::int as count,
               count(*) filter (where crm_status = 'failed')::int as failed
        from (select crm_status,
                     case when crm_synced_at is not null
                          then extract(epoch from (crm_synced_at - reserved_at)) end as lag
              from reservations
              where reserved_at >= ${from} and reserved_at < ${to} and portal_id is not null) synced`,
  )

  // Eligible partners per country they cover (registered or additional), ranked by their reservations there.
  const fairness = await queryRows<{
    country: string
    eligible_partners: number
    reservations: number
    top_partners: number
    top_reservations: number
  }>(
    ctx.db,
    sql`with coverage as (
          select p.id as partner_id, p.registered_country::text as country from partners p where ${eligibleSql(now)}
          union
          select p.id, l.country::text from partners p join partner_locations l on l.partner_id = p.id
          where ${eligibleSql(now)}
        ),
        made as (
          select res.partner_id, q.country::text as country, count(*) as n
          from reservations res join requests q on q.id = res.request_id
          where res.reserved_at >= ${from} and res.reserved_at < ${to}
          group by 1, 2
        ),
        ranked as (
          select c.country, coalesce(m.n, 0) as n,
                 row_number() over (partition by c.country order by coalesce(m.n, 0) desc, c.partner_id) as rank,
                 count(*) over (partition by c.country) as eligible
          from coverage c left join made m on m.partner_id = c.partner_id and m.country = c.country
        )
        select country, max(eligible)::int as eligible_partners, sum(n)::int as reservations,
               greatest(1, ceil(max(eligible) * ${FAIRNESS_TOP_SHARE}::float8))::int as top_partners,
               sum(n) filter (where rank <= greatest(1, ceil(eligible * ${FAIRNESS_TOP_SHARE}::float8)))::int as top_reservations
        from ranked group by country having sum(n) > 0 order by country`,
  )

  return {
    from: new Date(period.from).toISOString(),
    to: new Date(period.to).toISOString(),
    requestsPerDay: perDay,
    fillRate: {
      requests: fillTotal,
      bySlots,
      shareWithNone: fillTotal === 0 ? null : round(bySlots[0]!.requests / fillTotal),
    },
    firstReservationHours: {
      p50: round(first?.p50 ?? null, 2),
      p90: round(first?.p90 ?? null, 2),
      count: first?.count ?? 0,
    },
    wonRate: won.map((row) => ({
      ...row,
      rate: row.won + row.lost === 0 ? null : round(row.won / (row.won + row.lost)),
    })),
    leadSyncLagSeconds: {
      p50: round(lag?.p50 ?? null, 1),
      p90: round(lag?.p90 ?? null, 1),
      count: lag?.count ?? 0,
      failed: lag?.failed ?? 0,
    },
    fairness: fairness.map((row) => ({
      country: row.country,
      eligiblePartners: row.eligible_partners,
      reservations: row.reservations,
      topPartners: row.top_partners,
      topShare: row.reservations === 0 ? null : round((row.top_reservations ?? 0) / row.reservations),
    })),
  }
}

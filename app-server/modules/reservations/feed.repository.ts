import { sql } from 'drizzle-orm'
import { queryRows, type Executor } from '../../db/client'

export interface FeedRow {
  id: string
  country: string
  city: string
  types: string[]
  description: string
  users_count: number
  preferred_language: string
  created_at: Date | string
  reserved_count: number
  my_status: 'active' | 'released' | null
}

export interface FeedFilter {
  partnerId: string
  countries: string[]
  type?: string | undefined
  before?: { createdAt: Date; id: string } | undefined
  /** Early access: requests published after this are not shown to the partner yet; none for the top tier. */
  publishedBefore?: Date | undefined
  limit: number
}

/**
 * Open requests in the given countries, newest first. One small ordered index scan per country
 * (`requests_open_feed_idx`) merged here keeps a page cheap however many requests there are.
 */
export async function selectFeed(db: Executor, filter: FeedFilter): Promise<FeedRow[]> {
  if (filter.countries.length === 0) return []
  const before = filter.before
  return queryRows<FeedRow>(
    db,
    sql`select r.*, res.status as my_status
        from unnest(${sql.param(filter.countries)}::char(2)[]) as c(country)
        cross join lateral (
          select q.id, q.country, q.city, q.types, q.description, q.users_count, q.preferred_language,
                 q.created_at, q.reserved_count
          from requests q
          where q.country = c.country and q.status = 'open'
            ${filter.publishedBefore ? sql`and q.created_at <= ${filter.publishedBefore.toISOString()}::timestamptz` : sql``}
            ${filter.type ? sql`and ${filter.type} = any(q.types)` : sql``}
            ${before ? sql`and (q.created_at, q.id) < (${before.createdAt.toISOString()}::timestamptz, ${before.id}::uuid)` : sql``}
          order by q.created_at desc, q.id desc
          limit ${filter.limit}
        ) r
        left join reservations res on res.request_id = r.id and res.partner_id = ${filter.partnerId}::uuid
        order by r.created_at desc, r.id desc
        limit ${filter.limit}`,
  )
}

/**
 * How many open requests in the given countries (and type) were published after `publishedAfter`, which early
 * access still hides from the partner, and when the oldest of them was published.
 */
export async function countNotYetVisible(
  db: Executor,
  filter: { countries: string[]; type?: string | undefined; publishedAfter: Date },
): Promise<{ count: number; oldest: Date | null }> {
  if (filter.countries.length === 0) return { count: 0, oldest: null }
  const [row] = await queryRows<{ count: number; oldest: Date | string | null }>(
    db,
    sql`select count(*)::int as count, min(q.created_at) as oldest
        from requests q
        where q.country = any(${sql.param(filter.countries)}::char(2)[]) and q.status = 'open'
          and q.created_at > ${filter.publishedAfter.toISOString()}::timestamptz
          ${filter.type ? sql`and ${filter.type} = any(q.types)` : sql``}`,
  )
  return { count: row?.count ?? 0, oldest: row?.oldest ? new Date(row.oldest) : null }
}

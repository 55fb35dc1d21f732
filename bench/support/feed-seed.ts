import { REQUEST_TYPES } from '../../shared/domain/request-types'
import { queryRows, sql, type Database } from '../../app-server/db/client'

/** Relative request volume per country: a few large markets and a long tail of 60 countries in all. */
const WEIGHT_TIERS: [number, string][] = [
  [14, 'DE US'],
  [10, 'ES'],
  [8, 'BR'],
  [7, 'MX'],
  [6, 'PL'],
  [5, 'IT FR GB IN'],
  [4, 'TR CO AR'],
  [3, 'CL PE NL AT CH'],
  [2, 'BE PT CZ RO UA KZ AE ID VN PH EC GT'],
  [1, 'BO UY PY CR PA DO SE NO DK FI IE HU SK SI HR RS BG GR LT LV EE IL SA EG ZA NG KE MA TH MY'],
]

/** Each country repeated by its weight: picking a random element picks a weighted country. */
const WEIGHTED_COUNTRIES = WEIGHT_TIERS.flatMap(([weight, countries]) =>
  countries.split(' ').flatMap((country) => Array<string>(weight).fill(country)),
)
const COUNTRIES = sql`${sql.param(WEIGHTED_COUNTRIES)}::text[]`
const PICK_COUNTRY = sql`(${COUNTRIES})[1 + floor(random() * ${WEIGHTED_COUNTRIES.length})::int]`
const TYPES = sql`${sql.param([...REQUEST_TYPES])}::text[]`
const PICK_TYPE = sql`(${TYPES})[1 + floor(random() * ${REQUEST_TYPES.length})::int]`

export const COUNTRY_COUNT = new Set(WEIGHTED_COUNTRIES).size

/** Open requests created over the last 30 days (more of them recently), one or two types each. */
export async function seedFeedRequests(database: Database, howMany: number): Promise<void> {
  await database.db.execute(
    sql`insert into requests (country, city, types, description, users_count, preferred_language, contact_name,
                              contact_email, contact_phone, consented_at, status_token_hash, created_at, updated_at,
                              expires_at)
        select country, 'City ' || (g % 40), case when t2 is null or t2 = t1 then array[t1] else array[t1, t2] end,
               'We are looking for a Bitrix24 partner to set up CRM, tasks and telephony for about '
                 || users || ' people, with training for the team and help moving our data.',
               users, 'en', 'Client ' || g, 'client.' || g || '@example.com', '+4930' || (1000000 + g),
               created_at, md5(g::text), created_at, created_at, created_at + interval '30 days'
        from (
          select g, ${PICK_COUNTRY} as country, ${PICK_TYPE} as t1,
                 case when random() < 0.5 then ${PICK_TYPE} end as t2, 1 + floor(random() * 200)::int as users,
                 now() - power(random(), 1.5) * interval '30 days' as created_at
          from generate_series(1, ${howMany}::int) g
        ) s`,
  )
}

/** Eligible partners in weighted registered countries, each with 0–3 additional locations. */
export async function seedFeedPartners(database: Database, howMany: number): Promise<void> {
  await database.db.execute(
    sql`insert into partners (partner_code, company_name, registered_country, declared_status, approved, tutorial_completed_at)
        select 'FEED-' || g, 'Feed Partner ' || g, ${PICK_COUNTRY}, 'gold', true, now() - interval '90 days'
        from generate_series(1, ${howMany}::int) g`,
  )
  await database.db.execute(
    sql`insert into partner_locations (partner_id, country)
        select p.id, extra.country
        from partners p
        cross join lateral (
          select ${PICK_COUNTRY} as country
          from generate_series(1, floor(random() * 4)::int + (p.id is null)::int) k
        ) extra
        where extra.country <> p.registered_country
        on conflict do nothing`,
  )
}

/**
 * Active reservations by partners covering the request's country: 1–4 on each of `requestCount` random
 * requests, with the counters set to match, so the feed's per-partner join finds real rows.
 */
export async function seedFeedReservations(database: Database, requestCount: number): Promise<number> {
  await database.db.execute(
    sql`with coverage as (
          select id as partner_id, registered_country as country from partners
          union all select partner_id, country from partner_locations
        ),
        picked as (select id, country, created_at from requests order by random() limit ${requestCount}),
        candidates as (
          select p.id as request_id, c.partner_id, p.created_at,
                 row_number() over (partition by p.id order by random()) as n,
                 1 + abs(hashtext(p.id::text)) % 4 as wanted
          from picked p join coverage c on c.country = p.country
        )
        insert into reservations (request_id, partner_id, status, reserved_by_user_id, reserved_at)
        select request_id, partner_id, 'active', '1', created_at + interval '1 hour'
        from candidates where n <= wanted`,
  )
  await database.db.execute(
    sql`update requests r set reserved_count = x.n
        from (select request_id, count(*)::int as n from reservations where status = 'active' group by 1) x
        where r.id = x.request_id`,
  )
  const [row] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from reservations`)
  return row?.n ?? 0
}

export interface FeedPartner {
  id: string
  countries: string[]
}

export async function loadFeedPartners(database: Database): Promise<FeedPartner[]> {
  return queryRows<FeedPartner>(
    database.db,
    sql`select p.id, array[p.registered_country::text] || coalesce(array_agg(l.country::text) filter (where l.country is not null), '{}') as countries
        from partners p left join partner_locations l on l.partner_id = p.id
        group by p.id`,
  )
}

import { sql, type Database } from '../../app-server/db/client'

/** Countries the bench spreads partners and requests over. */
export const BENCH_COUNTRIES = [
  'DE',
  'FR',
  'ES',
  'IT',
  'PL',
  'NL',
  'AT',
  'CH',
  'BE',
  'PT',
  'CZ',
  'SE',
  'GB',
  'MX',
  'BR',
  'AR',
  'CO',
  'TR',
  'IN',
  'KZ',
]

/**
 * A console-sized world in a few set-based statements (generate_series, never row by row): partners with
 * locations, ratings, adjustments and portals; requests over a year; reservations with CRM states and outcomes;
 * returns, client feedback and audit entries.
 */
export async function seedConsoleWorld(
  database: Database,
  sizes: { partners: number; requests: number; days: number },
  log: (line: string) => void,
) {
  const db = database.db
  const countries = sql.raw(`array[${BENCH_COUNTRIES.map((c) => `'${c}'`).join(',')}]`)
  const n = BENCH_COUNTRIES.length
  const step = async (label: string, ...queries: ReturnType<typeof sql>[]) => {
    const started = performance.now()
    for (const query of queries) await db.execute(query)
    log(`  ${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`)
  }
  await step(
    'partners',
    sql`insert into partners (partner_code, company_name, registered_country, declared_status, approved,
          tutorial_completed_at, suspended_at, suspended_until, suspension_reason, contact_name, contact_email,
          created_at, updated_at)
        select 'P-' || lpad(g::text, 6, '0'), 'Partner Company ' || g, (${countries})[1 + g % ${n}],
               (array['bronze','silver','gold'])[1 + g % 3], g % 20 <> 0,
               case when g % 25 <> 0 then now() - interval '100 days' end,
               case when g % 50 = 7 then now() - interval '3 days' end,
               case when g % 100 = 7 then now() + interval '20 days' end,
               case when g % 50 = 7 then 'complaints' end,
               'Contact ' || g, 'partner' || g || '@example.com',
               now() - (g % 700) * interval '1 day', now()
        from generate_series(1, ${sizes.partners}::int) g`,
  )
  await step(
    'partner index, locations, ratings, adjustments, portals',
    sql`create temporary table bench_partner as
          select row_number() over (order by partner_code) - 1 as n, id, registered_country from partners`,
    sql`create unique index on bench_partner (n)`,
    sql`insert into partner_locations (partner_id, country)
          select id, (${countries})[1 + (n + 5) % ${n}] from bench_partner where n % 3 = 0`,
    sql`insert into partner_ratings (partner_id, won_weight, lost_weight, weights_at, won_count, lost_count, updated_at)
          select id, (n % 17)::float8, (n % 11)::float8, now() - (n % 60) * interval '1 day', n % 17, n % 11, now()
          from bench_partner where n % 5 <> 0`,
    sql`insert into portals (member_id, domain, client_endpoint, server_endpoint, scopes, status,
                             application_token_enc, partner_id, installed_at, app_version, last_event_at,
                             created_at, updated_at)
          select 'member' || n, 'p' || n || '.bitrix24.com', 'https://p' || n || '.bitrix24.com/rest/',
                 'https://oauth.bitrix.info/rest/', array['crm'],
                 case when n % 50 = 3 then 'needs_reauth' when n % 97 = 5 then 'uninstalled' else 'installed' end,
                 'x', id, now() - (n % 300) * interval '1 day', 1 + n % 3, now() - (n % 48) * interval '1 hour',
                 now(), now()
          from bench_partner where n % 5 <> 4`,
  )
  const managerId = sql`(select id from managers limit 1)`
  await step(
    'adjustments',
    sql`insert into rating_adjustments (partner_id, delta, reason, created_by, created_at)
        select id, (n % 21) - 10, 'bench adjustment', ${managerId}, now() - (n % 30) * interval '1 day'
        from bench_partner where n % 20 = 1 and (n % 21) <> 10`,
  )
  await step(
    `${sizes.requests.toLocaleString('en')} requests`,
    sql`insert into requests (country, city, types, description, users_count, preferred_language, contact_name,
                              contact_email, contact_phone, consented_at, status_token_hash, created_at, updated_at,
                              expires_at, status, close_reason, closed_at)
        select (${countries})[1 + (g * 7) % ${n}], 'City ' || (g % 500),
               case g % 4 when 0 then array['cloud_subscription'] when 1 then array['training', 'customization']
                          when 2 then array['integration'] else array['on_premise_license', 'installation_hosting'] end,
               'We need Bitrix24 for our team.', 5 + g % 200, 'en', 'Client ' || g, 'client' || g || '@example.com',
               '+4930' || (1000000 + g), t, md5(g::text), t, t, t + interval '30 days',
               case when t < now() - interval '30 days' then 'closed' else 'open' end,
               case when t < now() - interval '30 days' then 'expired' end,
               case when t < now() - interval '30 days' then t + interval '30 days' end
        from (select g, now() - (g::float8 / ${sizes.requests} * ${sizes.days}) * interval '1 day' as t
              from generate_series(1, ${sizes.requests}::int) g) s`,
  )
  // Slot j of request number g goes to a partner that covers nothing in particular: a spread of partner numbers.
  await step(
    'reservations',
    sql`create temporary table bench_request as
          select row_number() over (order by created_at) as g, id, created_at from requests`,
    sql`insert into reservations (request_id, partner_id, status, reserved_at, released_at, portal_id, crm_status,
                                  crm_lead_id, crm_synced_at, crm_last_error, outcome, outcome_at, rating_counted,
                                  rating_counted_at, crm_progress_at, release_reason)
        select r.id, p.id,
               case when (r.g + j) % 13 = 0 then 'released' else 'active' end,
               r.created_at + ((r.g * 31 + j * 17) % 2880) * interval '1 minute',
               case when (r.g + j) % 13 = 0 then r.created_at + interval '3 days' end,
               po.id,
               case when po.id is null then 'not_synced' when (r.g + j) % 997 = 0 then 'failed' else 'in_crm' end,
               case when po.id is not null and (r.g + j) % 997 <> 0 then (r.g * 10 + j)::text end,
               case when po.id is not null and (r.g + j) % 997 <> 0
                    then r.created_at + ((r.g * 31 + j * 17) % 2880) * interval '1 minute' + ((r.g + j) % 600) * interval '1 second' end,
               case when (r.g + j) % 997 = 0 then 'QUERY_LIMIT_EXCEEDED' end,
               o.outcome, case when o.outcome is not null then r.created_at + interval '12 days' end,
               o.outcome, case when o.outcome is not null then r.created_at + interval '12 days' end,
               case when o.outcome is not null then r.created_at + interval '2 days' end,
               case when (r.g + j) % 13 = 0 then 'partner' end
        from bench_request r
        cross join lateral generate_series(0, (array[0, 0, 1, 1, 2, 3, 4, 5])[1 + (r.g * 2654435761 % 8)::int] - 1) j
        join bench_partner p on p.n = (r.g * 37 + j * 2017) % ${sizes.partners}
        left join portals po on po.partner_id = p.id and po.status <> 'uninstalled'
        cross join lateral (select case when r.created_at > now() - interval '12 days' then null
                                        when (r.g + j) % 5 = 0 then 'won' when (r.g + j) % 5 in (1, 2) then 'lost'
                                   end as outcome) o
        where j < 5`,
  )
  await step(
    'reserved counts',
    sql`update requests q set reserved_count = c.n,
               status = case when c.n = 5 then 'closed' else q.status end,
               close_reason = case when c.n = 5 then 'fully_served' else q.close_reason end,
               closed_at = case when c.n = 5 then coalesce(q.closed_at, q.created_at + interval '2 days') else q.closed_at end
        from (select request_id, count(*) filter (where status = 'active') as n from reservations group by 1) c
        where c.request_id = q.id`,
  )
  await step(
    'returns, feedback, audit',
    sql`insert into reservation_returns (reservation_id, request_id, partner_id, reason, comment, status, created_at)
          select id, request_id, partner_id, (array['unreachable','spam','duplicate','out_of_scope'])[1 + abs(hashtext(id::text)) % 4],
                 'no answer', case when reserved_at > now() - interval '7 days' then 'pending' else 'rejected' end,
                 reserved_at + interval '1 day'
          from reservations where abs(hashtext(id::text)) % 400 = 0`,
    sql`insert into client_feedback (request_id, reservation_id, partner_id, response_speed, service_quality, comment,
                                     created_at, updated_at)
          select request_id, id, partner_id, 1 + abs(hashtext(id::text)) % 5, 1 + abs(hashtext(id::text) / 7) % 5,
                 'fine', reserved_at + interval '8 days', reserved_at + interval '8 days'
          from reservations where abs(hashtext(id::text)) % 50 = 1`,
    sql`insert into audit_log (at, actor_type, actor_id, action, entity_type, entity_id, after)
          select reserved_at, 'partner', partner_id::text, 'reservation.created', 'reservation', id::text,
                 jsonb_build_object('requestId', request_id)
          from reservations where abs(hashtext(id::text)) % 10 = 2`,
    sql`update requests set close_reason = 'under_review', status = 'closed'
          where id in (select request_id from reservation_returns where status = 'pending' limit 40)`,
  )
  await step('analyze', sql`analyze`)
}

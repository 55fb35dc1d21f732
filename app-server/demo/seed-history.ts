import { sql } from 'drizzle-orm'
import type { AppContext } from '../context'
import { queryRows } from '../db/client'
import { emit } from '../events'

/** The weeks of history the demo's console shows. */
const HISTORY_DAYS = 56
const HISTORY_REQUESTS = 240
/** Countries of the back-dated requests: the demo partners' locations and a few they do not cover. */
const HISTORY_COUNTRIES = ['DE', 'AT', 'CH', 'ES', 'DE', 'FR', 'IT', 'MX']

/**
 * Eight weeks of back-dated history for the managers' console: requests in several countries, reservations by
 * the approved demo partners with their leads in the CRM (a few failed), Won and Lost outcomes, bad-lead returns
 * waiting for a decision and client feedback. Live flows cannot make the past, so this writes the rows directly
 * (set-based, relative to now; see FOREIGN_WRITES in db/table-owners.ts), then emits each outcome as the CRM sync
 * would, so the worker counts them in the partners' ratings. The history's clients are made up and say so.
 */
export async function seedHistory(ctx: AppContext): Promise<void> {
  const db = ctx.db
  const [seeded] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from requests where contact_email like '%@history.demo.example'`,
  )
  if ((seeded?.n ?? 0) > 0) return
  const countries = sql.raw(`array[${HISTORY_COUNTRIES.map((country) => `'${country}'`).join(',')}]`)
  const now = sql`${ctx.clock.now().toISOString()}::timestamptz`
  await db.execute(sql`
    insert into requests (country, city, types, description, users_count, preferred_language, contact_name,
                          contact_company, contact_email, contact_phone, consented_at, status_token_hash,
                          created_at, updated_at, expires_at, status, close_reason, closed_at)
    select (${countries})[1 + g % ${HISTORY_COUNTRIES.length}],
           (array['Berlin', 'Vienna', 'Zurich', 'Madrid', 'Munich', 'Lyon', 'Milan', 'Monterrey'])[1 + g % 8],
           case g % 5 when 0 then array['cloud_subscription', 'training'] when 1 then array['integration']
                      when 2 then array['customization'] when 3 then array['on_premise_license']
                      else array['telephony', 'workflow_automation'] end,
           'Demo history: a made-up request to fill the managers'' charts.', 5 + (g * 7) % 150, 'en',
           'History client ' || g, 'History Co ' || g, 'client' || g || '@history.demo.example',
           '+4930' || (7000000 + g), t, md5('history' || g || random()::text), t, t, t + interval '30 days',
           case when t < ${now} - interval '30 days' then 'closed' else 'open' end,
           case when t < ${now} - interval '30 days' then 'expired' end,
           case when t < ${now} - interval '30 days' then t + interval '30 days' end
    from (select g, ${now} - ((g::float8 / ${HISTORY_REQUESTS}) * ${HISTORY_DAYS} + 0.1) * interval '1 day' as t
          from generate_series(1, ${HISTORY_REQUESTS}::int) g) s`)
  await db.execute(sql`
    with partner as (
      select row_number() over (order by p.partner_code) - 1 as n, count(*) over () as total, p.id,
             (select po.id from portals po where po.partner_id = p.id and po.status = 'installed' limit 1) as portal_id
      from partners p where p.approved
    ),
    request as (
      select row_number() over (order by created_at) as g, id, created_at from requests
      where contact_email like '%@history.demo.example'
    )
    insert into reservations (request_id, partner_id, status, reserved_at, released_at, portal_id, crm_status,
                              crm_lead_id, crm_synced_at, crm_last_error, outcome, outcome_at, crm_progress_at,
                              release_reason)
    select r.id, p.id, case when (r.g + j) % 29 = 0 then 'released' else 'active' end,
           r.created_at + ((r.g * 7 + j * 5) % 40 + 1) * interval '1 hour',
           case when (r.g + j) % 29 = 0 then r.created_at + interval '3 days' end,
           p.portal_id,
           case when p.portal_id is null then 'not_synced' when (r.g + j) % 37 = 0 then 'failed' else 'in_crm' end,
           case when p.portal_id is not null and (r.g + j) % 37 <> 0 then (900000 + r.g * 10 + j)::text end,
           case when p.portal_id is not null and (r.g + j) % 37 <> 0
                then r.created_at + ((r.g * 7 + j * 5) % 40 + 1) * interval '1 hour' + ((r.g * 13) % 240 + 5) * interval '1 second' end,
           case when p.portal_id is not null and (r.g + j) % 37 = 0 then 'QUERY_LIMIT_EXCEEDED: the portal refused the call' end,
           o.outcome, case when o.outcome is not null then r.created_at + ((r.g % 9) + 6) * interval '1 day' end,
           case when o.outcome is not null then r.created_at + interval '2 days' end,
           case when (r.g + j) % 29 = 0 then 'partner' end
    from request r
    cross join lateral generate_series(0, (r.g * 7) % 5 - 1) j
    join partner p on p.n = (r.g + j * 2) % p.total
    cross join lateral (select case when r.created_at > ${now} - interval '14 days' or (r.g + j) % 37 = 0 then null
                                    when (r.g * 3 + j) % 5 in (0, 1) then 'won'
                                    when (r.g * 3 + j) % 5 = 2 then 'lost' end as outcome) o
    on conflict do nothing`)
  // Three recent undecided leads handed back as bad leads, waiting for a manager.
  await db.execute(sql`
    with picked as (
      select res.id, res.request_id, res.partner_id, res.reserved_at from reservations res
      join requests q on q.id = res.request_id
      where q.contact_email like '%@history.demo.example' and res.outcome is null and res.status = 'active'
        and res.crm_status = 'in_crm' and res.reserved_at > ${now} - interval '6 days'
      order by res.reserved_at desc limit 3
    ),
    released as (
      update reservations set status = 'released', released_at = picked.reserved_at + interval '1 day',
             release_reason = 'returned'
      from picked where reservations.id = picked.id returning reservations.id
    )
    insert into reservation_returns (reservation_id, request_id, partner_id, reason, comment, created_at)
    select picked.id, picked.request_id, picked.partner_id,
           (array['unreachable', 'duplicate', 'out_of_scope'])[1 + (row_number() over ())::int % 3],
           'Nobody answered the phone or the e-mail for a week.', picked.reserved_at + interval '1 day'
    from picked join released on released.id = picked.id`)
  // History is finished business: an undecided lead was released long ago, so the demo partners' open
  // reservations stay the live demo's own (and within their tier's limit); failed pushes stay for the lead-sync queue.
  await db.execute(sql`
    update reservations res set status = 'released', release_reason = 'partner',
           released_at = least(res.reserved_at + interval '3 days', ${now})
    from requests q
    where q.id = res.request_id and q.contact_email like '%@history.demo.example'
      and res.status = 'active' and res.outcome is null and res.crm_status <> 'failed'`)
  // The slots taken, counted once every release (returns and old undecided leads) is done.
  await db.execute(sql`
    update requests q set reserved_count = coalesce(c.n, 0)
    from (select q2.id, count(r.id) filter (where r.status = 'active')::int as n
          from requests q2 left join reservations r on r.request_id = q2.id
          where q2.contact_email like '%@history.demo.example' group by q2.id) c
    where c.id = q.id`)
  await db.execute(sql`
    insert into client_feedback (request_id, reservation_id, partner_id, response_speed, service_quality, comment,
                                 created_at, updated_at)
    select res.request_id, res.id, res.partner_id, 2 + (row_number() over ())::int % 4,
           1 + (row_number() over ())::int % 5, 'Demo history: a made-up rating.',
           res.reserved_at + interval '8 days', res.reserved_at + interval '8 days'
    from reservations res join requests q on q.id = res.request_id
    where q.contact_email like '%@history.demo.example' and res.outcome is not null
    order by res.reserved_at limit 14`)
  const outcomes = await queryRows<{
    id: string
    partner_id: string
    outcome: 'won' | 'lost'
    outcome_at: Date | string
  }>(
    db,
    sql`select res.id, res.partner_id, res.outcome, res.outcome_at from reservations res
        join requests q on q.id = res.request_id
        where q.contact_email like '%@history.demo.example' and res.outcome is not null`,
  )
  for (const row of outcomes) {
    await emit(db, 'reservation.outcome_recorded', {
      reservationId: row.id,
      partnerId: row.partner_id,
      outcome: row.outcome,
      occurredAt: new Date(row.outcome_at).toISOString(),
    })
  }
}

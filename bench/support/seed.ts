import { queryRows, sql, type Database } from '../../app-server/db/client'

/**
 * Eligible partners (approved, tutorial done) registered in `country`, inserted in one statement;
 * returns their ids in creation order.
 */
export async function seedPartners(database: Database, howMany: number, country = 'DE'): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    database.db,
    sql`insert into partners (partner_code, company_name, registered_country, declared_status, approved, tutorial_completed_at)
        select 'BENCH-' || ${country} || '-' || g || '-' || md5(random()::text), 'Bench Partner ' || g, ${country},
               'silver', true, now() - interval '1 day'
        from generate_series(1, ${howMany}::int) g
        returning id`,
  )
  return rows.map((row) => row.id)
}

/** Open requests in `country` created over the last `howMany` seconds; returns their ids. */
export async function seedOpenRequests(database: Database, howMany: number, country = 'DE'): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    database.db,
    sql`insert into requests (country, city, types, description, users_count, preferred_language, contact_name,
                              contact_email, contact_phone, consented_at, status_token_hash, created_at, updated_at,
                              expires_at)
        select ${country}, 'Berlin', array['cloud_subscription', 'training'],
               'We need Bitrix24 CRM and tasks for our sales team, with training.', 25, 'de', 'Client ' || g,
               'client.' || g || '.' || md5(random()::text) || '@example.com', '+4930' || (1000000 + g), now(),
               md5(random()::text), now() - g * interval '1 second', now(), now() + interval '30 days'
        from generate_series(1, ${howMany}::int) g
        returning id`,
  )
  return rows.map((row) => row.id)
}

export async function vacuumAnalyze(database: Database): Promise<void> {
  await database.db.execute(sql`vacuum (analyze) requests, reservations, partners, partner_locations, audit_log`)
}

import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { ManualClock } from '../app-server/clock'
import { loadConfig } from '../app-server/config'
import type { AppContext } from '../app-server/context'
import { openDatabase, queryRows, sql, type Database } from '../app-server/db/client'
import { runMigrations } from '../app-server/db/migrate'
import { eventJobDefinitions } from '../app-server/events'
import { Worker } from '../app-server/jobs/worker'
import { createLogger } from '../app-server/logger'
import { ratingEventHandlers } from '../app-server/modules/rating'

/**
 * Rating recomputation after Won/Lost events: 10,000 partners with 100 reservations each (1,000,000
 * reservations), `reservation.outcome_recorded` events handled by a worker with the rating's handlers, as in
 * production (dispatch, then the rating's deliveries, in the worker's batches). The same number of events is
 * handled with 1,000 partners seeded and again with 10,000: per-event cost must not grow with the partners.
 * PGlite by default (a throwaway directory); DATABASE_URL=postgres://… runs on a fresh database of that server.
 */
const PARTNERS_STEPS = [1_000, 10_000]
const RESERVATIONS_PER_PARTNER = 100
const EVENTS_PER_RUN = Number(process.env.RATING_BENCH_EVENTS ?? 20_000)
const WARMUP_EVENTS = 1_000
const ACTIVE_PARTNERS = 1_000

/** `howMany` distinct partner numbers out of 0..`of`-1. */
function sample(of: number, howMany: number): number[] {
  const all = Array.from({ length: of }, (_, i) => i)
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[all[i], all[j]] = [all[j]!, all[i]!]
  }
  return all.slice(0, howMany)
}

interface BenchDb {
  database: Database
  label: string
  cleanup(): Promise<void>
}

async function openBenchDatabase(): Promise<BenchDb> {
  const url = process.env.DATABASE_URL
  if (!url) {
    const dir = mkdtempSync(join(tmpdir(), 'rating-bench-'))
    const database = await openDatabase({ pgliteDir: dir })
    await runMigrations(database)
    return {
      database,
      label: `PGlite in ${dir}`,
      cleanup: async () => {
        await database.close()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  }
  const name = `bench_rating_${Date.now()}`
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await client.query(text).finally(() => client.end())
  }
  await admin(`create database ${name}`)
  const target = new URL(url)
  target.pathname = `/${name}`
  const database = await openDatabase({ databaseUrl: target.toString(), poolSize: 4 })
  await runMigrations(database)
  return {
    database,
    label: `PostgreSQL database ${name}`,
    cleanup: async () => {
      await database.close()
      await admin(`drop database if exists ${name} with (force)`)
    },
  }
}

/**
 * Partners `from`..`to`-1 of the bench, each with 100 reservations whose leads are in the CRM. Request k is held
 * by five consecutive partners, as a fully served request is.
 */
async function seed(database: Database, from: number, to: number) {
  const db = database.db
  const count = to - from
  await db.execute(sql`
    insert into partners (partner_code, company_name, registered_country, declared_status, approved, tutorial_completed_at)
    select 'RB-' || g, 'Rating Bench ' || g, 'DE', 'silver', true, now() - interval '1 day'
    from generate_series(${from}::int, ${to - 1}::int) g`)
  // Requests for this block: every 5 partners share 100 requests.
  await db.execute(sql`
    insert into requests (id, country, city, types, description, users_count, preferred_language, contact_name,
                          contact_email, contact_phone, consented_at, status, close_reason, reserved_count,
                          status_token_hash, created_at, updated_at, expires_at)
    select md5('rb-request-' || g)::uuid, 'DE', 'Berlin', array['cloud_subscription'], 'Bench request', 10, 'de',
           'Client ' || g, 'rb.' || g || '@example.com', '+4930' || (1000000 + g), now(), 'closed', 'fully_served', 5,
           md5(g::text), now() - interval '40 days', now(), now() - interval '10 days'
    from generate_series(${(from / 5) * RESERVATIONS_PER_PARTNER}::int, ${(to / 5) * RESERVATIONS_PER_PARTNER - 1}::int) g`)
  await db.execute(sql`
    insert into reservations (request_id, partner_id, status, reserved_at, crm_status, crm_lead_id, crm_synced_at)
    select md5('rb-request-' || ((p.n / 5) * ${RESERVATIONS_PER_PARTNER} + j))::uuid, p.id, 'active',
           now() - (j || ' hours')::interval, 'in_crm', (p.n * ${RESERVATIONS_PER_PARTNER} + j)::text, now()
    from (select id, substring(partner_code from 4)::int as n from partners
          where partner_code like 'RB-%' and substring(partner_code from 4)::int between ${from} and ${to - 1}) p
    cross join generate_series(0, ${RESERVATIONS_PER_PARTNER - 1}) j`)
  // Vacuum as autovacuum would have long since done on a live database: the first touch of a freshly bulk-loaded
  // row otherwise writes its page again (hint bits), which would be measured as the cost of an event.
  await db.execute(sql`vacuum analyze partners, requests, reservations`)
  return count
}

/**
 * Records `howMany` outcomes for random reservations of all seeded partners, as crm-sync does when it learns
 * one: the outcome on the reservation and a `reservation.outcome_recorded` event. A reservation picked twice
 * gets two events and keeps one of the outcomes (a deal reopened and lost).
 */
async function appendEvents(database: Database, partners: number[], howMany: number) {
  // Random partners of the given ones and random reservations of theirs, found through the unique indexes the
  // seed's ids follow.
  await database.db.execute(sql`
    with pick as (
      select r.id, r.partner_id, case when random() < 0.35 then 'won' else 'lost' end as outcome,
             now() - (random() * 200 || ' days')::interval as occurred_at
      from (select (${sql.param(partners)}::int[])[1 + floor(random() * ${partners.length})::int] as n,
                   floor(random() * ${RESERVATIONS_PER_PARTNER})::int as j
            from generate_series(1, ${howMany}::int)) picked
      join partners p on p.partner_code = 'RB-' || picked.n
      join reservations r on r.partner_id = p.id
        and r.request_id = md5('rb-request-' || ((picked.n / 5) * ${RESERVATIONS_PER_PARTNER} + picked.j))::uuid
    ), stored as (
      update reservations r set outcome = pick.outcome, outcome_at = pick.occurred_at
      from pick where r.id = pick.id
    )
    insert into jobs (name, key, payload)
    select 'event:reservation.outcome_recorded', gen_random_uuid()::text,
           jsonb_build_object('reservationId', id, 'partnerId', partner_id, 'outcome', outcome,
                              'occurredAt', to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
    from pick`)
}

async function measure(worker: Worker, database: Database, partners: number[], howMany: number) {
  await appendEvents(database, partners, howMany)
  const started = performance.now()
  // Every event is one dispatch job and one delivery to the rating.
  const jobs = await worker.drain(Number.MAX_SAFE_INTEGER)
  const seconds = (performance.now() - started) / 1000
  const applied = jobs / 2
  return { applied, seconds, perSecond: applied / seconds, msPerEvent: (seconds * 1000) / applied }
}

async function main() {
  const bench = await openBenchDatabase()
  console.log(`rating recompute after outcome events — ${bench.label}, node ${process.version}`)
  const ctx: AppContext = {
    db: bench.database.db,
    clock: new ManualClock(new Date()),
    logger: createLogger({ level: 'warn' }),
    config: loadConfig({}),
    appSecret: 'rating-bench-secret-that-is-long-enough-0123456789',
  }
  // Only the rating's handlers, the worker's default batch: the jobs a production worker would run for these events.
  const worker = new Worker({
    db: ctx.db,
    logger: ctx.logger,
    clock: ctx.clock,
    definitions: eventJobDefinitions(ctx.db, [ratingEventHandlers(ctx)]),
  })
  const results: { partners: number; reservations: number; applied: number; perSecond: number; ms: number }[] = []
  try {
    let seeded = 0
    for (const partners of PARTNERS_STEPS) {
      const seedStart = performance.now()
      await seed(bench.database, seeded, partners)
      seeded = partners
      const [{ n }] = (await queryRows<{ n: number }>(
        bench.database.db,
        sql`select count(*)::int as n from reservations`,
      )) as [{ n: number }]
      console.log(
        `seeded ${partners.toLocaleString('en')} partners, ${n.toLocaleString('en')} reservations in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
      )
      // The same work in both steps: events for 1,000 partners picked at random among all seeded ones, so only
      // the number of partners in the database differs.
      const active = sample(partners, ACTIVE_PARTNERS)
      await measure(worker, bench.database, active, WARMUP_EVENTS)
      const run = await measure(worker, bench.database, active, EVENTS_PER_RUN)
      results.push({ partners, reservations: n, applied: run.applied, perSecond: run.perSecond, ms: run.msPerEvent })
      console.log(
        `  ${run.applied.toLocaleString('en')} events of ${ACTIVE_PARTNERS.toLocaleString('en')} partners in ${run.seconds.toFixed(2)} s: ${Math.round(run.perSecond).toLocaleString('en')} events/s, ${run.msPerEvent.toFixed(3)} ms/event`,
      )
      if (partners === PARTNERS_STEPS.at(-1)) {
        const everyone = await measure(worker, bench.database, sample(partners, partners), EVENTS_PER_RUN)
        console.log(
          `  ${everyone.applied.toLocaleString('en')} events spread over all ${partners.toLocaleString('en')} partners in ${everyone.seconds.toFixed(2)} s: ${Math.round(everyone.perSecond).toLocaleString('en')} events/s, ${everyone.msPerEvent.toFixed(3)} ms/event`,
        )
      }
    }
    const [small, large] = [results[0]!, results.at(-1)!]
    const growth = large.ms / small.ms
    console.log('\npartners  reservations  events  events/s  ms/event')
    for (const row of results) {
      console.log(
        `${String(row.partners).padStart(8)}  ${String(row.reservations).padStart(12)}  ${String(row.applied).padStart(6)}  ${String(Math.round(row.perSecond)).padStart(8)}  ${row.ms.toFixed(3).padStart(8)}`,
      )
    }
    // Ten times the partners must not cost noticeably more per event (the work touches one reservation and one
    // rating row, found by primary key); 1.5 leaves room for deeper indexes, cache effects and a busy machine.
    const pass = growth < 1.5
    console.log(
      `${pass ? 'PASS' : 'FAIL'}  per-event cost at ${large.partners.toLocaleString('en')} partners is ${growth.toFixed(2)}× that at ${small.partners.toLocaleString('en')} (target < 1.5×)`,
    )
    const [check] = await queryRows<{ wrong: number }>(
      bench.database.db,
      sql`select count(*)::int as wrong from partner_ratings pr
          where pr.won_count + pr.lost_count <> (select count(*) from reservations r
                                                 where r.partner_id = pr.partner_id and r.rating_counted is not null)`,
    )
    console.log(
      `${check!.wrong === 0 ? 'PASS' : 'FAIL'}  counts agree with the reservations: ${check!.wrong} partner(s) off`,
    )
    process.exitCode = pass && check!.wrong === 0 ? 0 : 1
  } finally {
    await bench.cleanup()
  }
}

await main()

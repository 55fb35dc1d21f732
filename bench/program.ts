import { ManualClock } from '../app-server/clock'
import { loadConfig } from '../app-server/config'
import type { AppContext } from '../app-server/context'
import { queryRows, sql } from '../app-server/db/client'
import { createLogger } from '../app-server/logger'
import { evaluatePartner, runProgramDay } from '../app-server/modules/program'
import { createBenchDatabase } from './support/bench-database'
import { percentile } from './support/report'

/**
 * The Partner Program's nightly run on PostgreSQL: 10,000 partners and 1,000,000 orders (100 per partner over two
 * years), with users, Tutorial completions, NFR claims, accepted evidence and Silver/Gold upgrades, all seeded with
 * generate_series. The run (evaluate every partner in the program, record the transitions due, refresh the queues)
 * is timed with 1,000 partners in the program and again with all 10,000, on the same 1,000,000-order ledger: the
 * cost per partner must not grow with their number. Then one partner's evaluation, as the API computes it, 300
 * times: its p95 (target < 20 ms). BENCH_DATABASE_URL names the server; the bench creates and drops `bench_<time>`.
 */
process.env.BENCH_DATABASE_URL ||= 'postgres://postgres@127.0.0.1:5432/test'
const PARTNERS = 10_000
const ORDERS = 1_000_000
const FIRST_STEP = 1_000
const SINGLE_SAMPLES = 300
const SINGLE_P95_TARGET_MS = 20
const NOW = new Date('2027-06-01T03:00:00Z')

async function main() {
  const bench = await createBenchDatabase(4)
  const { db } = bench.database
  const ctx: AppContext = {
    db,
    clock: new ManualClock(NOW),
    logger: createLogger({ level: 'warn' }),
    config: loadConfig({}),
    appSecret: 'bench-secret-that-is-long-enough-for-hmac-0123456789',
  }
  try {
    console.log(`Program bench on PostgreSQL database ${bench.name}`)
    let started = performance.now()
    await seed(ctx, NOW)
    console.log(
      `seeded ${PARTNERS} partners, ${ORDERS} orders in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    )

    const steps: { partners: number; ms: number }[] = []
    for (const partners of [FIRST_STEP, PARTNERS]) {
      await db.execute(sql`delete from program_verdicts where kind <> 'upgraded'`)
      await db.execute(sql`
        insert into program_memberships (partner_id, approved_at, level_since, created_at, updated_at)
        select id, approved_at, approved_at, now(), now() from bench_partner_facts where n <= ${partners}
        on conflict do nothing`)
      await db.execute(sql`analyze`)
      started = performance.now()
      const result = await runProgramDay(ctx)
      const ms = performance.now() - started
      steps.push({ partners, ms })
      console.log(
        `nightly run, ${partners} partners: ${(ms / 1000).toFixed(2)} s, ${(ms / partners).toFixed(3)} ms per partner ` +
          `(evaluated ${result.evaluated}, verdicts recorded ${result.recorded})`,
      )
    }
    started = performance.now()
    const again = await runProgramDay(ctx)
    const againMs = performance.now() - started
    console.log(
      `same day again, ${PARTNERS} partners: ${(againMs / 1000).toFixed(2)} s, verdicts recorded ${again.recorded} (idempotent)`,
    )
    const [small, large] = steps as [{ partners: number; ms: number }, { partners: number; ms: number }]
    const growth = large.ms / large.partners / (small.ms / small.partners)
    console.log(
      `per-partner cost at ${large.partners} / at ${small.partners}: ${growth.toFixed(2)} ` +
        `(${growth <= 1.5 ? 'no worse than linear' : 'WORSE THAN LINEAR'})`,
    )

    const ids = await queryRows<{ id: string }>(
      db,
      sql`select id from bench_partner_facts order by random() limit ${SINGLE_SAMPLES}`,
    )
    const times: number[] = []
    for (const { id } of ids) {
      const t0 = performance.now()
      await evaluatePartner(db, id, NOW)
      times.push(performance.now() - t0)
    }
    times.sort((a, b) => a - b)
    const p95 = percentile(times, 0.95)
    console.log(
      `one partner's evaluation (${times.length} samples, ~${ORDERS / PARTNERS} orders each): p50 ` +
        `${percentile(times, 0.5).toFixed(2)} ms, p95 ${p95.toFixed(2)} ms (target < ${SINGLE_P95_TARGET_MS} ms: ` +
        `${p95 < SINGLE_P95_TARGET_MS ? 'met' : 'MISSED'})`,
    )
    if (growth > 1.5 || p95 >= SINGLE_P95_TARGET_MS) process.exitCode = 1
  } finally {
    await bench.drop()
  }
}

/** Partners and their facts, spread over two years before `now`. */
async function seed(ctx: AppContext, now: Date) {
  const { db } = ctx
  const at = now.toISOString()
  await db.execute(sql`
    create table bench_partner_facts as
    select n, gen_random_uuid() as id, ${at}::timestamptz - ((100 + n % 600) * interval '1 day') as approved_at
    from generate_series(1, ${PARTNERS}) as n`)
  await db.execute(sql`
    insert into partners (id, partner_code, company_name, registered_country, approved, created_at, updated_at)
    select id, 'B-' || n, 'Bench partner ' || n, 'DE', true, approved_at, approved_at from bench_partner_facts`)
  await db.execute(sql`
    insert into partner_users (id, partner_id, name, store_login, status, added_at, decided_at)
    select gen_random_uuid(), id, 'User ' || n, 'user' || n, 'approved', approved_at, approved_at
    from bench_partner_facts`)
  // Nine in ten complete the Tutorial and claim an NFR account in time; the rest are cancelled at day 90.
  await db.execute(sql`
    insert into course_completions (partner_user_id, partner_id, course, completed_at, recorded_at)
    select u.id, u.partner_id, 'partner_program_tutorial', f.approved_at + interval '10 days', f.approved_at
    from partner_users u join bench_partner_facts f on f.id = u.partner_id where f.n % 10 <> 0`)
  await db.execute(sql`
    insert into nfr_claims (partner_id, kind, granted_at, ends_at, recorded_at)
    select id, 'cloud', approved_at + interval '20 days', approved_at + interval '200 days', approved_at
    from bench_partner_facts where n % 10 <> 0`)
  await db.execute(sql`
    insert into program_evidence (partner_id, kind, link, status, submitted_at, decided_at)
    select f.id, k.kind, 'https://example.com/' || f.n, 'accepted', f.approved_at + interval '30 days',
           f.approved_at + interval '31 days'
    from bench_partner_facts f
    cross join (values ('website_endorsement'), ('social_endorsement'), ('first_line_support')) as k(kind)
    where f.n % 2 = 0`)
  // Three in ten were confirmed Silver at day 120, one in ten Gold at day 300 (when old enough).
  await db.execute(sql`
    insert into program_verdicts (partner_id, kind, at, level_before, level_after, config_version, explanation,
                                  actor_type, recorded_at)
    select id, 'upgraded', approved_at + interval '120 days', 'bronze', 'silver', 1, '{}'::jsonb, 'manager',
           approved_at + interval '120 days'
    from bench_partner_facts where n % 10 in (1, 2, 3) and approved_at + interval '120 days' < ${at}::timestamptz`)
  await db.execute(sql`
    insert into program_verdicts (partner_id, kind, at, level_before, level_after, config_version, explanation,
                                  actor_type, recorded_at)
    select id, 'upgraded', approved_at + interval '300 days', 'silver', 'gold', 1, '{}'::jsonb, 'manager',
           approved_at + interval '300 days'
    from bench_partner_facts where n % 10 = 1 and approved_at + interval '300 days' < ${at}::timestamptz`)
  await db.execute(sql`
    insert into program_orders (partner_id, source, external_id, ordered_at, client_company, client_key, currency,
                                amount_minor, rate, program_amount_minor, lines, created_at)
    select f.id, 'store', 'O-' || o, ${at}::timestamptz - ((o * 7919 % 730) * interval '1 day'),
           'Client ' || (o % 37), 'client ' || (o % 37), 'USD', 5000 + (o * 104729 % 300000), 1,
           5000 + (o * 104729 % 300000), '[]'::jsonb, ${at}::timestamptz
    from generate_series(1::bigint, ${ORDERS}::bigint) as o
    join bench_partner_facts f on f.n = 1 + (o % ${PARTNERS})`)
  await db.execute(sql`analyze`)
}

await main()

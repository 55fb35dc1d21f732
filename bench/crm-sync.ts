import { queryRows, sql, type Database } from '../app-server/db/client'
import { createPortalEmulator, type PortalEmulator, type PortalHandle } from '../emulator'
import { startBenchWorker } from './support/bench-app'
import { timedCall, type Sample } from './support/load'
import { percentile } from './support/report'
import { runBench, type BenchContext } from './support/run-bench'
import { seedOpenRequests, seedPartners } from './support/seed'

/**
 * Lead sync against emulated portals with Bitrix24's documented limit (burst 50, drain 2 per second):
 * 1. throughput: a backlog of reservations per portal (written straight to the database, as the reserve path
 *    would; that path has its own bench), then the worker starts; leads per second per portal once the burst is
 *    spent, against the 2 × 50 = 100 leads per second that `batch` allows. The burst's 50 × 50 leads are counted
 *    as if they had cost no time at all, so the figure is a lower bound;
 * 2. latency: reservations at a steady, sustainable rate; reserve-to-lead p50/p99.
 */
const PORTALS = 2
const BACKLOG_PER_PORTAL = Number(process.env.BENCH_BACKLOG_PER_PORTAL ?? 8_000)
const STEADY_RATE_PER_PORTAL = 10
const STEADY_SECONDS = 20
const CLIENT_ID = 'local.bench.crmsync'
const CLIENT_SECRET = 'bench-secret-of-crm-sync'
/** The emulator's default bucket, as Bitrix24 documents it for most plans. */
const BURST = 50
const DRAIN_PER_SECOND = 2
const BATCH = 50
const ALLOWED_LEADS_PER_SECOND = DRAIN_PER_SECOND * BATCH
const TARGET_SHARE = 0.9

interface LinkedPortal {
  portal: PortalHandle
  partnerId: string
  portalId: string
  token: string
}

async function main() {
  const emulator = createPortalEmulator()
  const emulatorServer = await emulator.listen()
  const env = {
    B24_CLIENT_ID: CLIENT_ID,
    B24_CLIENT_SECRET: CLIENT_SECRET,
    B24_OAUTH_URL: emulatorServer.url,
    B24_ALLOW_HTTP: 'true',
  }
  try {
    await runBench(
      `Lead sync: ${PORTALS} emulated portals, burst ${BURST}, drain ${DRAIN_PER_SECOND}/s`,
      env,
      (bench) => measure(bench, emulator, env),
    )
  } finally {
    await emulatorServer.close()
  }
}

async function measure(bench: BenchContext, emulator: PortalEmulator, env: Record<string, string>) {
  const { baseUrl } = bench.app
  emulator.registerApp({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    handlerUrl: `${baseUrl}/partner/`,
    installUrl: `${baseUrl}/partner/install`,
    installEventUrl: `${baseUrl}/b24/events`,
    scopes: ['crm', 'placement', 'user_brief'],
  })
  const partnerIds = await seedPartners(bench.database, PORTALS)
  const linked: LinkedPortal[] = []
  for (const partnerId of partnerIds) linked.push(await installAndLink(bench, emulator, partnerId))
  // The install spent some of each bucket; start the measurement with a full burst available.
  await sleep((BURST / DRAIN_PER_SECOND) * 1_000)

  console.log(`\n1. Throughput: ${BACKLOG_PER_PORTAL} reservations per portal waiting, then the worker starts`)
  const backlog = await seedOpenRequests(bench.database, BACKLOG_PER_PORTAL)
  await seedBacklog(bench.database, linked, backlog)
  const worker = startBenchWorker(bench.databaseUrl, bench.app.appSecret, {
    ...env,
    LOG_LEVEL: process.env.BENCH_WORKER_LOG_LEVEL ?? 'warn',
  })
  let failed = false
  try {
    const workerStarted = Date.now()
    await waitUntilSynced(bench.database, linked.length * backlog.length, 600_000)
    console.log(
      `all ${linked.length * backlog.length} leads written in ${((Date.now() - workerStarted) / 1000).toFixed(1)} s`,
    )
    for (const { portal, portalId } of linked) {
      const rate = await pastBurstRate(bench.database, portalId, workerStarted)
      const share = rate / ALLOWED_LEADS_PER_SECOND
      if (share < TARGET_SHARE) failed = true
      console.log(
        `portal ${portal.memberId.slice(0, 8)}: ${rate.toFixed(1)} leads/s past the burst = ${(share * 100).toFixed(1)}% ` +
          `of the ${ALLOWED_LEADS_PER_SECOND} leads/s the limit allows with batch ` +
          `(target ≥ ${TARGET_SHARE * 100}%) ${share >= TARGET_SHARE ? 'PASS' : 'FAIL'}`,
      )
      if (!exactlyOnce(portal, backlog.length)) failed = true
    }

    console.log(
      `\n2. Latency: ${STEADY_RATE_PER_PORTAL} reservations/s per portal for ${STEADY_SECONDS} s, worker running`,
    )
    await sleep((BURST / DRAIN_PER_SECOND) * 1_000)
    const steady = await seedOpenRequests(bench.database, STEADY_RATE_PER_PORTAL * STEADY_SECONDS)
    const started = new Date()
    if ((await reserveSteadily(baseUrl, linked, steady)) > 0) failed = true
    await waitUntilSynced(bench.database, linked.length * (backlog.length + steady.length), 120_000)
    const latencies = await reserveToLeadMs(bench.database, started)
    console.log(
      `reserve-to-lead over ${latencies.length} leads: p50 ${percentile(latencies, 0.5).toFixed(0)} ms, ` +
        `p99 ${percentile(latencies, 0.99).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms`,
    )
    for (const { portal } of linked) if (!exactlyOnce(portal, backlog.length + steady.length)) failed = true
  } finally {
    await worker.close()
  }
  return { failed }
}

/** Installs the app on a new emulated portal, links it to the partner and opens a partner session from it. */
async function installAndLink(bench: BenchContext, emulator: PortalEmulator, partnerId: string): Promise<LinkedPortal> {
  const portal = emulator.addPortal({ crmMode: 1 })
  await portal.install()
  portal.finishInstall()
  const [row] = await queryRows<{ id: string }>(
    bench.database.db,
    sql`update portals set partner_id = ${partnerId} where member_id = ${portal.memberId} returning id`,
  )
  if (!row) throw new Error('the install did not store the portal')
  const { launch } = await portal.install({ postInstaller: false })
  const session = await fetch(`${bench.app.baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ domain: 'bench', memberId: portal.memberId, accessToken: launch.fields.AUTH_ID }),
  })
  const { token } = (await session.json()) as { token: string }
  return { portal, partnerId, portalId: row.id, token }
}

const reserveCall = (baseUrl: string, portal: LinkedPortal, requestId: string) =>
  timedCall({
    shape: 'reserve',
    method: 'POST',
    url: `${baseUrl}/api/partner/requests/${requestId}/reservation`,
    headers: { Authorization: `Bearer ${portal.token}` },
  })

/** Reservations spread evenly over STEADY_SECONDS, each portal at STEADY_RATE_PER_PORTAL. */
async function reserveSteadily(baseUrl: string, linked: LinkedPortal[], requestIds: string[]): Promise<number> {
  const started = Date.now()
  const intervalMs = 1_000 / STEADY_RATE_PER_PORTAL
  const calls = requestIds.flatMap((requestId, index) =>
    linked.map(async (portal) => {
      await sleep(started + index * intervalMs - Date.now())
      return (await reserveCall(baseUrl, portal, requestId)).sample
    }),
  )
  return reportReserves(await Promise.all(calls), started)
}

function reportReserves(samples: Sample[], started: number): number {
  const failures = samples.filter((sample) => sample.status !== 201).length
  const seconds = (Date.now() - started) / 1000
  console.log(`${samples.length} reservations in ${seconds.toFixed(1)} s, ${failures} not 201`)
  return failures
}

async function waitUntilSynced(database: Database, expected: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const [row] = await queryRows<{ synced: number }>(
      database.db,
      sql`select count(*)::int as synced from reservations where crm_status = 'in_crm'`,
    )
    if ((row?.synced ?? 0) >= expected) return
    if (Date.now() > deadline) {
      const jobs = await queryRows(
        database.db,
        sql`select name, status, count(*)::int as n, min(run_at) as first_run_at, max(attempts) as attempts, max(last_error) as error
            from jobs group by name, status order by name, status`,
      )
      console.table(jobs)
      throw new Error(`only ${row?.synced ?? 0} of ${expected} leads written in time`)
    }
    await sleep(250)
  }
}

/**
 * Leads per second past the burst: the leads after the first 50 calls' worth, over the whole time since the worker
 * started (as if the burst had taken no time).
 */
async function pastBurstRate(database: Database, portalId: string, workerStarted: number): Promise<number> {
  const [row] = await queryRows<{ leads: number; last: Date }>(
    database.db,
    sql`select count(*)::int as leads, max(crm_synced_at) as last from reservations where portal_id = ${portalId}`,
  )
  const leads = row?.leads ?? 0
  if (leads < BURST * BATCH * 2) throw new Error('the backlog must be at least twice the burst')
  return (leads - BURST * BATCH) / ((new Date(row!.last).getTime() - workerStarted) / 1000)
}

/**
 * The backlog: every portal's partner reserves every request, the portals taking turns as concurrent partners
 * would; each reservation with its `reservation.created` event, as the reserve transaction writes them.
 */
async function seedBacklog(database: Database, linked: LinkedPortal[], requestIds: string[]): Promise<void> {
  await database.db.execute(
    sql`with reserved as (
          insert into reservations (request_id, partner_id, reserved_by_user_id, portal_id, reserved_at,
                                    assigned_user_id, crm_status)
          select r.id, p.partner_id, '1', p.portal_id, now(), '1', 'pending'
          from unnest(${sql.param(requestIds)}::uuid[]) with ordinality as r(id, n),
               unnest(${sql.param(linked.map((portal) => portal.partnerId))}::uuid[],
                      ${sql.param(linked.map((portal) => portal.portalId))}::uuid[]) as p(partner_id, portal_id)
          order by r.n
          returning id, request_id, partner_id, portal_id
        )
        insert into jobs (name, key, payload)
        select 'event:reservation.created', gen_random_uuid()::text,
               jsonb_build_object('reservationId', id, 'requestId', request_id, 'partnerId', partner_id,
                                  'portalId', portal_id)
        from reserved`,
  )
  await database.db.execute(
    sql`update requests set reserved_count = ${linked.length} where id = any(${sql.param(requestIds)}::uuid[])`,
  )
}

async function reserveToLeadMs(database: Database, since: Date): Promise<number[]> {
  const rows = await queryRows<{ ms: number }>(
    database.db,
    sql`select extract(epoch from crm_synced_at - reserved_at) * 1000 as ms
        from reservations where reserved_at >= ${since.toISOString()}::timestamptz`,
  )
  return rows.map((row) => Number(row.ms)).sort((a, b) => a - b)
}

/** Every reservation of the portal has exactly one lead carrying its id. */
function exactlyOnce(portal: PortalHandle, expected: number): boolean {
  const origins = [...portal.state.leads.values()].map((lead) => String(lead.values.ORIGIN_ID))
  const distinct = new Set(origins).size
  const ok = origins.length === expected && distinct === expected
  console.log(
    `portal ${portal.memberId.slice(0, 8)}: ${origins.length} leads for ${expected} reservations, ${distinct} distinct ${ok ? 'OK' : 'FAIL'}`,
  )
  return ok
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))
}

await main()

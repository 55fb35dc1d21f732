import { queryRows, sql, type Database } from '../app-server/db/client'
import { cpuSecondsSince, runAtRate, runClients, timedCall, type Sample } from './support/load'
import { printTable, printVerdict, summarize, type Summary } from './support/report'
import { measureCeiling } from './support/ceiling'
import { runBench, type BenchContext } from './support/run-bench'
import { seedOpenRequests, seedPartners, vacuumAnalyze } from './support/seed'

/** POST /api/partner/requests/:id/reservation under load: distinct requests, then 64 partners per request. */
const CLIENTS = 64
const PARTNERS_PER_CLIENT = 62
const UNCONTENDED_REQUESTS = 40_000
/** The open-loop run offers this share of the throughput the closed loop reached. */
const OPEN_LOOP_SHARE = 0.5
const BASELINE_REQUESTS = 2_000
const CONTENDED_REQUESTS = 2_000
const WARMUP_MS = 3_000
const BASELINE_MS = 4_000
const MEASURE_MS = 20_000

interface Outcome {
  summary: Summary
  /** The requests some call tried to reserve; the database check looks at exactly these. */
  attempted: string[]
}

function reservation(bench: BenchContext, shape: string, partnerId: string, requestId: string) {
  return timedCall({
    shape,
    method: 'POST',
    url: `${bench.app.baseUrl}/api/partner/requests/${requestId}/reservation`,
    headers: { Authorization: `Bearer ${bench.app.partnerToken(partnerId)}` },
  })
}

/** Every client walks its own slice of requests with its own partners, so no two calls touch the same rows. */
async function uncontended(
  bench: BenchContext,
  label: string,
  clients: number,
  partners: string[],
  requestIds: string[],
): Promise<Outcome & { openLoop?: Summary }> {
  const queues = Array.from({ length: clients }, (_, client) => requestIds.filter((_, i) => i % clients === client))
  const calls = new Array<number>(clients).fill(0)
  const attempted: string[] = []
  const work = async (client: number, record: (sample: Sample) => void) => {
    const requestId = queues[client]![calls[client]!]
    if (requestId === undefined) return false
    const partnerId = partners[client * PARTNERS_PER_CLIENT + (calls[client]! % PARTNERS_PER_CLIENT)]!
    calls[client]!++
    attempted.push(requestId)
    record((await reservation(bench, 'uncontended', partnerId, requestId)).sample)
    return true
  }
  await runClients({ clients, durationMs: WARMUP_MS, work })
  const run = await runClients({ clients, durationMs: clients > 1 ? MEASURE_MS : BASELINE_MS, work })
  const summary = summarize(label, run, ['201'])
  if (clients === 1) return { summary, attempted }
  const rate = Math.round(summary.throughput * OPEN_LOOP_SHARE)
  const open = await runAtRate({ clients, ratePerSecond: rate, durationMs: MEASURE_MS, work })
  const openLabel = `uncontended: ${clients} clients, open loop at ${rate} req/s`
  return { summary, attempted, openLoop: summarize(openLabel, open, ['201']) }
}

/** Rounds in which all clients reserve the same request at the same moment: 5 win, the others get 409. */
async function contended(bench: BenchContext, partners: string[], requestIds: string[]): Promise<Outcome> {
  const pending = [...requestIds]
  const attempted: string[] = []
  const rounds = async (durationMs: number) => {
    const samples: Sample[] = []
    const cpu = process.cpuUsage()
    const started = performance.now()
    while (performance.now() - started < durationMs && pending.length > 0) {
      const requestId = pending.shift()!
      attempted.push(requestId)
      const answers = await Promise.all(
        partners.map((partnerId) => reservation(bench, 'contended', partnerId, requestId)),
      )
      for (const answer of answers) samples.push(answer.sample)
    }
    return {
      samples,
      steps: samples.length,
      seconds: (performance.now() - started) / 1000,
      cpuSeconds: cpuSecondsSince(cpu),
    }
  }
  await rounds(WARMUP_MS)
  const run = await rounds(MEASURE_MS)
  const label = `contended: ${CLIENTS} clients on one request`
  return { summary: summarize(label, run, ['201', '409 request_fully_reserved']), attempted }
}

/** Requests whose counter is not `expected` or disagrees with their active reservation rows. */
async function countMismatches(database: Database, requestIds: string[], expected: number): Promise<number> {
  const [row] = await queryRows<{ wrong: number }>(
    database.db,
    sql`select count(*)::int as wrong from (
          select r.id, r.reserved_count, count(res.id) filter (where res.status = 'active') as active
          from requests r left join reservations res on res.request_id = r.id
          where r.id = any(${sql.param(requestIds)}::uuid[])
          group by r.id
        ) t where reserved_count <> ${expected} or active <> ${expected}`,
  )
  return row?.wrong ?? requestIds.length
}

async function check(database: Database, label: string, outcome: Outcome, expected: number): Promise<boolean> {
  const wrong = await countMismatches(database, outcome.attempted, expected)
  const held = outcome.attempted.length - wrong
  console.log(`check: ${held}/${outcome.attempted.length} ${label} requests hold exactly ${expected} (counter = rows)`)
  return wrong === 0
}

await runBench('bench/reserve.ts: POST /api/partner/requests/:id/reservation', {}, async (bench) => {
  const seeding = performance.now()
  const partners = await seedPartners(bench.database, CLIENTS * PARTNERS_PER_CLIENT + CLIENTS)
  const uncontendedIds = await seedOpenRequests(bench.database, UNCONTENDED_REQUESTS)
  const baselineIds = await seedOpenRequests(bench.database, BASELINE_REQUESTS)
  const contendedIds = await seedOpenRequests(bench.database, CONTENDED_REQUESTS)
  await vacuumAnalyze(bench.database)
  console.log(
    `seeded ${partners.length} partners and ${uncontendedIds.length + baselineIds.length + contendedIds.length} requests in DE ` +
      `in ${((performance.now() - seeding) / 1000).toFixed(1)} s; ${CLIENTS} concurrent clients`,
  )

  const baseline = await uncontended(bench, 'baseline: 1 client, distinct requests', 1, partners, baselineIds)
  const spread = await uncontended(
    bench,
    `uncontended: ${CLIENTS} clients, distinct requests`,
    CLIENTS,
    partners,
    uncontendedIds,
  )
  const crowded = await contended(bench, partners.slice(CLIENTS * PARTNERS_PER_CLIENT), contendedIds)
  const results = [baseline.summary, spread.summary, ...(spread.openLoop ? [spread.openLoop] : []), crowded.summary]
  printTable('POST /api/partner/requests/:id/reservation, after warm-up', [
    ...results,
    await measureCeiling(bench, CLIENTS),
  ])
  console.log(
    `(closed loop: each client sends its next call when the last one is answered, so mean latency ≈ clients ÷ throughput;\n` +
      ` open loop: calls start at a fixed rate of ${OPEN_LOOP_SHARE * 100}% of the closed-loop throughput, waits included)`,
  )
  for (const result of results) printVerdict(result)

  console.log('')
  const consistent = [
    await check(bench.database, 'baseline', baseline, 1),
    await check(bench.database, 'uncontended', spread, 1),
    await check(bench.database, 'contended', crowded, 5),
  ].every(Boolean)
  return { failed: results.some((result) => result.errors > 0) || !consistent }
})

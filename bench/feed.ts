import { REQUEST_TYPES } from '../shared/domain/request-types'
import { selectFeed, type FeedFilter } from '../app-server/modules/reservations/feed.repository'
import { queryRows, sql } from '../app-server/db/client'
import { explainingExecutor, planText } from './support/explain'
import {
  COUNTRY_COUNT,
  loadFeedPartners,
  seedFeedPartners,
  seedFeedRequests,
  seedFeedReservations,
  type FeedPartner,
} from './support/feed-seed'
import { runAtRate, runClients, timedCall, type Run, type Sample, type Work } from './support/load'
import { measureCeiling } from './support/ceiling'
import { printTable, printVerdict, summarize } from './support/report'
import { runBench, type BenchContext } from './support/run-bench'
import { vacuumAnalyze } from './support/seed'

/** GET /api/partner/requests as many partners at once: first pages, filters and cursor pages. */
const CLIENTS = 64
/** The open-loop run offers this share of the throughput the closed loop reached. */
const OPEN_LOOP_SHARE = 0.5
const REQUESTS = 100_000
const PARTNERS = 2_000
const RESERVED_REQUESTS = 1_500
const WARMUP_MS = 3_000
const MEASURE_MS = 15_000
const BASELINE_MS = 3_000
const NEXT_PAGES = 3
const SHAPES = ['first page', 'by type', 'by country', 'next page'] as const

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!

function feedLoad(bench: BenchContext, partners: FeedPartner[]): Work {
  const tokens = new Map(partners.map((partner) => [partner.id, bench.app.partnerToken(partner.id)]))
  const feed = (shape: string, partner: FeedPartner, query: Record<string, string>, readBody = false) =>
    timedCall({
      shape,
      method: 'GET',
      url: `${bench.app.baseUrl}/api/partner/requests?${new URLSearchParams(query)}`,
      headers: { Authorization: `Bearer ${tokens.get(partner.id)!}` },
      readBody,
    })
  return async (_client, record) => {
    const partner = pick(partners)
    const roll = Math.random()
    if (roll < 0.4) record((await feed('first page', partner, {})).sample)
    else if (roll < 0.6) record((await feed('by type', partner, { type: pick(REQUEST_TYPES) })).sample)
    else if (roll < 0.8) record((await feed('by country', partner, { country: pick(partner.countries) })).sample)
    else {
      // A partner scrolling: the first page, then the following ones through nextCursor.
      let answer = await feed('first page', partner, {}, true)
      record(answer.sample)
      for (let page = 0; page < NEXT_PAGES; page++) {
        const cursor = (answer.body as { nextCursor?: string | null } | undefined)?.nextCursor
        if (!cursor) break
        answer = await feed('next page', partner, { cursor }, true)
        record(answer.sample)
      }
    }
    return true
  }
}

function byShape(run: Run, shape: string): Run {
  const samples = run.samples.filter((sample: Sample) => sample.shape === shape)
  return { ...run, samples, cpuSeconds: (run.cpuSeconds * samples.length) / Math.max(1, run.samples.length) }
}

/** Prints the plan of the feed query, as the repository builds it, for the partner covering the most requests. */
async function explainFeed(bench: BenchContext, partners: FeedPartner[]): Promise<{ seqScan: boolean }> {
  const [busiest] = await queryRows<{ country: string; n: number }>(
    bench.database.db,
    sql`select country, count(*)::int as n from requests where status = 'open' group by 1 order by 2 desc limit 1`,
  )
  const partner =
    partners
      .filter((p) => p.countries.includes(busiest!.country))
      .sort((a, b) => b.countries.length - a.countries.length)[0] ?? partners[0]!
  const base: FeedFilter = {
    partnerId: partner.id,
    countries: partner.countries,
    // A standard-tier partner: requests of the last 6 hours are not shown yet.
    publishedBefore: new Date(Date.now() - 6 * 3_600_000),
    limit: 21,
  }
  const firstPage = await selectFeed(bench.database.db, base)
  const last = firstPage[19]
  const variants: [string, FeedFilter][] = [
    ['first page', base],
    ['by type (localization)', { ...base, type: 'localization' }],
    [`by country (${busiest!.country})`, { ...base, countries: [busiest!.country] }],
    ['next page', { ...base, before: last ? { createdAt: new Date(last.created_at), id: last.id } : undefined }],
  ]
  console.log(
    `\nEXPLAIN (ANALYZE, BUFFERS) of selectFeed for partner ${partner.id} covering ${partner.countries.join(', ')}`,
  )
  const verdicts: string[] = []
  let seqScan = false
  for (const [label, filter] of variants) {
    const plan = planText(await selectFeed(explainingExecutor(bench.database), filter))
    const scansTable = /Seq Scan on requests/.test(plan)
    seqScan ||= scansTable
    console.log(`\n-- ${label}\n${plan}`)
    verdicts.push(
      `${label}: ${plan.match(/Execution Time: [\d.]+ ms/)?.[0] ?? '?'}, ` +
        `requests_open_feed_idx ${plan.includes('requests_open_feed_idx') ? 'used' : 'NOT used'}` +
        (scansTable ? ', SEQ SCAN on requests' : ''),
    )
  }
  console.log(`\nplans:\n  ${verdicts.join('\n  ')}`)
  return { seqScan }
}

await runBench('bench/feed.ts: GET /api/partner/requests', {}, async (bench) => {
  const seeding = performance.now()
  await seedFeedRequests(bench.database, REQUESTS)
  await seedFeedPartners(bench.database, PARTNERS)
  const reservations = await seedFeedReservations(bench.database, RESERVED_REQUESTS)
  await vacuumAnalyze(bench.database)
  const partners = await loadFeedPartners(bench.database)
  const [{ locations } = { locations: 0 }] = await queryRows<{ locations: number }>(
    bench.database.db,
    sql`select count(*)::int as locations from partner_locations`,
  )
  console.log(
    `seeded ${REQUESTS} open requests in ${COUNTRY_COUNT} countries over 30 days, ${partners.length} partners ` +
      `with ${locations} additional locations, ${reservations} reservations ` +
      `in ${((performance.now() - seeding) / 1000).toFixed(1)} s; ${CLIENTS} concurrent clients for ${MEASURE_MS / 1000} s`,
  )

  const work = feedLoad(bench, partners)
  await runClients({ clients: CLIENTS, durationMs: WARMUP_MS, work })
  const baseline = await runClients({ clients: 1, durationMs: BASELINE_MS, work })
  const run = await runClients({ clients: CLIENTS, durationMs: MEASURE_MS, work })

  const closed = summarize(`all shapes, ${CLIENTS} clients`, run, ['200'])
  // A scrolling step makes several calls: offer steps so that calls arrive at the intended rate.
  const rate = Math.round(closed.throughput * OPEN_LOOP_SHARE)
  const callsPerStep = run.samples.length / Math.max(1, run.steps)
  const open = await runAtRate({ clients: CLIENTS, ratePerSecond: rate / callsPerStep, durationMs: MEASURE_MS, work })
  const summaries = [
    summarize('baseline: 1 client, all shapes', baseline, ['200']),
    ...SHAPES.map((shape) => summarize(shape, byShape(run, shape), ['200'])),
    closed,
    summarize(`all shapes, ${CLIENTS} clients, open loop at ${rate} req/s`, open, ['200']),
  ]
  printTable('GET /api/partner/requests, after warm-up', [...summaries, await measureCeiling(bench, CLIENTS)])
  console.log(
    '(closed loop: mean latency ≈ clients ÷ throughput; open loop: calls start at a fixed rate of ' +
      `${OPEN_LOOP_SHARE * 100}% of the closed-loop throughput, waits included)`,
  )
  for (const summary of summaries) printVerdict(summary)

  const { seqScan } = await explainFeed(bench, partners)
  console.log(seqScan ? '\nWARNING: a plan scans the requests table sequentially' : '\nno sequential scan of requests')
  return { failed: summaries.some((summary) => summary.errors > 0) }
})

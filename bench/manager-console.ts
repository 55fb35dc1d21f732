import { readFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { createManager } from '../app-server/modules/managers'
import { startBenchApp } from './support/bench-app'
import { createBenchDatabase } from './support/bench-database'
import { seedConsoleWorld } from './support/console-seed'
import { percentile } from './support/report'

/**
 * The manager console at scale: 10,000 partners and 1,000,000 requests (with about 2 million reservations) on
 * PostgreSQL, the real service in its own process, one client. Prints the p95 of each list endpoint (budget
 * 50 ms), each dashboard endpoint (budget 300 ms) and the health endpoint in the same run, then streams a CSV of
 * every request and prints its time and the service's peak memory (budget 150 MB RSS).
 */
const PARTNERS = Number(process.env.BENCH_PARTNERS ?? 10_000)
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1_000_000)
const DAYS = 365
const RUNS = Number(process.env.BENCH_RUNS ?? 40)
const LIST_BUDGET_MS = 50
const DASHBOARD_BUDGET_MS = 300
const EXPORT_RSS_BUDGET_MB = 150
const DAY_MS = 86_400_000

const log = (line: string) => console.log(line)

function rssMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0)
  return kb / 1024
}

async function main() {
  log(`manager console bench: ${PARTNERS} partners, ${REQUESTS} requests over ${DAYS} days, ${RUNS} calls each`)
  log(
    `machine: ${cpus().length} cores, load ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  )
  const bench = await createBenchDatabase(4)
  let app: Awaited<ReturnType<typeof startBenchApp>> | undefined
  try {
    const password = 'bench manager password 1234'
    await createManager(bench.database.db, { email: 'bench@example.com', name: 'Bench', password }, 'fast')
    const seeding = performance.now()
    log('seeding:')
    await seedConsoleWorld(bench.database, { partners: PARTNERS, requests: REQUESTS, days: DAYS }, log)
    log(`seeded in ${((performance.now() - seeding) / 1000).toFixed(0)} s`)

    app = await startBenchApp(bench.url)
    const signIn = await fetch(`${app.baseUrl}/api/manager/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@example.com', password }),
    })
    const { token } = (await signIn.json()) as { token: string }
    const headers = { authorization: `Bearer ${token}` }
    const getJson = async (path: string) => {
      const response = await fetch(`${app!.baseUrl}${path}`, { headers })
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`)
      return response.json() as Promise<Record<string, unknown>>
    }

    // Ids and cursors for the pages that need them.
    const partnerPage = await getJson('/api/manager/console/partners?limit=1&sort=score&order=desc')
    const partnerId = (partnerPage.items as { id: string }[])[0]!.id
    const requestPage = await getJson('/api/manager/console/requests?limit=50')
    const requestId = (requestPage.items as { id: string }[])[10]!.id
    const cursor = requestPage.nextCursor as string
    const now = Date.now()
    const period = (days: number) =>
      `from=${new Date(now - days * DAY_MS).toISOString()}&to=${new Date(now).toISOString()}`

    const lists: [string, string][] = [
      ['health', '/api/health'],
      ['partners: first page by name', '/api/manager/console/partners'],
      ['partners: search', '/api/manager/console/partners?search=Company%2012'],
      [
        'partners: eligible in ES by score',
        '/api/manager/console/partners?location=ES&eligible=true&sort=score&order=desc',
      ],
      ['partners: page at offset 5000', '/api/manager/console/partners?offset=5000&sort=createdAt'],
      ['partner page', `/api/manager/console/partners/${partnerId}`],
      ['requests: newest', '/api/manager/console/requests'],
      ['requests: next page', `/api/manager/console/requests?cursor=${cursor}`],
      ['requests: country DE', '/api/manager/console/requests?country=DE'],
      ['requests: open, training', '/api/manager/console/requests?status=open&type=training'],
      ['requests: 5 slots taken', '/api/manager/console/requests?slotsMin=5'],
      ['requests: reported', '/api/manager/console/requests?reported=true'],
      ['requests: to moderate', '/api/manager/console/requests?closeReason=under_review'],
      ['requests: by slots taken', '/api/manager/console/requests?sort=reservedCount&order=desc'],
      [
        'requests: last 7 days by country',
        `/api/manager/console/requests?sort=country&order=asc&createdFrom=${new Date(now - 7 * DAY_MS).toISOString()}`,
      ],
      ['request page', `/api/manager/console/requests/${requestId}`],
      ['returns queue', '/api/manager/console/returns'],
      ['lead-sync failures', '/api/manager/console/lead-sync/failures'],
      ['portals', '/api/manager/console/portals'],
      ['audit log', '/api/manager/audit-log'],
      ['audit log: one actor', `/api/manager/audit-log?actorId=${partnerId}`],
      ['client feedback', '/api/manager/client-feedback'],
    ]
    const dashboards: [string, string][] = [
      ['dashboard queues', '/api/manager/console/dashboard/queues'],
      ['dashboard charts, 7 days', `/api/manager/console/dashboard/charts?${period(7)}`],
      ['dashboard charts, 30 days', `/api/manager/console/dashboard/charts?${period(30)}`],
      ['dashboard charts, 90 days', `/api/manager/console/dashboard/charts?${period(90)}`],
    ]
    const measure = async (path: string) => {
      await getJson(path) // warm-up
      const samples: number[] = []
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now()
        await getJson(path)
        samples.push(performance.now() - started)
      }
      samples.sort((a, b) => a - b)
      return { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95) }
    }
    const rows: string[] = []
    const over: string[] = []
    for (const [group, budget, endpoints] of [
      ['list', LIST_BUDGET_MS, lists],
      ['dashboard', DASHBOARD_BUDGET_MS, dashboards],
    ] as const) {
      for (const [label, path] of endpoints) {
        const { p50, p95 } = await measure(path)
        const limit = label === 'health' ? '' : `${budget}`
        if (limit && p95 > budget) over.push(label)
        rows.push(`| ${label} | ${group} | ${p50.toFixed(1)} | ${p95.toFixed(1)} | ${limit || '–'} |`)
      }
    }
    log('\n| endpoint | kind | p50 ms | p95 ms | budget ms |\n| --- | --- | --- | --- | --- |')
    for (const row of rows) log(row)

    // The export: streamed to this process and thrown away, while the service's RSS is sampled.
    const pid = app.pid
    const before = rssMb(pid, 'VmRSS')
    let peak = before
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid, 'VmRSS'))), 25)
    const started = performance.now()
    const response = await fetch(`${app.baseUrl}/api/manager/console/exports/requests`, { headers })
    let bytes = 0
    let lines = 0
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length
      for (const byte of chunk) if (byte === 10) lines++
    }
    const seconds = (performance.now() - started) / 1000
    clearInterval(sampler)
    peak = Math.max(peak, rssMb(pid, 'VmRSS'))
    log(
      `\nCSV export of all requests: ${response.status}, ${(lines - 1).toLocaleString('en')} rows, ` +
        `${(bytes / 1e6).toFixed(0)} MB in ${seconds.toFixed(1)} s; service RSS ${before.toFixed(0)} MB before, ` +
        `peak ${peak.toFixed(0)} MB during (budget ${EXPORT_RSS_BUDGET_MB} MB; lifetime high-water ${rssMb(pid, 'VmHWM').toFixed(0)} MB)`,
    )
    if (peak > EXPORT_RSS_BUDGET_MB) over.push('CSV export RSS')
    log(over.length === 0 ? '\nevery figure within its budget' : `\nover budget: ${over.join(', ')}`)
    process.exitCode = over.length === 0 ? 0 : 1
  } finally {
    await app?.close()
    await bench.drop()
  }
}

await main()

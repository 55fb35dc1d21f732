import type { Run } from './load'

export const P99_TARGET_MS = 50

export interface Summary {
  label: string
  requests: number
  seconds: number
  throughput: number
  p50: number
  p90: number
  p99: number
  max: number
  /** No answer, a 5xx, or a status the scenario does not expect. */
  errors: number
  /** The load generator's CPU per answered call (the service runs in a process of its own). */
  cpuMsPerRequest: number
  statuses: Record<string, number>
}

export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
}

/** Latency figures of `samples`; `expected` lists the "status" or "status code" keys that count as success. */
export function summarize(label: string, run: Run, expected: string[]): Summary {
  const { samples, seconds } = run
  const sorted = samples.map((sample) => sample.ms).sort((a, b) => a - b)
  const statuses: Record<string, number> = {}
  let errors = 0
  for (const sample of samples) {
    const key = sample.failure ? 'no answer' : sample.code ? `${sample.status} ${sample.code}` : String(sample.status)
    statuses[key] = (statuses[key] ?? 0) + 1
    if (sample.failure || sample.status >= 500 || !expected.includes(key)) errors++
  }
  return {
    label,
    requests: samples.length,
    seconds,
    throughput: samples.length / seconds,
    p50: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1) ?? 0,
    errors,
    cpuMsPerRequest: (run.cpuSeconds * 1000) / Math.max(1, samples.length),
    statuses,
  }
}

const COLUMNS: [string, (s: Summary) => string][] = [
  ['', (s) => s.label],
  ['requests', (s) => String(s.requests)],
  ['duration s', (s) => s.seconds.toFixed(1)],
  ['req/s', (s) => s.throughput.toFixed(0)],
  ['p50 ms', (s) => s.p50.toFixed(1)],
  ['p90 ms', (s) => s.p90.toFixed(1)],
  ['p99 ms', (s) => s.p99.toFixed(1)],
  ['max ms', (s) => s.max.toFixed(1)],
  ['errors', (s) => String(s.errors)],
  ['cpu ms/req', (s) => s.cpuMsPerRequest.toFixed(1)],
  [
    'statuses',
    (s) =>
      Object.entries(s.statuses)
        .sort()
        .map(([key, n]) => `${key}: ${n}`)
        .join(', '),
  ],
]

export function printTable(title: string, summaries: Summary[]): void {
  const cells = [COLUMNS.map(([name]) => name), ...summaries.map((s) => COLUMNS.map(([, cell]) => cell(s)))]
  const widths = COLUMNS.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)))
  const line = (row: string[]) =>
    row.map((cell, i) => (i === 0 || i === row.length - 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
  console.log(`\n${title}`)
  console.log(line(cells[0]!).join('  '))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const row of cells.slice(1)) console.log(line(row).join('  ').trimEnd())
}

/** Prints PASS/FAIL for the p99 target; returns whether it was met. */
export function printVerdict(summary: Summary, target = P99_TARGET_MS): boolean {
  const pass = summary.p99 < target
  console.log(
    `${pass ? 'PASS' : 'FAIL'}  ${summary.label}: p99 ${summary.p99.toFixed(1)} ms (target < ${target} ms)` +
      (summary.errors > 0 ? `, ${summary.errors} error(s)` : ''),
  )
  return pass
}

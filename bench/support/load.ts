import { performance } from 'node:perf_hooks'

/** One HTTP call of a load run; `shape` groups calls in the report. */
export interface Call {
  shape: string
  method: 'GET' | 'POST'
  url: string
  headers?: Record<string, string>
  /** Parse a successful answer's JSON body (error bodies are always parsed for their `code`). */
  readBody?: boolean
}

export interface Sample {
  shape: string
  status: number
  /** The problem `code` of a 4xx/5xx answer. */
  code?: string | undefined
  ms: number
  /** Set when no HTTP answer came back (connection refused, reset, timeout). */
  failure?: string | undefined
}

export interface Answer {
  sample: Sample
  body: unknown
}

/** Sends one call and times it until the whole body has arrived. */
export async function timedCall(call: Call): Promise<Answer> {
  const started = performance.now()
  try {
    const response = await fetch(call.url, { method: call.method, headers: call.headers ?? {} })
    const text = await response.text()
    const ms = performance.now() - started
    const failed = response.status >= 400
    const body: unknown = (failed || call.readBody) && text.startsWith('{') ? JSON.parse(text) : undefined
    const code = failed ? (body as { code?: string } | undefined)?.code : undefined
    return { sample: { shape: call.shape, status: response.status, code, ms }, body }
  } catch (error) {
    const ms = performance.now() - started
    return { sample: { shape: call.shape, status: 0, ms, failure: String(error) }, body: undefined }
  }
}

export interface Run {
  samples: Sample[]
  /** Steps of `work` taken; a step may make several calls. */
  steps: number
  seconds: number
  cpuSeconds: number
}

export type Work = (client: number, record: (sample: Sample) => void) => Promise<boolean>

/**
 * Runs `clients` concurrent workers. Each calls `work` for its next step until `work` returns false or
 * `durationMs` has passed; a step may make several calls and reports each through `record`.
 */
export async function runClients(options: { clients: number; durationMs?: number; work: Work }): Promise<Run> {
  const samples: Sample[] = []
  const record = (sample: Sample) => samples.push(sample)
  const cpu = process.cpuUsage()
  const started = performance.now()
  const deadline = options.durationMs === undefined ? Infinity : started + options.durationMs
  let steps = 0
  await Promise.all(
    Array.from({ length: options.clients }, async (_, client) => {
      while (performance.now() < deadline && (await options.work(client, record))) steps++
    }),
  )
  return { samples, steps, seconds: (performance.now() - started) / 1000, cpuSeconds: cpuSecondsSince(cpu) }
}

/** CPU time this process (the load generator; the service runs in its own process) used since `start`. */
export function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1e6
}

/**
 * Open loop: starts steps at a fixed rate (steps per second) whatever the answers, with at most `clients` in flight. A step that
 * waits for a free client counts its wait, so each latency is what a caller arriving on schedule would see
 * (no coordinated omission).
 */
export async function runAtRate(options: {
  clients: number
  ratePerSecond: number
  durationMs: number
  work: Work
}): Promise<Run> {
  const samples: Sample[] = []
  const cpu = process.cpuUsage()
  const started = performance.now()
  const interval = 1000 / options.ratePerSecond
  const idle = Array.from({ length: options.clients }, (_, client) => client)
  const due: number[] = []
  const inFlight = new Set<Promise<unknown>>()
  const dispatch = () => {
    while (idle.length > 0 && due.length > 0) {
      // First in, first out: every client gets its turn, as separate callers would.
      const client = idle.shift()!
      const scheduled = due.shift()!
      const waited = performance.now() - scheduled
      const step = options
        .work(client, (sample) => samples.push({ ...sample, ms: sample.ms + waited }))
        .finally(() => {
          inFlight.delete(step)
          idle.push(client)
          dispatch()
        })
      inFlight.add(step)
    }
  }
  let next = started
  let scheduled = 0
  while (next < started + options.durationMs) {
    const now = performance.now()
    while (next <= now && next < started + options.durationMs) {
      due.push(next)
      scheduled++
      next += interval
    }
    dispatch()
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(next - performance.now(), 5))))
  }
  while (inFlight.size > 0 || due.length > 0) await Promise.race([...inFlight])
  return { samples, steps: scheduled, seconds: (performance.now() - started) / 1000, cpuSeconds: cpuSecondsSince(cpu) }
}

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
  await Promise.all(
    Array.from({ length: options.clients }, async (_, client) => {
      while (performance.now() < deadline && (await options.work(client, record))) {
        // the next step
      }
    }),
  )
  return { samples, seconds: (performance.now() - started) / 1000, cpuSeconds: cpuSecondsSince(cpu) }
}

/** CPU time this process used since `start`: the app and the load clients together, since they share it. */
export function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1e6
}

import { runClients, timedCall, type Sample } from './load'
import { summarize, type Summary } from './report'
import type { BenchContext } from './run-bench'

/**
 * The same load against `GET /api/health` (one `select 1`): the most any endpoint of this service can do on
 * this machine with this many closed-loop clients, printed beside the real figures for scale.
 */
export async function measureCeiling(bench: BenchContext, clients: number): Promise<Summary> {
  const work = async (_client: number, record: (sample: Sample) => void) => {
    record((await timedCall({ shape: 'health', method: 'GET', url: `${bench.app.baseUrl}/api/health` })).sample)
    return true
  }
  await runClients({ clients, durationMs: 2_000, work })
  const run = await runClients({ clients, durationMs: 8_000, work })
  return summarize(`ceiling: GET /api/health, ${clients} clients`, run, ['200'])
}

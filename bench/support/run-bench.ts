import type { Database } from '../../app-server/db/client'
import { startBenchApp, type BenchApp } from './bench-app'
import { createBenchDatabase } from './bench-database'

export interface BenchContext {
  app: BenchApp
  database: Database
  /** The bench database's URL, for other processes of the service. */
  databaseUrl: string
}

/**
 * Creates a fresh database, starts the app on it, runs `body`, and drops the database whatever happens
 * (also on Ctrl-C). `body` resolves to whether any call failed or got a 5xx; that makes the exit code 1.
 */
export async function runBench(
  title: string,
  env: Record<string, string>,
  body: (bench: BenchContext) => Promise<{ failed: boolean }>,
): Promise<void> {
  const poolSize = Number(env.DATABASE_POOL_SIZE ?? 20)
  const bench = await createBenchDatabase(poolSize)
  console.log(`${title}\ndatabase ${bench.name}, pool ${poolSize}, node ${process.version}`)
  let app: BenchApp | undefined
  let stopping = false
  const interrupted = async () => {
    stopping = true
    console.log('\ninterrupted, cleaning up')
    await app?.close().catch(() => undefined)
    await bench.drop().catch(() => undefined)
    process.exit(130)
  }
  process.once('SIGINT', interrupted)
  process.once('SIGTERM', interrupted)
  try {
    app = await startBenchApp(bench.url, { DATABASE_POOL_SIZE: String(poolSize), ...env })
    const { failed } = await body({ app, database: bench.database, databaseUrl: bench.url })
    process.exitCode = failed ? 1 : 0
  } catch (error) {
    // Once interrupted, the calls still in flight fail because the pool is closed; that is expected.
    if (!stopping) console.error(error)
    process.exitCode = 1
  } finally {
    await app?.close().catch(() => undefined)
    await bench.drop()
    console.log(`\ndropped ${bench.name}`)
  }
}

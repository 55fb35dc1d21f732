import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { sql, type SQL } from 'drizzle-orm'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core'
import type { ExtractTablesWithRelations } from 'drizzle-orm'
import pg from 'pg'
import * as schema from './schema'

export type Schema = typeof schema
/** The Drizzle database, whichever driver is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>
/** Either the root database or an open transaction: what repositories take. */
export type Executor = Db | Tx
export type DriverName = 'pglite' | 'postgres'

export interface Database {
  db: Db
  driver: DriverName
  /** Resolves when the database answers a trivial query within `timeoutMs`. */
  ping(timeoutMs?: number): Promise<void>
  close(): Promise<void>
  /** PGlite only: the whole data directory as a tarball, to start other databases from. */
  dumpDataDir?(): Promise<Blob>
}

export interface DatabaseOptions {
  /** `postgres://…` selects a PostgreSQL server; otherwise PGlite is used. */
  databaseUrl?: string | undefined
  /** PGlite data directory, or `memory://` for a throwaway in-memory database. */
  pgliteDir?: string
  /** A `dumpDataDir()` tarball to start PGlite from (tests copy one migrated template this way). */
  pgliteLoadDataDir?: Blob
  poolSize?: number
  /** Told when a pooled connection breaks (server restart, failover, terminated backend); the pool replaces it. */
  onConnectionError?: (error: Error) => void
}

/** Opens the app's database: a PostgreSQL pool when a URL is given, else embedded PGlite. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 20, options.onConnectionError)
  return openPglite(options.pgliteDir ?? './data', options.pgliteLoadDataDir)
}

function openPostgres(
  connectionString: string,
  max: number,
  onConnectionError: (error: Error) => void = () => undefined,
): Database {
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 5_000 })
  // A connection that breaks emits 'error' on its client, and an 'error' event nobody listens to ends the process.
  // The pool listens only while a client is idle; a checked-out client (a transaction waiting on its next
  // statement) gets this listener too. Its query fails, the caller answers 503, and the pool drops the client
  // on release instead of handing it out again.
  pool.on('error', onConnectionError)
  pool.on('connect', (client) => client.on('error', onConnectionError))
  const db = drizzlePg({ client: pool, schema }) as unknown as Db
  return {
    db,
    driver: 'postgres',
    ping: (timeoutMs = 2_000) => withTimeout(pool.query('select 1'), timeoutMs),
    close: () => pool.end(),
  }
}

async function openPglite(dir: string, loadDataDir?: Blob): Promise<Database> {
  const inMemory = dir.startsWith('memory://')
  if (!inMemory) mkdirSync(resolve(dir), { recursive: true })
  const client = await PGlite.create(inMemory ? dir : resolve(dir), loadDataDir ? { loadDataDir } : {})
  const db = drizzlePglite({ client, schema }) as unknown as Db
  return {
    db,
    driver: 'pglite',
    ping: (timeoutMs = 2_000) => withTimeout(client.query('select 1'), timeoutMs),
    close: () => client.close(),
    dumpDataDir: async () => client.dumpDataDir('gzip'),
  }
}

async function withTimeout(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`database did not answer within ${ms} ms`)), ms)
  })
  try {
    await Promise.race([work, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** Runs raw SQL and returns its rows, hiding the drivers' different result shapes. */
export async function queryRows<T>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown as { rows: T[] }
  return result.rows
}

export { sql }

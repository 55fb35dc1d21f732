import pg from 'pg'
import { openDatabase, type Database } from '../../app-server/db/client'
import { runMigrations } from '../../app-server/db/migrate'

const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres'

export interface BenchDatabase {
  name: string
  url: string
  database: Database
  /** Closes the pool and drops the database; safe to call twice. */
  drop(): Promise<void>
}

/** A fresh, migrated database `bench_<timestamp>` on the server named by BENCH_DATABASE_URL. */
export async function createBenchDatabase(poolSize: number): Promise<BenchDatabase> {
  const adminUrl = process.env.BENCH_DATABASE_URL || DEFAULT_ADMIN_URL
  const name = `bench_${Date.now()}`
  await adminQuery(adminUrl, `create database ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  let dropped = false
  let database: Database | undefined
  const drop = async () => {
    if (dropped) return
    dropped = true
    await database?.close().catch(() => undefined)
    await adminQuery(adminUrl, `drop database if exists ${name} with (force)`)
  }
  try {
    database = await openDatabase({ databaseUrl: url.toString(), poolSize })
    await runMigrations(database)
  } catch (error) {
    await drop()
    throw error
  }
  return { name, url: url.toString(), database, drop }
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}

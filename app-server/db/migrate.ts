import { fileURLToPath } from 'node:url'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator'
import type { PgliteDatabase } from 'drizzle-orm/pglite'
import type { NodePgDatabase } from 'drizzle-orm/node-postgres'
import { queryRows, sql, type Database } from './client'

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url))

/**
 * Applies the committed migrations that this database has not seen yet.
 * @returns how many were applied (0 on an up-to-date database).
 */
export async function runMigrations(database: Database): Promise<number> {
  const before = await countApplied(database)
  const config = { migrationsFolder: MIGRATIONS_FOLDER }
  if (database.driver === 'pglite') await migratePglite(database.db as unknown as PgliteDatabase, config)
  else await migratePg(database.db as unknown as NodePgDatabase, config)
  return (await countApplied(database)) - before
}

async function countApplied(database: Database): Promise<number> {
  const [table] = await queryRows<{ exists: string | null }>(
    database.db,
    sql`select to_regclass('drizzle.__drizzle_migrations')::text as exists`,
  )
  if (!table?.exists) return 0
  const [row] = await queryRows<{ count: number }>(
    database.db,
    sql`select count(*)::int as count from drizzle.__drizzle_migrations`,
  )
  return row?.count ?? 0
}

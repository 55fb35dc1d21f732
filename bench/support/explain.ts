import { sql, type SQL } from 'drizzle-orm'
import type { Database, Executor } from '../../app-server/db/client'

/**
 * An executor that runs whatever query it is given under EXPLAIN (ANALYZE, BUFFERS), so a repository
 * function passed this executor reports the plan of exactly the SQL it builds.
 */
export function explainingExecutor(database: Database): Executor {
  return {
    execute: (query: SQL) => database.db.execute(sql`explain (analyze, buffers) ${query}`),
  } as unknown as Executor
}

/** The plan lines of rows returned through `explainingExecutor`. */
export function planText(rows: unknown[]): string {
  return rows.map((row) => (row as Record<string, string>)['QUERY PLAN']).join('\n')
}

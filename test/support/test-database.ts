import { readFileSync } from 'node:fs'
import { inject } from 'vitest'
import { openDatabase, type Database } from '../../app-server/db/client'
import './provided-context'

/**
 * Opens this test file's database: a copy of the migrated PGlite template, or a connection to the run's
 * fresh PostgreSQL database. Tests create their own rows and never rely on an empty table.
 */
export async function openTestDatabase(): Promise<Database> {
  if (inject('testDatabaseDriver') === 'postgres') {
    return openDatabase({ databaseUrl: inject('postgresUrl'), poolSize: 10 })
  }
  const template = new Blob([readFileSync(inject('pgliteTemplatePath'))])
  return openDatabase({ pgliteDir: 'memory://', pgliteLoadDataDir: template })
}

import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import pg from 'pg'
import { inject } from 'vitest'
import { openDatabase, type Database } from '../../app-server/db/client'
import { runMigrations } from '../../app-server/db/migrate'
import './provided-context'

export interface TestDatabaseOptions {
  /**
   * On PostgreSQL, a freshly migrated database for this file alone instead of the run's shared one: for suites that
   * count whole tables (dashboards, queues, exports), which other files' rows would change. PGlite files always
   * have their own.
   */
  own?: boolean
}

/**
 * Opens this test file's database: a copy of the migrated PGlite template, or a connection to the run's
 * fresh PostgreSQL database. Tests create their own rows and never rely on an empty table, unless they ask for
 * their `own` database.
 */
export async function openTestDatabase(options: TestDatabaseOptions = {}): Promise<Database> {
  if (inject('testDatabaseDriver') === 'postgres') {
    return options.own
      ? openOwnPostgres(inject('postgresUrl'))
      : openDatabase({ databaseUrl: inject('postgresUrl'), poolSize: 10 })
  }
  const template = new Blob([readFileSync(inject('pgliteTemplatePath'))])
  return openDatabase({ pgliteDir: 'memory://', pgliteLoadDataDir: template })
}

/** Creates and migrates a database next to the run's one; closing the handle drops it. */
async function openOwnPostgres(sharedUrl: string): Promise<Database> {
  const name = `b24_own_${Date.now()}_${randomBytes(3).toString('hex')}`
  const admin = new pg.Client({ connectionString: sharedUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  const url = new URL(sharedUrl)
  url.pathname = `/${name}`
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 10 })
  await runMigrations(database)
  const close = database.close.bind(database)
  return Object.assign(database, {
    close: async () => {
      await close()
      await admin.query(`drop database if exists ${name} with (force)`)
      await admin.end()
    },
  })
}

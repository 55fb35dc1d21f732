import { loadConfig, loadDotEnv } from '../config'
import { openDatabase } from './client'
import { runMigrations } from './migrate'

/** `npm run db:migrate`: applies pending migrations to the configured database and says how many. */
async function migrateCli(): Promise<void> {
  loadDotEnv()
  const config = loadConfig()
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR })
  try {
    const applied = await runMigrations(database)
    console.log(`${database.driver}: ${applied} migration(s) applied, schema up to date.`)
  } finally {
    await database.close()
  }
}

migrateCli().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})

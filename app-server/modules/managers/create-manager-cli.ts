import { parseArgs } from 'node:util'
import { createInterface } from 'node:readline/promises'
import { Writable } from 'node:stream'
import { loadConfig, loadDotEnv } from '../../config'
import { openDatabase } from '../../db/client'
import { runMigrations } from '../../db/migrate'
import { MANAGER_ROLES, type ManagerRole } from '../../../shared/domain/manager-roles'
import { AppError } from '../../errors'
import { createManager, MIN_PASSWORD_LENGTH } from './managers.service'

const USAGE = `Usage: npm run manager:create -- --email <e-mail> --name "<full name>" [--role ${MANAGER_ROLES.join('|')}]`

/**
 * `npm run manager:create -- --email ann@example.com --name "Ann Smith"`: creates a manager account, an admin
 * unless `--role` says otherwise (the first account must be one: admins create the others in the console).
 * The password comes from MANAGER_PASSWORD, or is asked for on the terminal; it never goes on the command line.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', default: 'admin' } },
  })
  const role = MANAGER_ROLES.find((known) => known === values.role)
  if (!values.email || !values.name || !role) {
    console.error(USAGE)
    process.exit(2)
  }
  const password = process.env.MANAGER_PASSWORD ?? (await askPassword())
  loadDotEnv()
  const config = loadConfig()
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, pgliteDir: config.PGLITE_DIR })
  try {
    await runMigrations(database)
    const manager = await createManager(
      database.db,
      { email: values.email, name: values.name, password, role: role satisfies ManagerRole },
      config.PASSWORD_HASH_COST,
    )
    console.log(`Manager ${manager.email} (${manager.role}) created (id ${manager.id}). Sign in at /manager/.`)
  } finally {
    await database.close()
  }
}

// Echo goes to a sink, so the password is not shown while it is typed.
async function askPassword(): Promise<string> {
  process.stdout.write(`Password (at least ${MIN_PASSWORD_LENGTH} characters): `)
  const sink = new Writable({ write: (_chunk, _encoding, done) => done() })
  const prompt = createInterface({ input: process.stdin, output: sink, terminal: true })
  const password = await prompt.question('')
  prompt.close()
  process.stdout.write('\n')
  return password
}

main().catch((error: unknown) => {
  console.error(
    error instanceof AppError ? (error.detail ?? error.title) : error instanceof Error ? error.message : error,
  )
  process.exit(1)
})

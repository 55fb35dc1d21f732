import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { openDatabase } from '../../app-server/db/client'
import { runMigrations } from '../../app-server/db/migrate'
import '../support/provided-context'

/**
 * Prepares one migrated database per run: for PGlite a template dump that each test file loads (migrating
 * takes seconds, loading a dump half a second); for PostgreSQL a fresh database dropped at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  return project.config.provide.testDatabaseDriver === 'postgres' ? setupPostgres(project) : setupPglite(project)
}

async function setupPglite(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'b24-pglite-template-'))
  const database = await openDatabase({ pgliteDir: 'memory://' })
  await runMigrations(database)
  const dump = await database.dumpDataDir!()
  await database.close()
  const path = join(dir, 'template.tar.gz')
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()))
  project.provide('pgliteTemplatePath', path)
  return async () => rmSync(dir, { recursive: true, force: true })
}

async function setupPostgres(project: TestProject) {
  const adminUrl = process.env.TEST_DATABASE_URL
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is required for the integration-postgres project')
  const name = `b24_test_${Date.now()}_${randomBytes(3).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 })
  await runMigrations(database)
  await database.close()
  project.provide('postgresUrl', url.toString())
  return async () => {
    await admin.query(`drop database if exists ${name} with (force)`)
    await admin.end()
  }
}

import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../app-server/db/client'
import { runMigrations } from '../../app-server/db/migrate'
import { jobs } from '../../app-server/db/schema'
import { withTransaction } from '../../app-server/db/transaction'
import { openTestDatabase } from '../support/test-database'

describe('database layer', () => {
  let database: Database
  beforeAll(async () => {
    database = await openTestDatabase()
  })
  afterAll(() => database.close())

  it('when migrations are applied to an up-to-date database, then nothing is applied', async () => {
    expect(await runMigrations(database)).toBe(0)
    expect(await runMigrations(database)).toBe(0)
  })

  it('when the work resolves, then the transaction commits', async () => {
    const key = `commit-${Date.now()}`
    await withTransaction(database.db, (tx) => tx.insert(jobs).values({ name: 'test.tx', key }))
    expect(await database.db.select().from(jobs).where(eq(jobs.key, key))).toHaveLength(1)
  })

  it('when the work throws, then nothing it wrote is kept', async () => {
    const key = `rollback-${Date.now()}`
    await expect(
      withTransaction(database.db, async (tx) => {
        await tx.insert(jobs).values({ name: 'test.tx', key })
        throw new Error('changed my mind')
      }),
    ).rejects.toThrow('changed my mind')
    expect(await database.db.select().from(jobs).where(eq(jobs.key, key))).toHaveLength(0)
  })

  it('when a nested transaction fails, then only its own writes roll back', async () => {
    const outer = `outer-${Date.now()}`
    const inner = `inner-${Date.now()}`
    await withTransaction(database.db, async (tx) => {
      await tx.insert(jobs).values({ name: 'test.tx', key: outer })
      await withTransaction(tx, async (nested) => {
        await nested.insert(jobs).values({ name: 'test.tx', key: inner })
        throw new Error('inner fails')
      }).catch(() => undefined)
    })
    expect(await database.db.select().from(jobs).where(eq(jobs.key, outer))).toHaveLength(1)
    expect(await database.db.select().from(jobs).where(eq(jobs.key, inner))).toHaveLength(0)
  })
})

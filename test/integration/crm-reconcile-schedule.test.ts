import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jobs } from '../../app-server/db/schema'
import { createWorker } from '../../app-server/jobs/registry'
import { createTestApp, type TestApp } from '../support/test-app'

/** The reconcile slots between two instants, oldest first. */
const reconcileSlots = async (t: TestApp, from: string, to: string) =>
  (await t.database.db.select({ key: jobs.key }).from(jobs).where(eq(jobs.name, 'crm-sync.reconcile')))
    .map((row) => row.key)
    .filter((key) => {
      const at = Number(key.replace('slot:', ''))
      return at >= Date.parse(from) && at <= Date.parse(to)
    })
    .sort()

describe('reconciliation schedule', () => {
  let t: TestApp
  beforeAll(async () => {
    // Other files' workers write reconcile slots of their own clocks into the `jobs` table, so on PostgreSQL this
    // file counts slots in a database of its own.
    t = await createTestApp({ RECONCILE_EVERY_SECONDS: '120' }, { ownDatabase: true })
  })
  afterAll(() => t.close())

  it('when RECONCILE_EVERY_SECONDS is 120, then every portal is reconciled every two minutes', async () => {
    const worker = createWorker(t.ctx)
    t.clock.set(new Date('2026-01-01T10:00:30Z'))
    await worker.drain()
    t.clock.set(new Date('2026-01-01T10:02:10Z'))
    await worker.drain()
    expect(await reconcileSlots(t, '2026-01-01T09:59:00Z', '2026-01-01T10:05:00Z')).toEqual([
      `slot:${Date.parse('2026-01-01T10:00:00Z')}`,
      `slot:${Date.parse('2026-01-01T10:02:00Z')}`,
    ])
  })
})

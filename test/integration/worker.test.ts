import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ManualClock } from '../../app-server/clock'
import type { Database } from '../../app-server/db/client'
import { jobs } from '../../app-server/db/schema'
import { withTransaction } from '../../app-server/db/transaction'
import { defineJob, enqueue, type JobDefinition } from '../../app-server/jobs/job'
import { Worker } from '../../app-server/jobs/worker'
import { captureLogger } from '../support/captured-logger'
import { openTestDatabase } from '../support/test-database'

let database: Database
beforeAll(async () => {
  database = await openTestDatabase()
})
afterAll(() => database.close())

function uniqueName(label: string): string {
  return `test.${label}.${Date.now()}.${Math.random().toString(36).slice(2)}`
}

function workerFor(definitions: JobDefinition<unknown>[], clock: ManualClock) {
  return new Worker({ db: database.db, logger: captureLogger().logger, clock, definitions, leaseMs: 60_000 })
}

async function jobRow(name: string, key: string) {
  const [row] = await database.db
    .select()
    .from(jobs)
    .where(and(eq(jobs.name, name), eq(jobs.key, key)))
  return row
}

describe('job worker', () => {
  it('when a job is enqueued in a transaction that rolls back, then it never runs', async () => {
    const ran: string[] = []
    const job = defineJob({
      name: uniqueName('outbox'),
      payload: z.object({ id: z.string() }),
      perform: async (p) => void ran.push(p.id),
    })
    await withTransaction(database.db, async (tx) => {
      await enqueue(tx, job, { key: 'a', payload: { id: 'a' } })
      throw new Error('rollback')
    }).catch(() => undefined)
    await withTransaction(database.db, (tx) => enqueue(tx, job, { key: 'b', payload: { id: 'b' } }))
    await workerFor([job], new ManualClock(new Date())).drain()
    expect(ran).toEqual(['b'])
  })

  it('when the same key is enqueued twice, then the job runs once', async () => {
    let runs = 0
    const job = defineJob({ name: uniqueName('idempotent'), payload: z.object({}), perform: async () => void runs++ })
    expect(await enqueue(database.db, job, { key: 'k', payload: {} })).toBe(true)
    expect(await enqueue(database.db, job, { key: 'k', payload: {} })).toBe(false)
    await workerFor([job], new ManualClock(new Date())).drain()
    expect(runs).toBe(1)
    expect((await jobRow(job.name, 'k'))?.status).toBe('done')
  })

  it('when a job fails, then it retries after its backoff and is marked failed after its last attempt', async () => {
    const clock = new ManualClock(new Date())
    let runs = 0
    const job = defineJob({
      name: uniqueName('flaky'),
      payload: z.object({}),
      maxAttempts: 3,
      backoffMs: () => 10_000,
      perform: async () => {
        runs++
        throw new Error(`attempt ${runs} failed for ann@example.com`)
      },
    })
    await enqueue(database.db, job, { key: 'x', payload: {} })
    const worker = workerFor([job], clock)
    await worker.runDue()
    expect(runs).toBe(1)
    await worker.runDue()
    expect(runs).toBe(1)
    clock.advance(10_000)
    await worker.runDue()
    clock.advance(10_000)
    await worker.runDue()
    clock.advance(10_000)
    await worker.runDue()
    expect(runs).toBe(3)
    const row = await jobRow(job.name, 'x')
    expect(row?.status).toBe('failed')
    expect(row?.lastError).toBe('attempt 3 failed for [email]')
  })

  it('when a worker died holding a job, then another worker runs it once the lease has passed', async () => {
    const clock = new ManualClock(new Date())
    const job = defineJob({ name: uniqueName('lease'), payload: z.object({}), perform: async () => undefined })
    await enqueue(database.db, job, { key: 'l', payload: {} })
    await database.db
      .update(jobs)
      .set({ status: 'running', attempts: 1, lockedUntil: new Date(clock.now().getTime() + 60_000) })
      .where(eq(jobs.name, job.name))
    const worker = workerFor([job], clock)
    expect(await worker.runDue()).toBe(0)
    clock.advance(61_000)
    expect(await worker.runDue()).toBe(1)
    expect((await jobRow(job.name, 'l'))?.status).toBe('done')
  })

  it('when stopped, then it waits for the jobs in flight', async () => {
    let finished = false
    const job = defineJob({
      name: uniqueName('slow'),
      payload: z.object({}),
      perform: async () => {
        await new Promise((resolve) => setTimeout(resolve, 200))
        finished = true
      },
    })
    await enqueue(database.db, job, { key: 's', payload: {} })
    const worker = new Worker({
      db: database.db,
      logger: captureLogger().logger,
      clock: new ManualClock(new Date()),
      definitions: [job],
      pollIntervalMs: 10,
    })
    worker.start()
    await expect.poll(async () => (await jobRow(job.name, 's'))?.status, { timeout: 5_000 }).not.toBe('pending')
    await worker.stop()
    expect(finished).toBe(true)
  })

  it('enqueues a recurring job once per interval', async () => {
    const clock = new ManualClock('2026-03-01T10:00:30Z')
    let runs = 0
    const job = defineJob({ name: uniqueName('recurring'), payload: z.object({}), perform: async () => void runs++ })
    const worker = new Worker({
      db: database.db,
      logger: captureLogger().logger,
      clock,
      definitions: [job],
      recurring: [{ job, everyMs: 60_000 }],
    })
    await worker.drain()
    await worker.drain()
    clock.advance(60_000)
    await worker.drain()
    expect(runs).toBe(2)
  })

  it('when one portal has a backlog of slow jobs, then the other portals still get slots and run at once', async () => {
    let release: () => void = () => undefined
    const held = new Promise<void>((resolve) => (release = resolve))
    const ran: string[] = []
    const job = defineJob({
      name: uniqueName('per-portal'),
      payload: z.object({ portalId: z.string() }),
      perform: async ({ portalId }) => {
        ran.push(portalId)
        if (portalId === 'slow') await held
      },
    })
    for (let i = 0; i < 10; i++) await enqueue(database.db, job, { key: `slow-${i}`, payload: { portalId: 'slow' } })
    await enqueue(database.db, job, { key: 'healthy', payload: { portalId: 'healthy' } })
    const worker = new Worker({
      db: database.db,
      logger: captureLogger().logger,
      clock: new ManualClock(new Date()),
      definitions: [job],
      batchSize: 4,
      perPortalLimit: 2,
      pollIntervalMs: 10,
    })
    worker.start()
    try {
      await expect.poll(() => ran.includes('healthy'), { timeout: 5_000 }).toBe(true)
      // The slow portal holds its share of the slots and no more, however many of its jobs are due.
      expect(ran.filter((portal) => portal === 'slow')).toHaveLength(2)
    } finally {
      release()
      await worker.stop()
    }
    await worker.drain()
    expect(ran.filter((portal) => portal === 'slow')).toHaveLength(10)
  })
})

import { and, eq, like } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ManualClock } from '../../app-server/clock'
import type { Database } from '../../app-server/db/client'
import { jobs } from '../../app-server/db/schema'
import { withTransaction } from '../../app-server/db/transaction'
import { emit as emitAppEvent, EventPayloadError } from '../../app-server/events'
import { eventOutbox } from '../../app-server/events/event-outbox'
import { Worker } from '../../app-server/jobs/worker'
import { captureLogger } from '../support/captured-logger'
import { openTestDatabase } from '../support/test-database'

let database: Database
beforeAll(async () => {
  database = await openTestDatabase()
})
afterAll(() => database.close())

/**
 * A catalog of its own per test: event names no other test file emits or dispatches, so workers of other files
 * on a shared database never take these events, and this file's workers never take theirs.
 */
function testOutbox() {
  const name = `test.${Date.now()}${Math.random().toString(36).slice(2)}.happened`
  const catalog = { [name]: z.object({ n: z.number().int() }) }
  return { name, ...eventOutbox(catalog) }
}

function workerFor(definitions: ReturnType<ReturnType<typeof testOutbox>['eventJobDefinitions']>, clock: ManualClock) {
  return new Worker({ db: database.db, logger: captureLogger().logger, clock, definitions, leaseMs: 60_000 })
}

describe('domain events through the outbox', () => {
  it('when the payload does not match its schema, then emit refuses it before anything is written', async () => {
    const refused = withTransaction(database.db, (tx) =>
      emitAppEvent(tx, 'reservation.created', {
        reservationId: 'not-a-uuid',
        requestId: crypto.randomUUID(),
        partnerId: crypto.randomUUID(),
        portalId: null,
      }),
    )
    await expect(refused).rejects.toBeInstanceOf(EventPayloadError)
    await expect(refused).rejects.toThrow(/reservation\.created.*reservationId/)
    // The message names the field, not the value passed.
    await expect(refused).rejects.not.toThrow(/not-a-uuid/)

    const { name, emit } = testOutbox()
    await expect(emit(database.db, name, { n: 1.5 })).rejects.toBeInstanceOf(EventPayloadError)
    expect(
      await database.db
        .select()
        .from(jobs)
        .where(eq(jobs.name, `event:${name}`)),
    ).toEqual([])
  })

  it('when an event is emitted in a transaction that rolls back, then no handler ever sees it', async () => {
    const { name, emit, defineEventHandlers, eventJobDefinitions } = testOutbox()
    const seen: number[] = []
    const consumer = defineEventHandlers('listener', { [name]: { handle: async ({ n }) => void seen.push(n) } })
    await withTransaction(database.db, async (tx) => {
      await emit(tx, name, { n: 1 })
      throw new Error('rollback')
    }).catch(() => undefined)
    await withTransaction(database.db, (tx) => emit(tx, name, { n: 2 }))
    await workerFor(eventJobDefinitions(database.db, [consumer]), new ManualClock(new Date())).drain()
    expect(seen).toEqual([2])
  })

  it('when one handler fails, then it is retried after its backoff while another handler of the event runs once', async () => {
    const { name, emit, defineEventHandlers, eventJobDefinitions } = testOutbox()
    const clock = new ManualClock(new Date())
    let flakyAttempts = 0
    let steadyRuns = 0
    const flaky = defineEventHandlers('flaky', {
      [name]: {
        backoff: { firstMs: 10_000, maxMs: 10_000 },
        handle: async (_event, { attempt }) => {
          flakyAttempts = attempt
          if (attempt < 3) throw new Error(`attempt ${attempt} failed`)
        },
      },
    })
    const steady = defineEventHandlers('steady', { [name]: { handle: async () => void steadyRuns++ } })
    await emit(database.db, name, { n: 1 })
    const worker = workerFor(eventJobDefinitions(database.db, [flaky, steady]), clock)

    await worker.drain()
    expect({ flakyAttempts, steadyRuns }).toEqual({ flakyAttempts: 1, steadyRuns: 1 })
    await worker.drain()
    expect(flakyAttempts).toBe(1)
    for (const expected of [2, 3]) {
      // Past the backoff and its jitter (±20 %).
      clock.advance(12_001)
      await worker.drain()
      expect(flakyAttempts).toBe(expected)
    }
    expect(steadyRuns).toBe(1)
    const deliveries = await database.db
      .select({ name: jobs.name, status: jobs.status, attempts: jobs.attempts })
      .from(jobs)
      .where(like(jobs.name, `%:${name}`))
    expect(deliveries.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: `event:${name}`, status: 'done', attempts: 1 },
      { name: `flaky:${name}`, status: 'done', attempts: 3 },
      { name: `steady:${name}`, status: 'done', attempts: 1 },
    ])
  })

  it('when events share a delivery key, then their handler runs once for all of them, not before its time', async () => {
    const { name, emit, defineEventHandlers, eventJobDefinitions } = testOutbox()
    const clock = new ManualClock(new Date())
    const startsAt = new Date(clock.now().getTime() + 5_000)
    const seen: number[] = []
    const consumer = defineEventHandlers('grouped', {
      [name]: {
        deliveryKey: () => 'one-key',
        notBefore: () => startsAt,
        handle: async ({ n }) => void seen.push(n),
      },
    })
    for (const n of [1, 2, 3]) await emit(database.db, name, { n })
    const worker = workerFor(eventJobDefinitions(database.db, [consumer]), clock)
    await worker.drain()
    expect(seen).toEqual([])
    clock.advance(5_000)
    await worker.drain()
    expect(seen).toHaveLength(1)
  })

  it('when several events are due at once, then a batch handler takes them together, and one by one if the batch fails', async () => {
    const { name, emit, defineEventHandlers, eventJobDefinitions } = testOutbox()
    const batches: number[][] = []
    const single: number[] = []
    const consumer = defineEventHandlers('batched', {
      [name]: {
        handleBatch: async (events) => {
          if (events.some(({ n }) => n < 0)) throw new Error('a bad event in the batch')
          batches.push(events.map(({ n }) => n).sort())
        },
        handle: async ({ n }) => {
          if (n < 0) throw new Error('bad event')
          single.push(n)
        },
      },
    })
    const worker = workerFor(eventJobDefinitions(database.db, [consumer]), new ManualClock(new Date()))
    for (const n of [1, 2, 3]) await emit(database.db, name, { n })
    await worker.drain()
    expect(batches).toEqual([[1, 2, 3]])

    for (const n of [4, -1, 5]) await emit(database.db, name, { n })
    await worker.drain()
    expect(batches).toEqual([[1, 2, 3]])
    expect(single.sort()).toEqual([4, 5])
    const [failed] = await database.db
      .select({ attempts: jobs.attempts, status: jobs.status })
      .from(jobs)
      .where(and(eq(jobs.name, `batched:${name}`), eq(jobs.status, 'pending')))
    expect(failed).toEqual({ attempts: 1, status: 'pending' })
  })

  it('when an event has no handler, then its dispatch is done and nothing else is written', async () => {
    const { name, emit, eventJobDefinitions } = testOutbox()
    await emit(database.db, name, { n: 1 })
    await workerFor(eventJobDefinitions(database.db, []), new ManualClock(new Date())).drain()
    const rows = await database.db
      .select()
      .from(jobs)
      .where(like(jobs.name, `%${name}`))
    expect(rows.map((row) => [row.name, row.status])).toEqual([[`event:${name}`, 'done']])
  })
})

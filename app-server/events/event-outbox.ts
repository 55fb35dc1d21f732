import { randomUUID } from 'node:crypto'
import type { z } from 'zod'
import type { Executor, Tx } from '../db/client'
import { backoffMs, type Backoff } from '../jobs/backoff'
import {
  defineJob,
  enqueue,
  enqueueMany,
  type BatchItem,
  type JobContext,
  type JobDefinition,
  type JobSpec,
} from '../jobs/job'
import type { Logger } from '../logger'

/**
 * Domain events through the transactional outbox, on the `jobs` table:
 *
 * - `emit(tx, name, payload)` validates the payload against the catalog and writes one job `event:<name>` in the
 *   caller's transaction, keyed by a new event id: the event exists only if that transaction commits.
 * - The worker runs that job by writing one delivery job per handler, `<consumer>:<name>`, and each delivery job
 *   runs its handler with the worker's leases, attempts and backoff. A handler that fails is retried on its own
 *   schedule; the other handlers of the event are separate jobs and never wait for it. Delivery is at least once
 *   per (event, handler), so handlers are idempotent.
 *
 * Why two steps on `jobs` rather than an `events` table, or one delivery per handler written by `emit` itself:
 * the jobs table already gives durability, claiming with SKIP LOCKED, leases after a crash, attempts and backoff,
 * so an events table would repeat all of it. Writing the deliveries at emit time would need every process that
 * emits (web, worker, tests, scripts) to hold the full list of handlers, and an event emitted where it was
 * missing would silently reach nobody; here only the worker, built at the composition root with every handler,
 * needs it. The price is one extra job per event: the worker dispatches due events in batches of up to 500 (one
 * transaction each), a poll before their handlers run.
 */

/** Event names and the zod schemas of their payloads. */
export type EventCatalog = Record<string, z.ZodType>

export interface EventHandler<P> {
  /** Reacts to one event. Runs at least once per event; must be idempotent. */
  handle(payload: P, context: JobContext): Promise<void>
  /**
   * Reacts to every due event of this handler at once (up to 500), in the transaction `tx` that marks their
   * deliveries done: exactly once for the lot. Database work only, through `tx`. If it throws, each event goes to
   * `handle` on its own.
   */
  handleBatch?(payloads: P[], context: { tx: Tx; logger: Logger }): Promise<void>
  /** Attempts before the delivery is marked failed (10 by default). */
  maxAttempts?: number
  /** How retries space out; the app's one backoff formula with these parameters (1 s doubling to 1 h by default). */
  backoff?: Backoff
  /**
   * The delivery's key, unique per handler: deliveries with one key are written once, so a key shared by several
   * events makes one run for all of them. The event id by default.
   */
  deliveryKey?(payload: P, eventId: string): string
  /** The earliest time the handler runs; at once by default. */
  notBefore?(payload: P): Date | undefined
}

/** One module's handlers, by event name. */
export type EventHandlers<C extends EventCatalog> = { [N in keyof C & string]?: EventHandler<z.infer<C[N]>> }

export interface EventConsumer<C extends EventCatalog> {
  /** The consuming module: names its delivery jobs, so it is unique. */
  name: string
  handlers: EventHandlers<C>
}

/** An emit whose payload does not match its event's schema: a programming error, refused before anything is written. */
export class EventPayloadError extends Error {
  constructor(name: string, error: z.ZodError) {
    // Paths and codes only: the values may be anything the caller passed.
    const issues = error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.code}`).join('; ')
    super(`Event ${name} refused, its payload does not match the catalog: ${issues}`)
    this.name = 'EventPayloadError'
  }
}

const DEFAULT_MAX_ATTEMPTS = 10
const dispatchJobName = (name: string) => `event:${name}`

/** The outbox functions for one catalog; the app's are in `./index.ts`, tests make their own. */
export function eventOutbox<C extends EventCatalog>(catalog: C) {
  type Name = keyof C & string
  type Payload<N extends Name> = z.infer<C[N]>

  const dispatchJob = <N extends Name>(name: N): JobSpec<Payload<N>> => ({
    name: dispatchJobName(name),
    payload: catalog[name] as z.ZodType<Payload<N>>,
  })

  /**
   * Writes the event in the caller's transaction; its handlers run after the commit, never after a rollback.
   * @returns the event id.
   * @throws EventPayloadError when the payload does not match the event's schema.
   */
  async function emit<N extends Name>(executor: Executor, name: N, payload: Payload<N>): Promise<string> {
    const parsed = catalog[name]!.safeParse(payload)
    if (!parsed.success) throw new EventPayloadError(name, parsed.error)
    const id = randomUUID()
    await enqueue(executor, dispatchJob(name), { key: id, payload: parsed.data as Payload<N> })
    return id
  }

  /** A module's reactions: `defineEventHandlers('rating', { 'request.rejected_as_spam': { handle } })`. */
  function defineEventHandlers(consumer: string, handlers: EventHandlers<C>): EventConsumer<C> {
    if (!/^[a-z][a-z0-9-]*$/.test(consumer)) throw new Error(`Consumer name ${consumer} is not kebab-case`)
    return { name: consumer, handlers }
  }

  /**
   * The job that delivers `name` to `consumer`'s handler: for a module that looks at its own deliveries (a
   * failures list) or writes one again (a manual retry). `maxAttempts` must be the handler's.
   */
  function deliveryJob<N extends Name>(consumer: string, name: N, maxAttempts?: number): JobSpec<Payload<N>> {
    return {
      name: `${consumer}:${name}`,
      payload: catalog[name] as z.ZodType<Payload<N>>,
      maxAttempts: maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    }
  }

  /** The worker's jobs for these consumers: one dispatch job per event name, one delivery job per handler. */
  function eventJobDefinitions(db: Executor, consumers: EventConsumer<C>[]): JobDefinition<unknown>[] {
    const names = new Set(consumers.map((consumer) => consumer.name))
    if (names.size !== consumers.length) throw new Error('Two event consumers have the same name')
    return (Object.keys(catalog) as Name[]).flatMap((name) => {
      const subscribers = consumers.flatMap(({ name: consumer, handlers }) => {
        const handler = handlers[name] as EventHandler<Payload<typeof name>> | undefined
        return handler ? [{ consumer, handler, job: deliveryJob(consumer, name, handler.maxAttempts) }] : []
      })
      const fanOut = async (executor: Executor, events: BatchItem<Payload<typeof name>>[]) => {
        for (const { handler, job } of subscribers) {
          await enqueueMany(
            executor,
            job,
            events.map(({ key: eventId, payload }) => {
              const runAt = handler.notBefore?.(payload)
              return { key: handler.deliveryKey?.(payload, eventId) ?? eventId, payload, ...(runAt ? { runAt } : {}) }
            }),
          )
        }
      }
      const dispatch = defineJob({
        ...dispatchJob(name),
        perform: (payload, { key }) => fanOut(db, [{ key, payload }]),
        // The deliveries and the dispatch's completion commit together.
        performBatch: (items, { tx }) => fanOut(tx, items),
      })
      const deliveries = subscribers.map(({ handler, job }) =>
        defineJob({
          ...job,
          backoffMs: (attempt: number) => backoffMs(attempt, handler.backoff),
          perform: (payload, context) => handler.handle(payload, context),
          ...(handler.handleBatch
            ? {
                performBatch: (items: BatchItem<Payload<typeof name>>[], context: { tx: Tx; logger: Logger }) =>
                  handler.handleBatch!(
                    items.map((item) => item.payload),
                    context,
                  ),
              }
            : {}),
        }),
      )
      return [dispatch, ...deliveries] as JobDefinition<unknown>[]
    })
  }

  return { emit, defineEventHandlers, deliveryJob, eventJobDefinitions }
}

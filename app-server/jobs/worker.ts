import { and, eq, sql } from 'drizzle-orm'
import type { Clock } from '../clock'
import type { Db, Tx } from '../db/client'
import { jobs } from '../db/schema'
import { withTransaction } from '../db/transaction'
import { scrubContactData, type Logger } from '../logger'
import { requestContext } from '../request-context'
import { backoffMs } from './backoff'
import { claimDueJobs, type ClaimedJob } from './claim'
import { enqueue, type JobDefinition } from './job'

/** Jobs one batch takes at most, unless its definition says otherwise. */
const DEFAULT_BATCH_LIMIT = 500

export interface RecurringJob {
  job: JobDefinition<Record<string, never>>
  everyMs: number
}

export interface WorkerOptions {
  db: Db
  logger: Logger
  clock: Clock
  definitions: JobDefinition<unknown>[]
  recurring?: RecurringJob[]
  /** Jobs claimed per `runDue`, and jobs run at once by a started worker. */
  batchSize?: number
  /**
   * The most jobs of one portal (a payload's `portalId`) a started worker runs at once; a quarter of `batchSize`
   * by default, so a slow portal leaves the other slots to the others.
   */
  perPortalLimit?: number
  pollIntervalMs?: number
  /** A claimed job not finished within this time is taken to have died with its process and runs again. */
  leaseMs?: number
}

/** A job's portal, when its payload names one: the unit the worker shares its slots fairly between. */
const portalOf = (job: ClaimedJob): string | undefined => {
  const portalId = (job.payload as { portalId?: unknown } | null)?.portalId
  return typeof portalId === 'string' ? portalId : undefined
}

/**
 * Runs due jobs from the `jobs` table. Several workers (threads or processes) can run at once:
 * each claims jobs with `FOR UPDATE SKIP LOCKED`, so no job runs twice at the same time.
 *
 * A started worker keeps `batchSize` slots busy: as soon as a job finishes, the next due job takes its slot, so a
 * slow job (a portal taking a minute to answer) holds one slot, not the whole worker. At most `perPortalLimit`
 * slots go to one portal's jobs, so one slow portal cannot delay the others' leads, events and ratings.
 */
export class Worker {
  private readonly definitions: Map<string, JobDefinition<unknown>>
  private readonly inFlight = new Set<Promise<void>>()
  private readonly runningPerPortal = new Map<string, number>()
  private loop: Promise<void> = Promise.resolve()
  private wake: (() => void) | undefined
  private recurringDueAt = 0
  private stopped = true

  constructor(private readonly options: WorkerOptions) {
    this.definitions = new Map(options.definitions.map((job) => [job.name, job]))
  }

  private get slots(): number {
    return this.options.batchSize ?? 20
  }

  private get perPortalLimit(): number {
    return this.options.perPortalLimit ?? Math.max(1, Math.floor(this.slots / 4))
  }

  private get pollIntervalMs(): number {
    return this.options.pollIntervalMs ?? 500
  }

  start(): void {
    if (!this.stopped) return
    this.stopped = false
    this.loop = this.keepSlotsBusy()
  }

  /** Stops claiming and waits for the jobs in flight to finish. */
  async stop(): Promise<void> {
    this.stopped = true
    this.wake?.()
    await this.loop
    await Promise.all(this.inFlight)
  }

  private async keepSlotsBusy(): Promise<void> {
    while (!this.stopped) {
      let idle = true
      try {
        idle = await this.fillSlots()
      } catch (error) {
        this.options.logger.error({ err: error }, 'job poll failed')
      }
      if (this.stopped) break
      // Claim again at once while work keeps coming; otherwise when a slot frees up or the poll interval passes.
      if (idle || this.inFlight.size >= this.slots) await this.nextChance()
    }
  }

  /**
   * Starts due jobs in the free slots, leaving out portals that have their share.
   * @returns whether fewer jobs were due than slots were free.
   */
  private async fillSlots(): Promise<boolean> {
    if (performance.now() >= this.recurringDueAt) {
      await this.enqueueRecurring()
      this.recurringDueAt = performance.now() + this.pollIntervalMs
    }
    const free = this.slots - this.inFlight.size
    if (free <= 0) return false
    const claimed = await this.claim([...this.definitions.keys()], free, this.runningPerPortal)
    for (const group of groupByName(claimed).values()) {
      // A batch-capable group runs as one unit in one slot; other jobs take a slot each.
      if (this.definitions.get(group[0]!.name)?.performBatch) this.track(group)
      else for (const job of group) this.track([job])
    }
    return claimed.length < free
  }

  private track(group: ClaimedJob[]): void {
    const portals = group.map(portalOf).filter((portal) => portal !== undefined)
    for (const portal of portals) this.runningPerPortal.set(portal, (this.runningPerPortal.get(portal) ?? 0) + 1)
    const run: Promise<void> = this.performGroup(group)
      .then(() => undefined)
      .catch((error: unknown) => this.options.logger.error({ err: error }, 'job run failed'))
      .finally(() => {
        for (const portal of portals) {
          const left = (this.runningPerPortal.get(portal) ?? 1) - 1
          if (left > 0) this.runningPerPortal.set(portal, left)
          else this.runningPerPortal.delete(portal)
        }
        this.inFlight.delete(run)
        this.wake?.()
      })
    this.inFlight.add(run)
  }

  /** Resolves when a job finishes, the worker stops, or the poll interval has passed. */
  private async nextChance(): Promise<void> {
    let timer: NodeJS.Timeout | undefined
    await new Promise<void>((resolve) => {
      this.wake = resolve
      timer = setTimeout(resolve, this.pollIntervalMs)
    })
    clearTimeout(timer)
    this.wake = undefined
  }

  /**
   * Enqueues due recurring jobs, then claims and runs one batch. Tests call it to run jobs inline.
   * @returns how many jobs ran.
   */
  async runDue(): Promise<number> {
    await this.enqueueRecurring()
    const claimed = await this.claim()
    const ran = await Promise.all([...groupByName(claimed).values()].map((group) => this.performGroup(group)))
    return ran.reduce((sum, count) => sum + count, 0)
  }

  /** Runs batches until nothing is due. */
  async drain(maxBatches = 1_000): Promise<number> {
    let total = 0
    for (let batch = 0; batch < maxBatches; batch++) {
      const ran = await this.runDue()
      total += ran
      if (ran === 0) break
    }
    return total
  }

  private async enqueueRecurring(): Promise<void> {
    const now = this.options.clock.now().getTime()
    for (const { job, everyMs } of this.options.recurring ?? []) {
      const slot = Math.floor(now / everyMs) * everyMs
      await enqueue(this.options.db, job, { key: `slot:${slot}`, payload: {}, runAt: new Date(slot) })
    }
  }

  /** Claims due jobs of the given names, oldest first; with `runningPerPortal`, each portal up to its share. */
  private claim(
    names = [...this.definitions.keys()],
    limit = this.slots,
    runningPerPortal?: Map<string, number>,
  ): Promise<ClaimedJob[]> {
    const now = this.options.clock.now()
    return claimDueJobs(this.options.db, {
      names,
      limit,
      now,
      lockedUntil: new Date(now.getTime() + (this.options.leaseMs ?? 5 * 60_000)),
      ...(runningPerPortal ? { fairness: { runningPerPortal, perPortalLimit: this.perPortalLimit } } : {}),
    })
  }

  /**
   * Jobs of one name claimed together run one by one, or, when their definition does batches, as one batch with
   * every other due job of the name up to its limit.
   */
  private async performGroup(claimed: ClaimedJob[]): Promise<number> {
    const definition = this.definitions.get(claimed[0]!.name)
    if (!definition) return 0
    if (!definition.performBatch) {
      await Promise.all(claimed.map((job) => this.perform(job, definition)))
      return claimed.length
    }
    const limit = definition.batchLimit ?? DEFAULT_BATCH_LIMIT
    const group = [...claimed, ...(await this.claim([definition.name], limit - claimed.length))]
    if (group.length === 1) {
      await this.perform(group[0]!, definition)
      return 1
    }
    const logger = this.options.logger.child({ jobName: definition.name, batch: group.length })
    const done = await requestContext.run({ requestId: `jobs:${group[0]!.id}+${group.length - 1}` }, () =>
      withTransaction(this.options.db, async (tx) => {
        const items = group.map((job) => ({ key: job.key, payload: definition.payload.parse(job.payload) }))
        await definition.performBatch!(items, { tx, logger })
        await this.finishDone(tx, group)
      }).then(
        () => true,
        (error: unknown) => {
          logger.warn({ err: error }, 'batch failed, its jobs run one by one')
          return false
        },
      ),
    )
    // One after the other: the batch may have failed on contention that running them side by side would repeat.
    if (!done) for (const job of group) await this.perform(job, definition)
    return group.length
  }

  private async perform(job: ClaimedJob, definition: JobDefinition<unknown>): Promise<void> {
    const logger = this.options.logger.child({ jobId: job.id, jobName: job.name, attempt: job.attempts })
    await requestContext.run({ requestId: `job:${job.id}` }, async () => {
      try {
        await definition.perform(definition.payload.parse(job.payload), {
          key: job.key,
          attempt: job.attempts,
          maxAttempts: job.max_attempts,
          logger,
        })
        await this.finish(job, { status: 'done', lockedUntil: null, lastError: null })
      } catch (error) {
        await this.fail(job, definition, error, logger)
      }
    })
  }

  private async fail(job: ClaimedJob, definition: JobDefinition<unknown>, error: unknown, logger: Logger) {
    const lastError = scrubContactData(error instanceof Error ? error.message : String(error)).slice(0, 2_000)
    if (job.attempts >= job.max_attempts) {
      logger.error({ err: error }, 'job failed for good')
      return this.finish(job, { status: 'failed', lockedUntil: null, lastError })
    }
    const delay = definition.backoffMs ? definition.backoffMs(job.attempts) : backoffMs(job.attempts)
    logger.warn({ err: error, retryInMs: delay }, 'job failed, will retry')
    const runAt = new Date(this.options.clock.now().getTime() + delay)
    await this.finish(job, { status: 'pending', lockedUntil: null, lastError, runAt })
  }

  private async finish(job: ClaimedJob, values: Partial<typeof jobs.$inferInsert>): Promise<void> {
    await this.options.db
      .update(jobs)
      .set({ ...values, updatedAt: this.options.clock.now() })
      .where(and(eq(jobs.id, job.id), eq(jobs.status, 'running'), eq(jobs.attempts, job.attempts)))
  }

  /** A batch's jobs done in one statement of its transaction; like `finish`, only those still held by this run. */
  private async finishDone(tx: Tx, group: ClaimedJob[]): Promise<void> {
    await tx.execute(sql`
      update jobs set status = 'done', locked_until = null, last_error = null,
                      updated_at = ${this.options.clock.now().toISOString()}::timestamptz
      from unnest(${sql.param(group.map((job) => job.id))}::bigint[], ${sql.param(group.map((job) => job.attempts))}::int[])
        as held(id, attempts)
      where jobs.id = held.id and jobs.status = 'running' and jobs.attempts = held.attempts`)
  }
}

function groupByName(claimed: ClaimedJob[]): Map<string, ClaimedJob[]> {
  const groups = new Map<string, ClaimedJob[]>()
  for (const job of claimed) groups.set(job.name, [...(groups.get(job.name) ?? []), job])
  return groups
}

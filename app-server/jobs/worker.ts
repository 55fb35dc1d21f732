import { and, eq, sql } from 'drizzle-orm'
import type { Clock } from '../clock'
import { queryRows, type Db, type Tx } from '../db/client'
import { jobs } from '../db/schema'
import { withTransaction } from '../db/transaction'
import { scrubContactData, type Logger } from '../logger'
import { requestContext } from '../request-context'
import { backoffMs } from './backoff'
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
  /** Jobs claimed per poll. */
  batchSize?: number
  pollIntervalMs?: number
  /** A claimed job not finished within this time is taken to have died with its process and runs again. */
  leaseMs?: number
}

interface ClaimedJob {
  id: number
  name: string
  key: string
  payload: unknown
  attempts: number
  max_attempts: number
}

/**
 * Runs due jobs from the `jobs` table. Several workers (threads or processes) can run at once:
 * each claims a batch with `FOR UPDATE SKIP LOCKED`, so no job runs twice at the same time.
 */
export class Worker {
  private readonly definitions: Map<string, JobDefinition<unknown>>
  private timer: NodeJS.Timeout | undefined
  private running: Promise<unknown> = Promise.resolve()
  private stopped = true

  constructor(private readonly options: WorkerOptions) {
    this.definitions = new Map(options.definitions.map((job) => [job.name, job]))
  }

  start(): void {
    if (!this.stopped) return
    this.stopped = false
    this.schedule(0)
  }

  /** Stops polling and waits for the jobs in flight to finish. */
  async stop(): Promise<void> {
    this.stopped = true
    clearTimeout(this.timer)
    await this.running
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

  private schedule(delayMs: number): void {
    if (this.stopped) return
    this.timer = setTimeout(() => {
      this.running = this.runDue()
        .catch((error: unknown) => this.options.logger.error({ err: error }, 'job poll failed'))
        .then((ran) => this.schedule(typeof ran === 'number' && ran > 0 ? 0 : (this.options.pollIntervalMs ?? 500)))
    }, delayMs)
  }

  private async enqueueRecurring(): Promise<void> {
    const now = this.options.clock.now().getTime()
    for (const { job, everyMs } of this.options.recurring ?? []) {
      const slot = Math.floor(now / everyMs) * everyMs
      await enqueue(this.options.db, job, { key: `slot:${slot}`, payload: {}, runAt: new Date(slot) })
    }
  }

  /** Claims due jobs of the given names (every known name by default), oldest first. */
  private async claim(names = [...this.definitions.keys()], limit = this.options.batchSize ?? 20) {
    if (names.length === 0 || limit <= 0) return []
    const now = this.options.clock.now()
    const lockedUntil = new Date(now.getTime() + (this.options.leaseMs ?? 5 * 60_000))
    return queryRows<ClaimedJob>(
      this.options.db,
      sql`update jobs set status = 'running', attempts = attempts + 1,
            locked_until = ${lockedUntil.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz
          where id in (
            select id from jobs
            where name = any(${sql.param(names)}::text[])
              and ((status = 'pending' and (run_at is null or run_at <= ${now.toISOString()}::timestamptz))
                or (status = 'running' and locked_until < ${now.toISOString()}::timestamptz))
            order by run_at nulls first, id
            limit ${limit}
            for update skip locked)
          returning id, name, key, payload, attempts, max_attempts`,
    )
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

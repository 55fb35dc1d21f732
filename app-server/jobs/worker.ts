import { and, eq, sql } from 'drizzle-orm'
import type { Clock } from '../clock'
import { queryRows, type Db } from '../db/client'
import { jobs } from '../db/schema'
import { scrubContactData, type Logger } from '../logger'
import { requestContext } from '../request-context'
import { backoffMs } from './backoff'
import { enqueue, type JobDefinition } from './job'

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

  /** Enqueues due recurring jobs, then claims and runs one batch. Tests call it to run jobs inline. */
  async runDue(): Promise<number> {
    await this.enqueueRecurring()
    const claimed = await this.claim()
    await Promise.all([...groupByName(claimed).values()].map((group) => this.performGroup(group)))
    return claimed.length
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

  private async claim(): Promise<ClaimedJob[]> {
    const names = [...this.definitions.keys()]
    if (names.length === 0) return []
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
            limit ${this.options.batchSize ?? 20}
            for update skip locked)
          returning id, name, key, payload, attempts, max_attempts`,
    )
  }

  /** Jobs of one name claimed together run as one batch when their definition can, else one by one. */
  private async performGroup(group: ClaimedJob[]): Promise<void> {
    const definition = this.definitions.get(group[0]!.name)
    if (!definition) return
    if (!definition.performBatch || group.length === 1) {
      await Promise.all(group.map((job) => this.perform(job, definition)))
      return
    }
    const logger = this.options.logger.child({ jobIds: group.map((job) => job.id), jobName: definition.name })
    const done = await requestContext.run({ requestId: `jobs:${group[0]!.id}+${group.length - 1}` }, async () => {
      try {
        const items = group.map((job) => ({ key: job.key, payload: definition.payload.parse(job.payload) }))
        await definition.performBatch!(items, { logger })
        return true
      } catch (error) {
        logger.warn({ err: error }, 'batch failed, its jobs run one by one')
        return false
      }
    })
    if (done) await this.finishDone(group)
    // One after the other: the batch may have failed on contention that running them side by side would repeat.
    else for (const job of group) await this.perform(job, definition)
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

  /** A batch's jobs done in one statement; like `finish`, only those still held by this run. */
  private async finishDone(group: ClaimedJob[]): Promise<void> {
    await this.options.db.execute(sql`
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

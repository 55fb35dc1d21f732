import { and, eq, sql } from 'drizzle-orm'
import type { Clock } from '../clock'
import { queryRows, type Db } from '../db/client'
import { jobs } from '../db/schema'
import { scrubContactData, type Logger } from '../logger'
import { requestContext } from '../request-context'
import { enqueue, exponentialBackoffMs, type JobDefinition } from './job'

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
    await Promise.all(claimed.map((job) => this.perform(job)))
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

  private async perform(job: ClaimedJob): Promise<void> {
    const definition = this.definitions.get(job.name)
    if (!definition) return
    const logger = this.options.logger.child({ jobId: job.id, jobName: job.name, attempt: job.attempts })
    await requestContext.run({ requestId: `job:${job.id}` }, async () => {
      try {
        await definition.perform(definition.payload.parse(job.payload), { attempt: job.attempts, logger })
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
    const delay = (definition.backoffMs ?? exponentialBackoffMs)(job.attempts)
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
}

import { and, eq, inArray, isNotNull } from 'drizzle-orm'
import type { z } from 'zod'
import type { Executor, Tx } from '../db/client'
import { jobs } from '../db/schema'
import type { Logger } from '../logger'

export interface JobContext {
  /** The job's key: the business id it was enqueued under. */
  key: string
  /** How many times this job has been started, this run included. */
  attempt: number
  /** The attempts it has in all; the job is marked failed when an attempt numbered so fails. */
  maxAttempts: number
  logger: Logger
}

/** One job of a batch that `performBatch` handles at once. */
export interface BatchItem<P> {
  key: string
  payload: P
}

/** What enqueueing needs to know of a job: a module can write jobs whose work another part of the app performs. */
export interface JobSpec<P = unknown> {
  name: string
  payload: z.ZodType<P>
  /** Attempts before the job is marked failed; it then waits for a manager's retry. */
  maxAttempts?: number
}

export interface JobDefinition<P = unknown> extends JobSpec<P> {
  /** Milliseconds to wait before the next attempt. Defaults to `backoffMs` with the default parameters. */
  backoffMs?: (attempt: number) => number
  perform(payload: P, context: JobContext): Promise<void>
  /**
   * Does the work of every due job of this name at once, up to `batchLimit`, in the transaction `tx` that also
   * marks them done: one commit for the lot, so a backlog costs a few statements per batch, not per job. Database
   * work only, through `tx` (touching the root database inside it deadlocks PGlite). When it throws, the worker
   * runs the same jobs one by one with `perform`, so one bad job cannot hold back the others.
   */
  performBatch?(items: BatchItem<P>[], context: { tx: Tx; logger: Logger }): Promise<void>
  /** The most jobs one `performBatch` takes; 500 by default. */
  batchLimit?: number
}

/** Declares a job; its payload is validated before `perform` runs. */
export function defineJob<P>(definition: JobDefinition<P>): JobDefinition<P> {
  return definition
}

export interface EnqueueOptions<P> {
  key: string
  payload: P
  runAt?: Date
  maxAttempts?: number
}

/**
 * Writes a job in the caller's transaction (the outbox): it runs only if that transaction commits.
 * Enqueueing the same `(name, key)` twice is a no-op, which makes callers idempotent.
 * @returns whether a new job was written.
 */
export async function enqueue<P>(executor: Executor, job: JobSpec<P>, options: EnqueueOptions<P>): Promise<boolean> {
  const rows = await executor
    .insert(jobs)
    .values({
      name: job.name,
      key: options.key,
      payload: job.payload.parse(options.payload) as object,
      ...(options.runAt ? { runAt: options.runAt } : {}),
      maxAttempts: options.maxAttempts ?? job.maxAttempts ?? 10,
    })
    .onConflictDoNothing({ target: [jobs.name, jobs.key] })
    .returning({ id: jobs.id })
  return rows.length > 0
}

/**
 * Writes several jobs of one kind in one statement; the `(name, key)`s already written are skipped. Rows go in
 * key order, so two transactions writing overlapping keys wait for each other instead of deadlocking.
 */
export async function enqueueMany<P>(executor: Executor, job: JobSpec<P>, items: EnqueueOptions<P>[]): Promise<void> {
  if (items.length === 0) return
  const byKey = new Map<string, EnqueueOptions<P>>()
  for (const options of items) if (!byKey.has(options.key)) byKey.set(options.key, options)
  await executor
    .insert(jobs)
    .values(
      [...byKey.keys()]
        .sort()
        .map((key) => byKey.get(key)!)
        .map((options) => ({
          name: job.name,
          key: options.key,
          payload: job.payload.parse(options.payload) as object,
          runAt: options.runAt ?? null,
          maxAttempts: options.maxAttempts ?? job.maxAttempts ?? 10,
        })),
    )
    .onConflictDoNothing({ target: [jobs.name, jobs.key] })
}

/**
 * Marks waiting jobs done whose work another run has already done (a batch that covered them), so the worker
 * does not spend a claim on each of them. Running jobs are left to finish on their own.
 */
export async function completeWaitingJobs(executor: Executor, job: JobSpec, keys: string[], now: Date): Promise<void> {
  if (keys.length === 0) return
  await executor
    .update(jobs)
    .set({ status: 'done', lockedUntil: null, updatedAt: now })
    .where(and(eq(jobs.name, job.name), inArray(jobs.key, keys), eq(jobs.status, 'pending')))
}

/**
 * Puts a job due now with a fresh set of attempts, e.g. after a manager fixed what made it fail.
 * @returns whether the job exists.
 */
export async function retryJobNow(executor: Executor, job: JobSpec, key: string, now: Date): Promise<boolean> {
  const rows = await executor
    .update(jobs)
    .set({ status: 'pending', attempts: 0, runAt: now, lockedUntil: null, updatedAt: now })
    .where(and(eq(jobs.name, job.name), eq(jobs.key, key)))
    .returning({ id: jobs.id })
  return rows.length > 0
}

/** Forgets the last error texts of the jobs with these keys (any name): they may quote data a client erased. */
export async function clearJobErrors(executor: Executor, keys: string[], now: Date): Promise<void> {
  if (keys.length === 0) return
  await executor
    .update(jobs)
    .set({ lastError: null, updatedAt: now })
    .where(and(inArray(jobs.key, keys), isNotNull(jobs.lastError)))
}

import { and, eq, inArray, isNotNull } from 'drizzle-orm'
import type { z } from 'zod'
import type { Executor } from '../db/client'
import { jobs } from '../db/schema'
import type { Logger } from '../logger'

export interface JobContext {
  /** How many times this job has been started, this run included. */
  attempt: number
  logger: Logger
}

/** What enqueueing needs to know of a job: a module can write jobs whose work another part of the app performs. */
export interface JobSpec<P = unknown> {
  name: string
  payload: z.ZodType<P>
  /** Attempts before the job is marked failed; it then waits for a manager's retry. */
  maxAttempts?: number
}

export interface JobDefinition<P = unknown> extends JobSpec<P> {
  /** Milliseconds to wait before the next attempt. Defaults to exponential backoff. */
  backoffMs?: (attempt: number) => number
  perform(payload: P, context: JobContext): Promise<void>
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

/** 1 s, 2 s, 4 s … capped at one hour, with ±20 % jitter so retries of many jobs spread out. */
export function exponentialBackoffMs(attempt: number): number {
  const base = Math.min(3_600_000, 1_000 * 2 ** Math.max(0, attempt - 1))
  return Math.round(base * (0.8 + Math.random() * 0.4))
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

import { sql } from 'drizzle-orm'
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { JOB_STATUSES } from '../../../shared/domain/job-statuses'

/**
 * The durable job queue and transactional outbox: a job is written in the same transaction as the change
 * that causes it, and the worker claims due jobs with `FOR UPDATE SKIP LOCKED`.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    name: text('name').notNull(),
    /** Business id that makes enqueueing idempotent, e.g. a reservation id. */
    key: text('key').notNull(),
    payload: jsonb('payload')
      .notNull()
      .default(sql`'{}'::jsonb`),
    status: text('status', { enum: JOB_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(10),
    /** Earliest time to run; null means as soon as possible. */
    runAt: timestamp('run_at', { withTimezone: true }),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('jobs_name_key_unique').on(table.name, table.key),
    index('jobs_due_idx')
      .on(table.runAt.asc().nullsFirst(), table.id)
      .where(sql`${table.status} in ('pending', 'running')`),
  ],
)

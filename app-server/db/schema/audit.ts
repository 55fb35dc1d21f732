import { sql } from 'drizzle-orm'
import { bigserial, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core'
import { AUDIT_ACTOR_TYPES, type AuditAction, type AuditEntityType } from '../../../shared/domain/audit'

/** Append-only record of who changed or saw what; triggers refuse UPDATE, DELETE and TRUNCATE. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorType: text('actor_type', { enum: AUDIT_ACTOR_TYPES }).notNull(),
    actorId: text('actor_id'),
    action: text('action').$type<AuditAction>().notNull(),
    entityType: text('entity_type').$type<AuditEntityType>().notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
  },
  (table) => [
    index('audit_log_entity_idx').on(table.entityType, table.entityId, table.id),
    // The console filters the log by actor, by action and by period, newest first.
    index('audit_log_actor_idx').on(table.actorId, table.id),
    index('audit_log_action_idx').on(table.action, table.id),
    index('audit_log_at_idx').on(table.at),
    // A viewer's access to the same contacts is worth one row a day, not one per page view. Rows written before
    // the index existed may repeat and can never be deleted, so the index starts at that day.
    uniqueIndex('audit_log_reveal_daily_unique')
      .on(table.action, table.entityType, table.entityId, table.actorId, sql`((${table.at} at time zone 'UTC')::date)`)
      .where(sql`${table.action} = 'contacts.revealed' and ${table.at} >= '2026-12-03T00:00:00Z'::timestamptz`),
  ],
)

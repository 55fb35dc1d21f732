import { sql } from 'drizzle-orm'
import { char, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { REQUEST_CLOSE_REASONS, REQUEST_STATUSES } from '../../../shared/domain/request-states'

export const requests = pgTable(
  'requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    country: char('country', { length: 2 }).notNull(),
    city: text('city').notNull(),
    types: text('types').array().notNull(),
    description: text('description').notNull(),
    usersCount: integer('users_count').notNull(),
    preferredLanguage: text('preferred_language').notNull(),
    contactName: text('contact_name').notNull(),
    contactCompany: text('contact_company'),
    contactEmail: text('contact_email').notNull(),
    contactPhone: text('contact_phone').notNull(),
    consentedAt: timestamp('consented_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: REQUEST_STATUSES }).notNull().default('open'),
    closeReason: text('close_reason', { enum: REQUEST_CLOSE_REASONS }),
    /** Active reservations; the cap is enforced by a conditional UPDATE on this column and the CHECK below. */
    reservedCount: integer('reserved_count').notNull().default(0),
    statusTokenHash: text('status_token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** When the client had their contact details and description erased; the anonymous facts stay. */
    erasedAt: timestamp('erased_at', { withTimezone: true }),
  },
  (table) => [
    check('requests_reserved_count_range', sql`${table.reservedCount} between 0 and 5`),
    // The partner feed: newest open requests of one country, walked with a (created_at, id) cursor.
    index('requests_open_feed_idx')
      .on(table.country, table.createdAt.desc().nullsFirst(), table.id.desc().nullsFirst())
      .where(sql`${table.status} = 'open'`),
    index('requests_duplicate_idx').on(table.contactEmail, table.country, table.createdAt),
    index('requests_expiry_idx')
      .on(table.expiresAt)
      .where(sql`${table.status} = 'open'`),
    // The client's status page finds its request by the token's hash.
    uniqueIndex('requests_status_token_hash_unique').on(table.statusTokenHash),
    index('requests_created_idx').on(table.createdAt.desc().nullsFirst(), table.id.desc().nullsFirst()),
    // The managers' request list: each sort walks one of these, forwards or backwards, after its filter's prefix.
    index('requests_country_created_idx').on(table.country, table.createdAt, table.id),
    index('requests_reserved_created_idx').on(table.reservedCount, table.createdAt, table.id),
    index('requests_users_created_idx').on(table.usersCount, table.createdAt, table.id),
    index('requests_close_reason_created_idx')
      .on(table.closeReason, table.createdAt, table.id)
      .where(sql`${table.closeReason} is not null`),
  ],
)

import { sql } from 'drizzle-orm'
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { partners } from './partners'
import { requests } from './requests'
import { reservations } from './reservations'

/**
 * How a client rates a partner who reserved their request (rules 5.1.3): how quickly and how well it
 * responded, 1 to 5. One rating per reservation; the client may change it.
 */
export const clientFeedback = pgTable(
  'client_feedback',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id),
    reservationId: uuid('reservation_id')
      .notNull()
      .references(() => reservations.id),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    responseSpeed: integer('response_speed').notNull(),
    serviceQuality: integer('service_quality').notNull(),
    /** Free text the client typed; removed when the client erases their data. */
    comment: text('comment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('client_feedback_reservation_unique').on(table.reservationId),
    index('client_feedback_partner_idx').on(table.partnerId, table.updatedAt.desc().nullsFirst()),
    // The managers' list of every rating, newest first.
    index('client_feedback_updated_idx').on(table.updatedAt, table.id),
    check('client_feedback_response_speed_range', sql`${table.responseSpeed} between 1 and 5`),
    check('client_feedback_service_quality_range', sql`${table.serviceQuality} between 1 and 5`),
  ],
)

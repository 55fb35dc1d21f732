import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { partners } from './partners'
import { portals } from './portals'
import { requests } from './requests'

export const reservations = pgTable(
  'reservations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    status: text('status', { enum: ['active', 'released'] })
      .notNull()
      .default('active'),
    /** The Bitrix24 user who reserved it, when the reservation came from a portal session. */
    reservedByUserId: text('reserved_by_user_id'),
    reservedAt: timestamp('reserved_at', { withTimezone: true }).notNull(),
    releasedAt: timestamp('released_at', { withTimezone: true }),
    /** The portal the reservation was made from; its CRM receives the lead. */
    portalId: uuid('portal_id').references(() => portals.id),
  },
  (table) => [
    // One reservation per partner and request, ever: a partner cannot take a slot twice.
    uniqueIndex('reservations_request_partner_unique').on(table.requestId, table.partnerId),
    index('reservations_partner_idx').on(
      table.partnerId,
      table.reservedAt.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
  ],
)

import { sql } from 'drizzle-orm'
import { boolean, char, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { PARTNER_STATUSES } from '../../../shared/domain/partner-statuses'

export const partners = pgTable('partners', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** The partner's id in the Bitrix24 Partner Program. */
  partnerCode: text('partner_code').notNull().unique(),
  companyName: text('company_name').notNull(),
  registeredCountry: char('registered_country', { length: 2 }).notNull(),
  /**
   * The status a manager entered when adding the partner; the Partner Program engine's verdict will replace it.
   * Not the rating tier.
   */
  declaredStatus: text('declared_status', { enum: PARTNER_STATUSES }).notNull().default('bronze'),
  approved: boolean('approved').notNull().default(false),
  tutorialCompletedAt: timestamp('tutorial_completed_at', { withTimezone: true }),
  /** Access to implementation requests withdrawn (rules 13.4); `suspendedUntil` null means permanently. */
  suspendedAt: timestamp('suspended_at', { withTimezone: true }),
  suspendedUntil: timestamp('suspended_until', { withTimezone: true }),
  suspensionReason: text('suspension_reason'),
  locationsLocked: boolean('locations_locked').notNull().default(false),
  contactName: text('contact_name'),
  contactEmail: text('contact_email'),
  contactPhone: text('contact_phone'),
  website: text('website'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

/** Additional locations of a partner besides its registered country (at most 3, rules 5.2). */
export const partnerLocations = pgTable(
  'partner_locations',
  {
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    country: char('country', { length: 2 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.partnerId, table.country] })],
)

/** Countries requests may not come from and partners may not cover (rules 2.4). */
export const restrictedCountries = pgTable('restricted_countries', {
  country: char('country', { length: 2 }).primaryKey(),
  reason: text('reason').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true })
    .notNull()
    .default(sql`now()`),
})

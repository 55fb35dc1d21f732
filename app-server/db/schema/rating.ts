import { date, doublePrecision, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { BAD_LEAD_REASONS, RETURN_STATUSES } from '../../../shared/domain/rating'
import { managers } from './managers'
import { partners } from './partners'
import { requests } from './requests'
import { reservations } from './reservations'

/**
 * One row per partner with outcomes: Won and Lost weights faded to `weights_at` (see shared/domain/rating.ts)
 * and plain counts. Updated per outcome, never recomputed from every reservation.
 */
export const partnerRatings = pgTable('partner_ratings', {
  partnerId: uuid('partner_id')
    .primaryKey()
    .references(() => partners.id, { onDelete: 'cascade' }),
  wonWeight: doublePrecision('won_weight').notNull().default(0),
  lostWeight: doublePrecision('lost_weight').notNull().default(0),
  weightsAt: timestamp('weights_at', { withTimezone: true }).notNull(),
  wonCount: integer('won_count').notNull().default(0),
  lostCount: integer('lost_count').notNull().default(0),
  expiredCount: integer('expired_count').notNull().default(0),
  returnedCount: integer('returned_count').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
})

/** Points a manager adds to or takes from a partner's score, with a reason and an optional end. */
export const ratingAdjustments = pgTable(
  'rating_adjustments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    delta: integer('delta').notNull(),
    reason: text('reason').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => managers.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('rating_adjustments_partner_idx').on(table.partnerId, table.createdAt)],
)

/** The state of each rated partner at the end of a day, for the history chart. */
export const ratingSnapshots = pgTable(
  'rating_snapshots',
  {
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    wonWeight: doublePrecision('won_weight').notNull(),
    lostWeight: doublePrecision('lost_weight').notNull(),
    weightsAt: timestamp('weights_at', { withTimezone: true }).notNull(),
    /** The sum of the adjustments in force when the snapshot was taken. */
    adjustmentTotal: integer('adjustment_total').notNull(),
    takenAt: timestamp('taken_at', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.partnerId, table.day] })],
)

/** A partner's claim that a reservation was a bad lead, and a manager's decision on it. */
export const reservationReturns = pgTable(
  'reservation_returns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reservationId: uuid('reservation_id')
      .notNull()
      .unique()
      .references(() => reservations.id),
    requestId: uuid('request_id')
      .notNull()
      .references(() => requests.id),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    reason: text('reason', { enum: BAD_LEAD_REASONS }).notNull(),
    comment: text('comment'),
    status: text('status', { enum: RETURN_STATUSES }).notNull().default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => managers.id),
    decisionNote: text('decision_note'),
  },
  (table) => [
    index('reservation_returns_status_idx').on(table.status, table.createdAt),
    // A request's returns, for the managers' request list and page.
    index('reservation_returns_request_idx').on(table.requestId),
  ],
)

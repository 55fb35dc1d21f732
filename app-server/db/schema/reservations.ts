import { sql } from 'drizzle-orm'
import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { RELEASE_REASONS } from '../../../shared/domain/rating'
import {
  CRM_SYNC_STATUSES,
  LEAD_OUTCOMES,
  RATING_COUNTS,
  RESERVATION_STATUSES,
} from '../../../shared/domain/reservation-columns'
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
    status: text('status', { enum: RESERVATION_STATUSES }).notNull().default('active'),
    /** The Bitrix24 user who reserved it, when the reservation came from a portal session. */
    reservedByUserId: text('reserved_by_user_id'),
    reservedAt: timestamp('reserved_at', { withTimezone: true }).notNull(),
    releasedAt: timestamp('released_at', { withTimezone: true }),
    /** The portal the reservation was made from; its CRM receives the lead. */
    portalId: uuid('portal_id').references(() => portals.id),
    /** The Bitrix24 user the lead is assigned to: the reserving user unless they picked another. */
    assignedUserId: text('assigned_user_id'),
    /** Where the lead stands: not_synced without a portal, pending until crm.lead.add succeeded. */
    crmStatus: text('crm_status', { enum: CRM_SYNC_STATUSES }).notNull().default('not_synced'),
    crmLeadId: text('crm_lead_id'),
    crmDealId: text('crm_deal_id'),
    crmSyncedAt: timestamp('crm_synced_at', { withTimezone: true }),
    crmLastError: text('crm_last_error'),
    /** A push run holds the reservation until then, so two runs never add its lead at the same time. */
    crmLeaseUntil: timestamp('crm_lease_until', { withTimezone: true }),
    /**
     * Set just before the first crm.lead.add for this reservation. Until then its lead certainly does not exist,
     * so the ORIGIN_ID lookup (one REST call) is needed only for reservations an earlier run may have sent.
     */
    crmAddAttemptedAt: timestamp('crm_add_attempted_at', { withTimezone: true }),
    outcome: text('outcome', { enum: LEAD_OUTCOMES }),
    outcomeAt: timestamp('outcome_at', { withTimezone: true }),
    /** Why it was released: by the partner, expired without CRM progress, or returned as a bad lead. */
    releaseReason: text('release_reason', { enum: RELEASE_REASONS }),
    /** When the CRM first showed the lead worked on (status moved, a deal, an outcome): stops the stale clock. */
    crmProgressAt: timestamp('crm_progress_at', { withTimezone: true }),
    /** What the rating counts for this reservation now, and the time its weight fades from. */
    ratingCounted: text('rating_counted', { enum: RATING_COUNTS }),
    ratingCountedAt: timestamp('rating_counted_at', { withTimezone: true }),
    /** A confirmed bad-lead return: the rating ignores this reservation for good. */
    ratingExcluded: boolean('rating_excluded').notNull().default(false),
  },
  (table) => [
    // One reservation per partner and request, ever: a partner cannot take a slot twice.
    uniqueIndex('reservations_request_partner_unique').on(table.requestId, table.partnerId),
    index('reservations_partner_idx').on(
      table.partnerId,
      table.reservedAt.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
    index('reservations_crm_pending_idx')
      .on(table.portalId, table.reservedAt)
      .where(sql`${table.crmStatus} in ('pending', 'failed')`),
    index('reservations_crm_lead_idx').on(table.portalId, table.crmLeadId),
    // The dashboard's charts read the reservations and outcomes of a period.
    index('reservations_reserved_at_idx').on(table.reservedAt),
    index('reservations_outcome_at_idx')
      .on(table.outcomeAt)
      .where(sql`${table.outcome} is not null`),
    // The stale-reservation sweep: active reservations whose lead shows no progress yet.
    index('reservations_stale_idx')
      .on(table.reservedAt)
      .where(sql`${table.status} = 'active' and ${table.crmProgressAt} is null and ${table.outcome} is null`),
  ],
)

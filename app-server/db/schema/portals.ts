import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { PORTAL_STATUSES } from '../../../shared/domain/portal-statuses'
import { managers } from './managers'
import { partners } from './partners'

/** A Bitrix24 portal the app is installed on. Tokens are stored encrypted (AES-256-GCM). */
export const portals = pgTable(
  'portals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Bitrix24's stable portal id; it survives domain changes. */
    memberId: text('member_id').notNull().unique(),
    domain: text('domain').notNull(),
    clientEndpoint: text('client_endpoint').notNull(),
    serverEndpoint: text('server_endpoint').notNull(),
    scopes: text('scopes').array().notNull(),
    status: text('status', { enum: PORTAL_STATUSES }).notNull(),
    accessTokenEnc: text('access_token_enc'),
    refreshTokenEnc: text('refresh_token_enc'),
    /** When the access token expires. */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    /**
     * One process at a time refreshes the portal's tokens: it holds this lease (a time, not a database lock, so
     * no connection or transaction stays open during the call to the OAuth server) until the new pair is stored.
     */
    refreshLeaseUntil: timestamp('refresh_lease_until', { withTimezone: true }),
    applicationTokenEnc: text('application_token_enc').notNull(),
    /** 1 classic CRM, 2 simple CRM (leads become deals at once). */
    crmMode: integer('crm_mode'),
    partnerId: uuid('partner_id').references(() => partners.id),
    lastError: text('last_error'),
    installedAt: timestamp('installed_at', { withTimezone: true }).notNull(),
    /**
     * Which installation of the app the stored tokens belong to: it grows when a new installation replaces the
     * previous one (a reinstall), and partner sessions are bound to it, so they end with the install.
     */
    installGeneration: integer('install_generation').notNull().default(1),
    uninstalledAt: timestamp('uninstalled_at', { withTimezone: true }),
    lastReconciledAt: timestamp('last_reconciled_at', { withTimezone: true }),
    /** The app version the portal last reported (ONAPPINSTALL's VERSION). */
    appVersion: integer('app_version'),
    /** The last verified event the portal sent and when, so managers see a portal that went quiet. */
    lastEvent: text('last_event'),
    lastEventAt: timestamp('last_event_at', { withTimezone: true }),
    /** The latest DATE_MODIFY seen on our leads and deals, in the portal's own clock: where reconciliation resumes. */
    crmModifiedCursor: timestamp('crm_modified_cursor', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [index('portals_partner_idx').on(table.partnerId)],
)

/** One-time codes a manager issues so a partner can link its portal to its partner account. */
export const portalLinkCodes = pgTable('portal_link_codes', {
  id: uuid('id').primaryKey().defaultRandom(),
  partnerId: uuid('partner_id')
    .notNull()
    .references(() => partners.id),
  codeHash: text('code_hash').notNull().unique(),
  createdByManagerId: uuid('created_by_manager_id').references(() => managers.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  usedByPortalId: uuid('used_by_portal_id').references(() => portals.id),
})

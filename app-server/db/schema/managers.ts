import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { MANAGER_ROLES } from '../../../shared/domain/manager-roles'

export const managers = pgTable('managers', {
  id: uuid('id').primaryKey().defaultRandom(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  /** What the account may do (shared/domain/manager-roles.ts); accounts older than roles became admins. */
  role: text('role', { enum: MANAGER_ROLES }).notNull(),
  /** Set when an admin deactivates the account: it cannot sign in and its sessions end. */
  disabledAt: timestamp('disabled_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** The TOTP secret, encrypted with a key derived from the app secret; set once enrolment is confirmed. */
  totpSecret: text('totp_secret'),
  totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
  /** A secret shown for enrolment and not confirmed yet (encrypted too). */
  totpPendingSecret: text('totp_pending_secret'),
  /** The last TOTP time step accepted: a code is good once, so one seen over a shoulder cannot be replayed. */
  totpLastStep: integer('totp_last_step'),
  lastSignInAt: timestamp('last_sign_in_at', { withTimezone: true }),
})

/** Manager sign-ins; only a hash of the bearer token is kept, so a database leak does not leak sessions. */
export const managerSessions = pgTable(
  'manager_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    managerId: uuid('manager_id')
      .notNull()
      .references(() => managers.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** The absolute end of the session, however active it is. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** When the session was last used; it ends after MANAGER_IDLE_MINUTES without use. */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [index('manager_sessions_manager_idx').on(table.managerId)],
)

/**
 * The first step of a sign-in passed (the password was right) while the second (a TOTP code) is still to come.
 * Short-lived, and only a hash of its token is kept.
 */
export const managerPendingSignIns = pgTable(
  'manager_pending_sign_ins',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    managerId: uuid('manager_id')
      .notNull()
      .references(() => managers.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Wrong codes entered so far; the pending sign-in ends after a few. */
    failures: integer('failures').notNull().default(0),
  },
  (table) => [index('manager_pending_sign_ins_manager_idx').on(table.managerId)],
)

/** The console's sign-in policy: one row, changed only by admins (audited). */
export const managerSignInPolicy = pgTable(
  'manager_sign_in_policy',
  {
    id: boolean('id').primaryKey().default(true),
    /** Every manager must sign in with a TOTP code; one without an authenticator sets it up at sign-in. */
    requireTwoFactor: boolean('require_two_factor').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [check('manager_sign_in_policy_one_row', sql`${table.id}`)],
)

import { sql } from 'drizzle-orm'
import {
  bigint,
  boolean,
  bigserial,
  char,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'
import type { ProgramConfig } from '../../../shared/domain/program/config'
import {
  EVIDENCE_KINDS,
  EVIDENCE_STATUSES,
  NFR_KINDS,
  ORDER_SOURCES,
  PARTNER_USER_STATUSES,
  PROGRAM_COURSES,
  PROGRAM_STANDINGS,
  VERDICT_KINDS,
} from '../../../shared/domain/program/vocabulary'
import { AUDIT_ACTOR_TYPES } from '../../../shared/domain/audit'
import { PARTNER_STATUSES } from '../../../shared/domain/partner-statuses'
import { managers } from './managers'
import { partners } from './partners'

const at = (name: string) => timestamp(name, { withTimezone: true })

/** The Partner Program's numbers, one row per published version; a version never changes once written. */
export const programConfigVersions = pgTable('program_config_versions', {
  version: integer('version').primaryKey(),
  effectiveFrom: at('effective_from').notNull(),
  config: jsonb('config').$type<ProgramConfig>().notNull(),
  note: text('note').notNull(),
  /** Null for version 1, seeded from the rules. */
  publishedBy: uuid('published_by').references(() => managers.id),
  publishedAt: at('published_at').notNull(),
})

/**
 * A partner in the program: approved (Bronze) from `approved_at`. The other columns cache the last evaluation
 * by the daily job (level, standing, readiness for the next level); the verdicts are the record.
 */
export const programMemberships = pgTable(
  'program_memberships',
  {
    partnerId: uuid('partner_id')
      .primaryKey()
      .references(() => partners.id, { onDelete: 'cascade' }),
    approvedAt: at('approved_at').notNull(),
    standing: text('standing', { enum: PROGRAM_STANDINGS }).notNull().default('active'),
    level: text('level', { enum: PARTNER_STATUSES }).notNull().default('bronze'),
    levelSince: at('level_since').notNull(),
    readyFor: text('ready_for', { enum: PARTNER_STATUSES }),
    zeroActivity: boolean('zero_activity').notNull().default(false),
    evaluatedAt: at('evaluated_at'),
    configVersion: integer('config_version'),
    createdAt: at('created_at').notNull(),
    updatedAt: at('updated_at').notNull(),
  },
  (table) => [
    index('program_memberships_ready_idx')
      .on(table.readyFor)
      .where(sql`${table.readyFor} is not null`),
  ],
)

/**
 * Decisions on a partner's place in the program, each with the configuration version it used: the engine's
 * (90-day check, review warnings, yearly reviews) and managers' upgrade confirmations. One per kind and date, so
 * the daily job records each decision once however often it runs.
 */
export const programVerdicts = pgTable(
  'program_verdicts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: VERDICT_KINDS }).notNull(),
    at: at('at').notNull(),
    levelBefore: text('level_before', { enum: PARTNER_STATUSES }).notNull(),
    levelAfter: text('level_after', { enum: PARTNER_STATUSES }),
    configVersion: integer('config_version').notNull(),
    explanation: jsonb('explanation').notNull(),
    actorType: text('actor_type', { enum: AUDIT_ACTOR_TYPES }).notNull(),
    actorId: text('actor_id'),
    recordedAt: at('recorded_at').notNull(),
  },
  (table) => [uniqueIndex('program_verdicts_once').on(table.partnerId, table.kind, table.at)],
)

/** A system that sends orders (the store): its key is shown once and kept only as a hash. */
export const programIntegrations = pgTable('program_integrations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  /** The first characters of the key, so a manager can tell keys apart. */
  keyPrefix: text('key_prefix').notNull(),
  createdBy: uuid('created_by')
    .notNull()
    .references(() => managers.id),
  createdAt: at('created_at').notNull(),
  revokedAt: at('revoked_at'),
})

/** One line of an order: a product, how many, at what price. */
export interface OrderLine {
  productCode: string
  productName: string
  quantity: number
  amountMinor: number
}

/** The sales ledger (2.1, 3.2): Bitrix24 Products a partner bought with its discount. */
export const programOrders = pgTable(
  'program_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    source: text('source', { enum: ORDER_SOURCES }).notNull(),
    integrationId: uuid('integration_id').references(() => programIntegrations.id),
    /** The store's order id: an order is recorded once whichever way it arrives. */
    externalId: text('external_id'),
    /** A hash of what was sent under `external_id`, to tell a repeat from a different order under the same id. */
    bodyHash: text('body_hash'),
    orderedAt: at('ordered_at').notNull(),
    clientCompany: text('client_company').notNull(),
    clientAccountUrl: text('client_account_url'),
    /** The end user as the engine tells clients apart: the account URL's host, else the company name folded. */
    clientKey: text('client_key').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    /** Paid after the partner discount, in minor units of `currency`. */
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    /** Units of the program currency per unit of `currency`, as used for `program_amount_minor`. */
    rate: numeric('rate', { precision: 20, scale: 10 }).notNull(),
    programAmountMinor: bigint('program_amount_minor', { mode: 'number' }).notNull(),
    lines: jsonb('lines').$type<OrderLine[]>().notNull(),
    excludedAt: at('excluded_at'),
    excludedBy: uuid('excluded_by').references(() => managers.id),
    exclusionReason: text('exclusion_reason'),
    createdBy: uuid('created_by').references(() => managers.id),
    createdAt: at('created_at').notNull(),
  },
  (table) => [
    uniqueIndex('program_orders_external_id')
      .on(table.externalId)
      .where(sql`${table.externalId} is not null`),
    index('program_orders_partner_idx').on(table.partnerId, table.orderedAt),
  ],
)

/** A partner's users (6.2): the main user adds them, a manager approves them. */
export const partnerUsers = pgTable(
  'partner_users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The user's Bitrix24 store login. */
    storeLogin: text('store_login').notNull(),
    status: text('status', { enum: PARTNER_USER_STATUSES }).notNull().default('pending'),
    addedAt: at('added_at').notNull(),
    decidedAt: at('decided_at'),
    decidedBy: uuid('decided_by').references(() => managers.id),
    decisionReason: text('decision_reason'),
  },
  (table) => [uniqueIndex('partner_users_login').on(table.partnerId, table.storeLogin)],
)

/** A user's completion of a course (11.1, 11.2); one per user and course. */
export const courseCompletions = pgTable(
  'course_completions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerUserId: uuid('partner_user_id')
      .notNull()
      .references(() => partnerUsers.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    course: text('course', { enum: PROGRAM_COURSES }).notNull(),
    completedAt: at('completed_at').notNull(),
    recordedBy: uuid('recorded_by').references(() => managers.id),
    recordedAt: at('recorded_at').notNull(),
  },
  (table) => [
    uniqueIndex('course_completions_once').on(table.partnerUserId, table.course),
    index('course_completions_partner_idx').on(table.partnerId),
  ],
)

/** What a partner submits for a requirement a person judges; a manager accepts or rejects it with a reason. */
export const programEvidence = pgTable(
  'program_evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: EVIDENCE_KINDS }).notNull(),
    link: text('link'),
    note: text('note'),
    status: text('status', { enum: EVIDENCE_STATUSES }).notNull().default('pending'),
    submittedAt: at('submitted_at').notNull(),
    decidedAt: at('decided_at'),
    decidedBy: uuid('decided_by').references(() => managers.id),
    decisionReason: text('decision_reason'),
  },
  (table) => [index('program_evidence_partner_idx').on(table.partnerId, table.status)],
)

/** NFR copies granted to a partner (7.1, 7.2). */
export const nfrClaims = pgTable(
  'nfr_claims',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: NFR_KINDS }).notNull(),
    accountUrl: text('account_url'),
    grantedAt: at('granted_at').notNull(),
    endsAt: at('ends_at').notNull(),
    recordedBy: uuid('recorded_by').references(() => managers.id),
    recordedAt: at('recorded_at').notNull(),
  },
  (table) => [index('nfr_claims_partner_idx').on(table.partnerId)],
)

import type { PgTable } from 'drizzle-orm/pg-core'
import type * as schema from './schema'

/** Every table's SQL name, from the Drizzle schema. */
export type TableName = {
  [K in keyof typeof schema]: (typeof schema)[K] extends PgTable ? (typeof schema)[K]['_']['name'] : never
}[keyof typeof schema]

/**
 * The one owner of each table: a folder under `app-server/`. Only code in the owner writes the table (insert,
 * update, delete, truncate); everything else calls the functions the owner exports from its `index.ts`, and may
 * read. test/unit/table-ownership.test.ts fails on a write from anywhere else.
 */
export const TABLE_OWNERS = {
  requests: 'modules/requests',
  client_feedback: 'modules/requests',
  reservations: 'modules/reservations',
  partners: 'modules/partners',
  partner_locations: 'modules/partners',
  restricted_countries: 'modules/territories',
  partner_ratings: 'modules/rating',
  rating_adjustments: 'modules/rating',
  rating_snapshots: 'modules/rating',
  rating_changes: 'modules/rating',
  reservation_returns: 'modules/rating',
  portals: 'modules/bitrix24',
  portal_link_codes: 'modules/bitrix24',
  managers: 'modules/managers',
  manager_sessions: 'modules/managers',
  manager_pending_sign_ins: 'modules/managers',
  manager_sign_in_policy: 'modules/managers',
  audit_log: 'modules/audit',
  program_config_versions: 'modules/program',
  program_memberships: 'modules/program',
  program_verdicts: 'modules/program',
  program_integrations: 'modules/program',
  program_orders: 'modules/program',
  partner_users: 'modules/program',
  course_completions: 'modules/program',
  program_evidence: 'modules/program',
  nfr_claims: 'modules/program',
  jobs: 'jobs',
  rate_limit_hits: 'http',
} as const satisfies Record<TableName, string>

/**
 * Writes outside the owner, each with its reason. Reserving is the hot path, so taking a slot is a
 * single statement: its CTE updates `requests` (the lifecycle's `takeSlotUpdate`, so that part stays in the
 * requests module's code), inserts the reservation and appends the two audit entries.
 */
export const FOREIGN_WRITES: readonly { file: string; table: TableName; why: string }[] = [
  {
    file: 'modules/reservations/take-slot.repository.ts',
    table: 'audit_log',
    why: 'the reservation and its audit entries are written by the one slot-taking statement',
  },
  ...(['requests', 'reservations', 'reservation_returns', 'client_feedback'] as const).map((table) => ({
    file: 'demo/seed-history.ts',
    table,
    why: "the demo's back-dated weeks of history for the managers' console, which live flows cannot make",
  })),
]

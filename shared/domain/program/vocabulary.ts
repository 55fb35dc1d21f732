// The Partner Program's vocabulary. Kept free of zod: the database schema reads these lists.

/** Courses a named user of the partner completes (rules 11.1, 11.2, 3.1.2, 3.1.3). */
export const PROGRAM_COURSES = ['partner_program_tutorial', 'partner_sales_course', 'marketing_course'] as const
export type ProgramCourse = (typeof PROGRAM_COURSES)[number]

/** Requirements a manager judges from what the partner submits (a link or a note). */
export const EVIDENCE_KINDS = [
  'website_endorsement',
  'social_endorsement',
  'case_study',
  'marketing_plan',
  'webinar_or_video',
  'first_line_support',
] as const
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number]

export const EVIDENCE_STATUSES = ['pending', 'accepted', 'rejected'] as const
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number]

/** Not-for-resale copies (rules 7.1, 7.2). */
export const NFR_KINDS = ['cloud', 'on_premise'] as const
export type NfrKind = (typeof NFR_KINDS)[number]

/** A partner's users (rules 6.2): the main user adds them, a manager approves. */
export const PARTNER_USER_STATUSES = ['pending', 'approved', 'rejected'] as const
export type PartnerUserStatus = (typeof PARTNER_USER_STATUSES)[number]

/** Where an order of the sales ledger came from. */
export const ORDER_SOURCES = ['store', 'manager', 'import'] as const
export type OrderSource = (typeof ORDER_SOURCES)[number]

/** A partner's standing in the program: taking part, or cancelled (3.1.1, 3.3). */
export const PROGRAM_STANDINGS = ['active', 'cancelled'] as const
export type ProgramStanding = (typeof PROGRAM_STANDINGS)[number]

/**
 * What the engine decides on a date, and a manager's confirmation of an upgrade:
 * - `bronze_conditions_met` / `bronze_cancelled`: the 90-day check after approval (3.1.1, 3.3);
 * - `upgraded`: a manager confirmed the next level (3.1.2, 3.1.3);
 * - `review_warning`: ahead of the yearly review the sales target is not reached yet (3.3);
 * - `retained` / `downgraded`: the yearly review (3.3).
 */
export const VERDICT_KINDS = [
  'bronze_conditions_met',
  'bronze_cancelled',
  'upgraded',
  'review_warning',
  'retained',
  'downgraded',
] as const
export type VerdictKind = (typeof VERDICT_KINDS)[number]

// The vocabulary of the append-only audit log. Kept free of zod: the database schema reads these lists.

/** Who made a change: a partner (through its portal), a manager, the client (by status token) or the app itself. */
export const AUDIT_ACTOR_TYPES = ['partner', 'manager', 'client', 'system'] as const
export type AuditActorType = (typeof AUDIT_ACTOR_TYPES)[number]

/** What an audit entry is about; its `entityId` is the id of that row (the ISO code for a country). */
export const AUDIT_ENTITY_TYPES = [
  'request',
  'reservation',
  'reservation_return',
  'partner',
  'portal',
  'country',
  'manager',
  'sign_in_policy',
  // A CSV export of a console list; its id is the list's name.
  'export',
  'program_config',
  'program_integration',
  'program_order',
  'partner_user',
  'program_evidence',
  'nfr_claim',
] as const
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number]

/**
 * Every action the audit log records, `<entity>.<what happened>`. A new action is added here first, so a
 * misspelt one does not compile.
 */
export const AUDIT_ACTIONS = [
  // Requests: the client's submission, withdrawal and erasure, a manager's moderation, a return's verdict.
  'request.created',
  'request.withdrawn',
  'request.contacts_erased',
  'request.close',
  'request.reopen',
  'request.reject_spam',
  'request.under_review',
  // Reservations and the contacts they reveal.
  'reservation.created',
  'reservation.released',
  'reservation.expired',
  'reservation.returned',
  'contacts.revealed',
  // A manager exported a list with contact columns (the entry names the list and filters, never a value).
  'contacts.exported',
  'reservation_return.created',
  'reservation_return.confirmed',
  'reservation_return.rejected',
  'crm_sync.retried',
  // The rating.
  'rating.adjusted',
  'rating.spam_request_excluded',
  'client_feedback.recorded',
  // Partners, their portals and territories.
  'partner.created',
  'partner.updated',
  'partner.locations_set',
  'partner.suspended',
  'partner.restored',
  'partner.link_code_issued',
  'portal.installed',
  'portal.uninstalled',
  'portal.linked',
  'restricted_country.set',
  'restricted_country.lifted',
  // Manager accounts and the console's sign-in policy (never passwords, secrets or e-mail addresses).
  'manager.created',
  'manager.role_changed',
  'manager.deactivated',
  'manager.reactivated',
  'manager.password_reset',
  'manager.two_factor_reset',
  'manager.two_factor_enabled',
  'manager.two_factor_disabled',
  'sign_in_policy.updated',
  // The Partner Program.
  'program_config.published',
  'program_integration.created',
  'program_order.recorded',
  'program_order.imported',
  'program_order.excluded',
  'program.membership_started',
  'program.upgrade_confirmed',
  'program.verdict_recorded',
  'partner_user.added',
  'partner_user.approved',
  'partner_user.rejected',
  'partner_user.course_completed',
  'nfr_claim.recorded',
  'program_evidence.submitted',
  'program_evidence.accepted',
  'program_evidence.rejected',
] as const
export type AuditAction = (typeof AUDIT_ACTIONS)[number]

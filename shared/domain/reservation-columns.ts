// The values of the `reservations` columns that together make a reservation's state. Kept free of zod: the
// database schema and both clients read these lists.

/** Whether the partner still holds the slot (and sees the contacts). */
export const RESERVATION_STATUSES = ['active', 'released'] as const
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number]

/**
 * Where the lead stands in the partner's CRM, as stored: `not_synced` for a reservation made outside a portal,
 * `pending` until the lead was added. The API shows `pending` as `syncing` (`CRM_SYNC_VIEW_STATUSES`).
 */
export const CRM_SYNC_STATUSES = ['not_synced', 'pending', 'in_crm', 'failed'] as const
export type CrmSyncStatus = (typeof CRM_SYNC_STATUSES)[number]

/** The CRM sync status as the API and the partner app name it. */
export const CRM_SYNC_VIEW_STATUSES = ['not_synced', 'syncing', 'in_crm', 'failed'] as const
export type CrmSyncViewStatus = (typeof CRM_SYNC_VIEW_STATUSES)[number]

/** How the lead or its deals ended in the partner's CRM. */
export const LEAD_OUTCOMES = ['won', 'lost'] as const
export type LeadOutcome = (typeof LEAD_OUTCOMES)[number]

/** What the rating counts for a reservation: its outcome, or an expiry for no CRM progress in time. */
export const RATING_COUNTS = ['won', 'lost', 'expired'] as const
export type RatingCount = (typeof RATING_COUNTS)[number]

// Kept free of zod: the database schema and both clients read these lists.

/** Whether partners can still reserve a request. */
export const REQUEST_STATUSES = ['open', 'closed'] as const
export type RequestStatus = (typeof REQUEST_STATUSES)[number]

/**
 * Why a request closed: its 5 slots went (`fully_served`), its lifetime passed, the client withdrew it, a
 * manager rejected it as spam or closed it, or a confirmed bad-lead return sent it to moderation.
 */
export const REQUEST_CLOSE_REASONS = [
  'fully_served',
  'expired',
  'withdrawn',
  'rejected_spam',
  'closed_by_manager',
  'under_review',
] as const
export type RequestCloseReason = (typeof REQUEST_CLOSE_REASONS)[number]

/** What a manager can do to a request in moderation. */
export const MODERATION_ACTIONS = ['close', 'reopen', 'reject_spam'] as const
export type ModerationAction = (typeof MODERATION_ACTIONS)[number]

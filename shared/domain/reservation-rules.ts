/** At most this many partners hold a reservation of one request at once (rules 5.2): a client gets at most 5 offers. */
export const MAX_RESERVATIONS_PER_REQUEST = 5

/** A partner covers its registered country plus at most this many additional locations (rules 5.2). */
export const MAX_ADDITIONAL_LOCATIONS = 3

/** Why a partner may not reserve a request right now; the API and the client share these codes. */
export const RESERVE_DENIAL_CODES = [
  'partner_not_approved',
  'tutorial_not_completed',
  'partner_suspended',
  'territory_not_covered',
  'request_fully_reserved',
  'request_closed',
  'reservation_quota_exceeded',
  'reservation_previously_released',
  'already_reserved',
  'early_access_pending',
] as const
export type ReserveDenialCode = (typeof RESERVE_DENIAL_CODES)[number]

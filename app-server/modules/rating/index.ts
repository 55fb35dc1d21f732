/**
 * The partner rating (rules 5.2): outcomes from the CRM, expiries and manager adjustments make a score; its tier
 * sets the reservation limits and early access that reservations enforce (reservations/rating-limits.ts).
 */
import { onRequestErased } from '../requests'
import { eraseClientFromReturnNotes } from './return-notes-erasure'

export { ratingEventHandlers } from './rating.events'
export { ratingJobs } from './rating.jobs'
export { managerRatingRoutes, partnerRatingRoutes } from './rating.routes'
export { snapshotRatings } from './rating.service'
export { expireStaleReservations } from './stale-reservations'

// A client's erasure reaches the partners' notes on returned leads (see requests/request-erasure.ts).
onRequestErased('rating', eraseClientFromReturnNotes)
export { getRatingForManager } from './rating.service'

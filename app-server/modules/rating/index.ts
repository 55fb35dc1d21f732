/**
 * The partner rating (rules 5.2): outcomes from the CRM, expiries and manager adjustments make a score; its tier
 * sets the reservation limits and early access that the feed and the reserve path enforce.
 */
import { onRequestErased } from '../requests'
import { eraseClientFromReturnNotes } from './return-notes-erasure'

export { loadRatingLimits, type RatingLimits } from './rating-limits'
export { applyAllOutcomeEvents, applyOutcomeEvents } from './outcome-events'
export { ratingJobDefinitions, ratingJobs } from './rating.jobs'
export { firstContactWindow, ratingTiers, returnWindowEnd } from './rating.policy'
export type { ReturnRow } from './rating.presenter'
export { managerRatingRoutes, partnerRatingRoutes } from './rating.routes'
export { snapshotRatings } from './rating.service'
export { expireStaleReservations } from './stale-reservations'

// A client's erasure reaches the partners' notes on returned leads (see requests/request-erasure.ts).
onRequestErased('rating', eraseClientFromReturnNotes)

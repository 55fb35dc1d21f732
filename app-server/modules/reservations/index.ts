import { onRequestErased } from '../requests'
import { eraseClientFromReservations } from './crm-state.repository'

export { partnerRoutes } from './reservations.routes'
export { endReservation, type EndReservationInput } from './end-reservation'
export { returnRefusalError } from './reservation-refusals'
export {
  leasePending,
  markAddAttempted,
  markNotSynced,
  recordCrmProgress,
  recordPushError,
  requeueFailedLead,
  storeLeadId,
  storeLeadIds,
} from './crm-state.repository'
export { saveRatingMarks, type RatingMark, type ReturnRow } from './reservations.repository'
export { loadRatingLimits, type RatingLimits } from './rating-limits'
export { firstContactWindow, ratingTiers, returnWindowEnd, staleAfterMs } from './rating.policy'

// A client's erasure reaches the CRM state of the request's reservations (see requests/request-erasure.ts).
onRequestErased('reservations', eraseClientFromReservations)

import { onRequestErased } from '../requests'
import { eraseClientFromReservations } from './crm-state.repository'

export { partnerRoutes } from './reservations.routes'
export { enqueueLeadPush, LEAD_PUSH_JOB, LEAD_PUSH_MAX_ATTEMPTS } from './lead-push.job'
export { endReservation, type EndReservationInput } from './end-reservation'
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
export { saveRatingMarks, type RatingMark } from './reservations.repository'

// A client's erasure reaches the CRM state of the request's reservations (see requests/request-erasure.ts).
onRequestErased('reservations', eraseClientFromReservations)

export { partnerRoutes } from './reservations.routes'
export { enqueueLeadPush, LEAD_PUSH_JOB, LEAD_PUSH_MAX_ATTEMPTS } from './lead-push.job'
export { endReservation, type EndReservationInput } from './end-reservation'

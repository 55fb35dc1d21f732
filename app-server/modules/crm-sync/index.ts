/**
 * Reserved requests become leads in the partner's CRM, and Won/Lost comes back from it. Outcomes are stored on
 * the reservation and emitted as `reservation.outcome_recorded`, which the partner rating handles.
 */
export { crmSyncEventHandlers } from './crm-sync.events'
export { crmSyncJobs } from './crm-sync.jobs'
export { crmSyncRoutes } from './crm-sync.routes'
export { LEAD_PUSH_JOB } from './deliveries'
export { retryFailedPush, retryFailedPushes } from './crm-sync.service'

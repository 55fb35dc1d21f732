/**
 * Reserved requests become leads in the partner's CRM, and Won/Lost comes back from it. Outcomes are stored on
 * the reservation and appended to `reservation_outcome_events`, the outbox the partner rating consumes.
 */
export { crmChangeListener } from './crm-change-listener'
export { crmSyncJobs } from './crm-sync.jobs'
export { crmSyncRoutes } from './crm-sync.routes'

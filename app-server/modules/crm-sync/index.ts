/**
 * Reserved requests become leads in the partner's CRM, and Won/Lost comes back from it. Outcomes are stored on
 * the reservation; the rating counts them in the same transaction (`onOutcomeStored`), and they are emitted as
 * `reservation.outcome_recorded`.
 */
export { crmSyncEventHandlers } from './crm-sync.events'
export { crmSyncJobs } from './crm-sync.jobs'
export { crmSyncRoutes } from './crm-sync.routes'
export { onOutcomeStored, outcomeStepOwners, type OutcomeStep, type StoredOutcome } from './outcome-steps'
export { LEAD_PUSH_JOB } from './deliveries'
export { retryFailedPush, retryFailedPushes } from './crm-sync.service'

import type { Config } from '../../config'
import { deliveryJob } from '../../events'
import type { Backoff } from '../../jobs/backoff'

/** The name crm-sync's event handlers are registered under: its delivery jobs are `crm-sync:<event>`. */
export const CRM_SYNC = 'crm-sync'

/** 30 s, 1, 2, 4 … 32 min, then hourly: 31 attempts span about 24 hours before a manager has to step in. */
export const LEAD_PUSH_MAX_ATTEMPTS = 31
/** Every call to a partner's CRM gets as many attempts as a lead push. */
export const CRM_MAX_ATTEMPTS = LEAD_PUSH_MAX_ATTEMPTS

/**
 * The lead push: the delivery of `reservation.created` to crm-sync, keyed by the reservation, so that a batch
 * which wrote other leads of the portal completes their deliveries, and the failures list and a manager's
 * retry find a reservation's delivery.
 */
export const LEAD_PUSH_JOB = deliveryJob(CRM_SYNC, 'reservation.created', LEAD_PUSH_MAX_ATTEMPTS)

/** Retries of calls to a partner's CRM: `CRM_RETRY_BASE_SECONDS`, doubling up to `CRM_RETRY_MAX_SECONDS`. */
export const crmRetryBackoff = (config: Config): Backoff => ({
  firstMs: config.CRM_RETRY_BASE_SECONDS * 1_000,
  maxMs: config.CRM_RETRY_MAX_SECONDS * 1_000,
})

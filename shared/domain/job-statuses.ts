/** Where a background job stands: waiting, claimed by a worker, finished, or out of attempts. */
export const JOB_STATUSES = ['pending', 'running', 'done', 'failed'] as const
export type JobStatus = (typeof JOB_STATUSES)[number]

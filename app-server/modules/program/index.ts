/**
 * The Partner Program engine (rules 2, 3, 6, 7, 11): a versioned configuration, the sales ledger, the partners'
 * users and courses, NFR claims and evidence as facts; shared/domain/program evaluates them into statuses,
 * explanations and the daily transitions.
 */
export { evaluatePartner } from './evaluation.service'
export { loadConfigVersions } from './config.service'
export { programJobs } from './program.jobs'
export { runProgramDay, type ProgramDayResult } from './program-day'
export { managerProgramRoutes, partnerProgramRoutes, storeOrderRoutes } from './program.routes'

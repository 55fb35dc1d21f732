export { eligibilityFactsOf, presentProfile } from './partners.presenter'
export type { PartnerWithLocations } from './partners.repository'
export { partnerManagementRoutes } from './partners.routes'
export {
  assertEligible,
  coverageOf,
  eligibilityError,
  loadSessionPartner,
  recordTutorialCompletion,
  setMyLocations,
} from './partners.service'
export { getPartner } from './partners.service'

export { isRestrictedCountry, restrictedAmong } from './territories.service'
export { territoryRoutes } from './territories.routes'

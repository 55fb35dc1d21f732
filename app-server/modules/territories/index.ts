export { isRestrictedCountry, listRestrictedCountries, restrictedAmong } from './territories.service'
export { territoryRoutes } from './territories.routes'

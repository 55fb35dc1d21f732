export { isRestrictedCountry, listRestrictedCountries, restrictedAmong } from './territories.service'
export { publicTerritoryRoutes, territoryRoutes } from './territories.routes'

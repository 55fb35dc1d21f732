export { partnerRoutes } from './reservations.routes'

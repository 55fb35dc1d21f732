export { systemRoutes, type SystemDeps } from './system.routes'

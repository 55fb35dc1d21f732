export { createManager, MIN_PASSWORD_LENGTH, type NewManager } from './managers.service'
export { managerSessionRoutes } from './managers.routes'
export { requireManager } from './require-manager'

/**
 * The manager console's reads across modules: searchable lists, the partner and request pages, the dashboard
 * and streamed CSV exports. It writes nothing but audit entries (through the audit module).
 */
export { consoleRoutes } from './console.routes'
export { managerRoleOf } from './manager-role'

import type { Config } from '../config'

/**
 * Without Bitrix24 credentials the app cannot talk to a real portal, so `npm start` runs the demo: an emulated
 * Bitrix24 with seeded partners, portals and requests. `DEMO=off` turns it off; credentials always do.
 */
export function isDemoMode(config: Config): boolean {
  return config.DEMO === 'auto' && !config.B24_CLIENT_ID && !config.B24_CLIENT_SECRET
}

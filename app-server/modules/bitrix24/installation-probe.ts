import type { AppContext } from '../../context'
import { AppError, serviceUnavailable } from '../../errors'
import type { PortalClients } from './portal-clients'
import type { PortalRow } from './portals.repository'

/**
 * Answers of the portal or the OAuth server meaning the stored grant no longer works: the app was removed
 * (uninstall revokes every token of the installation) or the grant expired (D:settings/oauth/error-codes,
 * D:api-reference/common/events/on-app-uninstall).
 */
const GRANT_GONE = new Set(['invalid_grant', 'invalid_client', 'invalid_token', 'expired_token', 'NO_AUTH_FOUND'])

/**
 * Whether the installation whose tokens are stored still works, asked of the portal with them (`app.info`
 * needs no scope; an expired access token is refreshed and stored as usual).
 * @throws AppError `portal_unavailable` (503) when neither answer can be had, e.g. the portal is unreachable.
 */
export async function installationIsLive(ctx: AppContext, clients: PortalClients, portal: PortalRow) {
  try {
    const client = await clients.forPortal(portal.id, { retryOnNetworkError: false })
    const result = await client.actions.v2.call.make({ method: 'app.info', requestId: `install:probe:${portal.id}` })
    if (result.isSuccess) return true
    throw new Error(`app.info: ${result.getErrorMessages().join('; ')}`)
  } catch (error) {
    if (error instanceof AppError) throw error
    if (GRANT_GONE.has(errorCode(error))) return false
    ctx.logger.warn({ err: error, portalId: portal.id }, 'could not confirm whether the stored installation is live')
    throw serviceUnavailable('portal_unavailable', 'The portal could not confirm its installation; try again shortly.')
  }
}

/** The error code of an SDK or OAuth error, directly or on the error it wraps. */
function errorCode(error: unknown): string {
  const code = (value: unknown) => (value as { code?: unknown } | null | undefined)?.code
  const direct = code(error)
  if (typeof direct === 'string' && GRANT_GONE.has(direct)) return direct
  const wrapped = code((error as { originalError?: unknown } | null)?.originalError)
  return typeof wrapped === 'string' ? wrapped : typeof direct === 'string' ? direct : ''
}

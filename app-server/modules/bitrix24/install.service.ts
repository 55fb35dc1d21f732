import { z } from 'zod'
import type { AppContext } from '../../context'
import { AppError, serviceUnavailable } from '../../errors'
import { recordAudit } from '../audit'
import { manifest } from '../../../manifests'
import { applyManifest } from './apply-manifest'
import { refreshAtOAuthServer, type TokenPayload } from './portal-client'
import type { PortalClients } from './portal-clients'
import { saveCrmMode, upsertInstalledPortal, type PortalRow } from './portals.repository'
import type { TokenCipher } from './token-cipher'

/** The fields of the form Bitrix24 POSTs to the installer page that the install needs. */
export const InstallPostSchema = z.object({
  member_id: z.string().regex(/^[\w.-]{1,64}$/),
  REFRESH_ID: z.string().min(1).max(512),
  APPLICATION_TOKEN: z.string().min(1).max(512),
})

export interface InstallInput {
  memberId: string
  refreshToken: string
  applicationToken: string
  /** Where the portal said it is; only used to say which portal failed, never trusted. */
  domain: string
}

/** @throws AppError `bitrix24_not_configured` (503) when the app has no Bitrix24 client id and secret. */
export function assertBitrix24Configured(ctx: AppContext): void {
  if (ctx.config.B24_CLIENT_ID && ctx.config.B24_CLIENT_SECRET) return
  throw serviceUnavailable('bitrix24_not_configured', 'Set B24_CLIENT_ID and B24_CLIENT_SECRET to accept installs.')
}

/**
 * Registers an installation. The posted grant is verified once by refreshing it at the configured OAuth
 * server with the app's secret: only a grant Bitrix24 issued to this app survives that, and the server's
 * answer (member id, REST endpoint) is what gets stored, not what the form claimed.
 * @throws AppError `install_not_verified` (403), `insecure_portal_endpoint` (400), `bitrix24_not_configured` (503).
 */
export async function registerInstall(ctx: AppContext, cipher: TokenCipher, input: InstallInput): Promise<PortalRow> {
  assertBitrix24Configured(ctx)
  const tokens = await verifyGrant(ctx, input)
  if (new URL(tokens.client_endpoint).protocol !== 'https:' && !ctx.config.B24_ALLOW_HTTP) {
    throw new AppError({
      status: 400,
      code: 'insecure_portal_endpoint',
      title: 'Insecure portal',
      detail: 'The portal answers over plain HTTP; only HTTPS portals are accepted.',
    })
  }
  const now = ctx.clock.now()
  const portal = await upsertInstalledPortal(ctx.db, cipher, { tokens, applicationToken: input.applicationToken, now })
  await recordAudit(ctx.db, {
    at: now,
    actorType: 'system',
    actorId: null,
    action: 'portal.installed',
    entityType: 'portal',
    entityId: portal.id,
    after: { memberId: portal.memberId, domain: portal.domain, scopes: portal.scopes },
  })
  ctx.logger.info({ portalId: portal.id, domain: portal.domain }, 'portal installed')
  return portal
}

/**
 * What the installer page does: registers the install, then applies the app's manifest (event bindings, CRM tabs,
 * lead source and field) with a fresh client for the portal, and remembers which CRM mode the portal runs.
 * @throws AppError as registerInstall.
 */
export async function installFromPortal(
  ctx: AppContext,
  deps: { cipher: TokenCipher; clients: PortalClients },
  post: z.infer<typeof InstallPostSchema>,
  where: { domain: string; appBaseUrl: string },
): Promise<void> {
  const portal = await registerInstall(ctx, deps.cipher, {
    memberId: post.member_id,
    refreshToken: post.REFRESH_ID,
    applicationToken: post.APPLICATION_TOKEN,
    domain: where.domain,
  })
  deps.clients.drop(portal.id)
  const client = await deps.clients.forPortal(portal.id)
  const applied = await applyManifest(client, manifest, where.appBaseUrl)
  await saveCrmMode(ctx.db, portal.id, applied.crmMode)
  ctx.logger.info({ portalId: portal.id, ...applied }, 'manifest applied')
}

async function verifyGrant(ctx: AppContext, input: InstallInput): Promise<TokenPayload> {
  let tokens: TokenPayload
  try {
    tokens = await refreshAtOAuthServer(ctx.config, {
      memberId: input.memberId,
      domain: input.domain,
      clientEndpoint: `https://${input.domain}/rest/`,
      accessToken: '',
      refreshToken: input.refreshToken,
      expires: 0,
      applicationToken: input.applicationToken,
      scopes: [],
    })
  } catch (cause) {
    ctx.logger.warn({ err: cause, domain: input.domain }, 'install grant refused by the OAuth server')
    throw notVerified(cause)
  }
  if (tokens.member_id !== input.memberId) throw notVerified()
  return tokens
}

function notVerified(cause?: unknown): AppError {
  return new AppError({
    status: 403,
    code: 'install_not_verified',
    title: 'Forbidden',
    detail: 'Bitrix24 did not confirm this installation. Install the app again from the portal.',
    cause,
  })
}

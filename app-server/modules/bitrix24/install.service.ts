import { z } from 'zod'
import type { AppContext } from '../../context'
import { AppError, conflict, serviceUnavailable } from '../../errors'
import { forgetInstallState } from '../../http/auth/portal-installs'
import { recordAudit } from '../audit'
import { manifest } from '../../../manifests'
import { applyManifest } from './apply-manifest'
import { applicationTokenMatches } from './application-token'
import { installationIsLive } from './installation-probe'
import { GrantOfAnotherPortalError, refreshAtOAuthServer, type TokenPayload } from './portal-client'
import type { PortalClients } from './portal-clients'
import { findPortalByMemberId, saveCrmMode, upsertInstalledPortal, type PortalRow } from './portals.repository'
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

export interface InstallDeps {
  cipher: TokenCipher
  clients: PortalClients
}

/** @throws AppError `bitrix24_not_configured` (503) when the app has no Bitrix24 client id and secret. */
export function assertBitrix24Configured(ctx: AppContext): void {
  if (ctx.config.B24_CLIENT_ID && ctx.config.B24_CLIENT_SECRET) return
  throw serviceUnavailable('bitrix24_not_configured', 'Set B24_CLIENT_ID and B24_CLIENT_SECRET to accept installs.')
}

/**
 * Registers an installation. The posted grant is verified by refreshing it at the configured OAuth server with
 * the app's secret: only a grant Bitrix24 issued to this app survives that, and only the OAuth server's answer
 * (member id, REST endpoint) is stored, never what the form claimed. The application token that comes with the
 * grant is not signed by anything, so it never replaces the token of an installation that is still live:
 * - the same installation again (its installer page reopened, ONAPPINSTALL after the installer POST) keeps the
 *   stored grant;
 * - another installation is accepted only when the stored one is gone (its uninstall event was lost), which
 *   the portal itself confirms by refusing the stored tokens.
 * @throws AppError `install_not_verified` (403), `install_portal_mismatch` (403), `insecure_portal_endpoint`
 *   (400), `portal_already_installed` (409), `portal_unavailable` (503), `bitrix24_not_configured` (503).
 */
export async function registerInstall(ctx: AppContext, deps: InstallDeps, input: InstallInput): Promise<PortalRow> {
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
  const existing = await findPortalByMemberId(ctx.db, tokens.member_id)
  const sameInstallation =
    existing !== undefined &&
    existing.status !== 'uninstalled' &&
    applicationTokenMatches(existing, deps.cipher, input.applicationToken)
  if (existing?.status === 'installed') {
    if (sameInstallation) {
      ctx.logger.info({ portalId: existing.id }, 'install of an installed portal again: its stored grant is kept')
      return existing
    }
    if (await installationIsLive(ctx, deps.clients, existing)) {
      // The installer page and the ONAPPINSTALL event of one install arrive together: when the other one has
      // just stored this same installation, the live grant the probe found is this install's own.
      const current = await findPortalByMemberId(ctx.db, tokens.member_id)
      if (current?.status === 'installed' && applicationTokenMatches(current, deps.cipher, input.applicationToken)) {
        return current
      }
      ctx.logger.warn(
        { portalId: existing.id },
        'install with another application token refused: the stored one is live',
      )
      throw conflict(
        'portal_already_installed',
        'The app is installed on this portal already. Remove it in Bitrix24 before installing it again.',
      )
    }
  }
  const now = ctx.clock.now()
  const portal = await upsertInstalledPortal(ctx.db, deps.cipher, {
    tokens,
    applicationToken: input.applicationToken,
    newInstallation: !sameInstallation,
    now,
  })
  deps.clients.drop(portal.id)
  forgetInstallState(ctx.db, portal.id)
  await recordAudit(ctx.db, {
    at: now,
    actor: { type: 'system', id: null },
    action: 'portal.installed',
    entity: { type: 'portal', id: portal.id },
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
  const portal = await registerInstall(ctx, deps, {
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
  try {
    return await refreshAtOAuthServer(ctx.config, { memberId: input.memberId, refreshToken: input.refreshToken })
  } catch (cause) {
    if (cause instanceof GrantOfAnotherPortalError) {
      ctx.logger.warn({ domain: input.domain }, 'install with a grant of another portal refused')
      throw new AppError({
        status: 403,
        code: 'install_portal_mismatch',
        title: 'Forbidden',
        detail:
          'This grant belongs to another Bitrix24 portal than the one named. Install the app from the portal itself.',
        cause,
      })
    }
    ctx.logger.warn({ err: cause, domain: input.domain }, 'install grant refused by the OAuth server')
    throw new AppError({
      status: 403,
      code: 'install_not_verified',
      title: 'Forbidden',
      detail: 'Bitrix24 did not confirm this installation. Install the app again from the portal.',
      cause,
    })
  }
}

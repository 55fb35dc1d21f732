import { eq } from 'drizzle-orm'
import { z } from 'zod'
import type { AppContext } from '../../context'
import { portals } from '../../db/schema'
import { AppError } from '../../errors'
import { emit } from '../../events'
import { forgetInstallState } from '../../http/auth/portal-installs'
import { recordAudit } from '../audit'
import { applicationTokenMatches } from './application-token'
import { registerInstall } from './install.service'
import type { PortalClients } from './portal-clients'
import { findPortalByMemberId, noteEvent, type PortalRow } from './portals.repository'
import type { TokenCipher } from './token-cipher'

/** An event as Bitrix24's queue POSTs it (form-encoded, bracket keys, every value a string). */
export const EventPostSchema = z.object({
  event: z.string().min(1).max(64),
  data: z.record(z.string(), z.unknown()).optional(),
  auth: z.object({
    member_id: z.string().regex(/^[\w.-]{1,64}$/),
    application_token: z.string().min(1).max(512),
    domain: z.string().max(255).optional(),
    refresh_token: z.string().max(512).optional(),
  }),
})
export type EventPost = z.infer<typeof EventPostSchema>

/** The CRM events the app binds; only the entity's id comes with them. */
const CRM_EVENTS: Record<string, 'lead' | 'deal'> = {
  ONCRMLEADUPDATE: 'lead',
  ONCRMDEALADD: 'deal',
  ONCRMDEALUPDATE: 'deal',
}

export interface EventDeps {
  cipher: TokenCipher
  clients: PortalClients
}

/**
 * Handles one event after the 200 has gone out. Events for unknown portals, or whose application token does not
 * match, change nothing: Bitrix24 signs nothing else, so the token is the only proof of origin. A verified change
 * of a lead or deal becomes the domain event `crm.entity_changed`, for whichever module syncs leads.
 */
export async function handleEvent(ctx: AppContext, deps: EventDeps, post: EventPost): Promise<void> {
  const portal = await findPortalByMemberId(ctx.db, post.auth.member_id)
  const event = post.event.toUpperCase()
  if (event === 'ONAPPINSTALL') return onInstall(ctx, deps, post, portal)
  if (!portal) return ctx.logger.info({ event }, 'event for an unknown portal ignored')
  if (!applicationTokenMatches(portal, deps.cipher, post.auth.application_token)) {
    return ctx.logger.warn({ event, portalId: portal.id }, 'event with a wrong application token ignored')
  }
  await noteEvent(ctx.db, portal.id, { name: event, at: ctx.clock.now() })
  if (event === 'ONAPPUNINSTALL') return onUninstall(ctx, deps, portal)
  const entity = CRM_EVENTS[event]
  const id = entityIdOf(post)
  if (entity && id) {
    await emit(ctx.db, 'crm.entity_changed', {
      portalId: portal.id,
      entity,
      id,
      receivedAt: ctx.clock.now().toISOString(),
    })
    return
  }
  ctx.logger.debug({ event, portalId: portal.id }, 'event received')
}

/** `data[FIELDS][ID]`, a positive integer. */
function entityIdOf(post: EventPost): string | undefined {
  const fields = post.data?.FIELDS as { ID?: unknown } | undefined
  const id = fields?.ID
  return typeof id === 'string' && /^\d{1,18}$/.test(id) ? id : undefined
}

/** `data[VERSION]`, the app version the portal has installed. */
function appVersionOf(post: EventPost): number | undefined {
  const version = String(post.data?.VERSION ?? '')
  return /^\d{1,6}$/.test(version) ? Number(version) : undefined
}

async function onInstall(ctx: AppContext, deps: EventDeps, post: EventPost, portal: PortalRow | undefined) {
  // The installer page usually registered the portal first, with the same grant; nothing more to do then.
  const noted = { name: 'ONAPPINSTALL', appVersion: appVersionOf(post), at: ctx.clock.now() }
  if (portal?.status === 'installed' && applicationTokenMatches(portal, deps.cipher, post.auth.application_token)) {
    return noteEvent(ctx.db, portal.id, noted)
  }
  if (!post.auth.refresh_token) return ctx.logger.warn('ONAPPINSTALL without a refresh token ignored')
  try {
    const installed = await registerInstall(ctx, deps, {
      memberId: post.auth.member_id,
      refreshToken: post.auth.refresh_token,
      applicationToken: post.auth.application_token,
      domain: post.auth.domain ?? 'unknown',
    })
    await noteEvent(ctx.db, installed.id, noted)
  } catch (error) {
    // A refused install changes nothing; it is worth a warning, not an error (anyone can post to this URL).
    if (!(error instanceof AppError) || error.status >= 500) throw error
    ctx.logger.warn({ code: error.code }, 'ONAPPINSTALL refused')
  }
}

/** Uninstall: stop every call to the portal and forget its tokens, but keep the record and its history. */
async function onUninstall(ctx: AppContext, deps: EventDeps, portal: PortalRow) {
  const now = ctx.clock.now()
  await ctx.db
    .update(portals)
    .set({
      status: 'uninstalled',
      accessTokenEnc: null,
      refreshTokenEnc: null,
      expiresAt: null,
      uninstalledAt: now,
      updatedAt: now,
    })
    .where(eq(portals.id, portal.id))
  deps.clients.drop(portal.id)
  forgetInstallState(ctx.db, portal.id)
  await recordAudit(ctx.db, {
    at: now,
    actor: { type: 'system', id: null },
    action: 'portal.uninstalled',
    entity: { type: 'portal', id: portal.id },
    before: { status: portal.status },
    after: { status: 'uninstalled' },
  })
  ctx.logger.info({ portalId: portal.id }, 'portal uninstalled')
}

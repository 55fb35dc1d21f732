import express, { type Router } from 'express'
import * as managerContracts from '../../../shared/contracts/manager-partners.contracts'
import * as portalContracts from '../../../shared/contracts/portal-session.contracts'
import { manifest } from '../../../manifests'
import type { AppContext } from '../../context'
import { badRequest } from '../../errors'
import { managerOf, portalUserOf } from '../../http/auth/actors'
import { requirePortalUser } from '../../http/auth/require-partner'
import { implement, type RouteGroup } from '../../http/route'
import { requireManager } from '../managers'
import { applyManifest } from './apply-manifest'
import { EventPostSchema, handleEvent, type EventDeps } from './events.service'
import { InstallPostSchema, registerInstall } from './install.service'
import { issueLinkCode, linkPortal } from './link-codes.service'
import { findPortal } from './portals.repository'
import type { SessionIssuer } from './session.service'
import { portals } from '../../db/schema'
import { desc, eq } from 'drizzle-orm'

export type PortalRouter = Router & { whenEventsHandled: () => Promise<void> }

export interface Bitrix24Deps extends EventDeps {
  sessions: SessionIssuer
}

/** Sessions for the app inside the portal, linking a portal to a partner, and link codes for managers. */
export function bitrix24ApiRoutes(ctx: AppContext, deps: Bitrix24Deps): RouteGroup {
  return [
    implement(portalContracts.createPortalSession, {
      handler: async (_req, res, { body }) => {
        res.status(201).json(await deps.sessions.issue(body))
      },
    }),
    implement(portalContracts.linkPortal, {
      before: [requirePortalUser(ctx)],
      handler: async (_req, res, { body }) => {
        const actor = portalUserOf(res)
        await linkPortal(ctx, actor, body.code)
        const portal = await findPortal(ctx.db, actor.portalId)
        res.json(deps.sessions.sessionFor(portal!, { id: actor.userId ?? '', isAdmin: actor.isAdmin }))
      },
    }),
    implement(managerContracts.listPortals, {
      before: [requireManager(ctx)],
      handler: async (_req, res) => {
        const rows = await ctx.db.select().from(portals).orderBy(desc(portals.installedAt))
        res.json({ items: rows.map(presentPortal) })
      },
    }),
    implement(managerContracts.issueLinkCode, {
      before: [requireManager(ctx)],
      handler: async (_req, res, { params }) => {
        res.status(201).json(await issueLinkCode(ctx, managerOf(res), params.id))
      },
    }),
  ]
}

/**
 * What the portal itself POSTs: the installer page (answered with the app's page once the install is stored
 * and the manifest applied) and events (answered 200 at once, handled afterwards, never retried by Bitrix24).
 */
export function bitrix24PortalRouter(ctx: AppContext, deps: Bitrix24Deps): PortalRouter {
  const inFlight = new Set<Promise<unknown>>()
  const router = express.Router() as PortalRouter
  const form = express.urlencoded({ extended: true, limit: ctx.config.BODY_LIMIT })
  router.post(manifest.app.handlers.install, form, async (req, _res, next) => {
    const post = InstallPostSchema.safeParse(req.body)
    if (!post.success)
      throw badRequest('invalid_install_request', 'This page is opened by Bitrix24 when the app is installed.')
    const portal = await registerInstall(ctx, deps.cipher, {
      memberId: post.data.member_id,
      refreshToken: post.data.REFRESH_ID,
      applicationToken: post.data.APPLICATION_TOKEN,
      domain: String(req.query.DOMAIN ?? 'unknown'),
    })
    deps.clients.drop(portal.id)
    const client = await deps.clients.forPortal(portal.id)
    const applied = await applyManifest(client, manifest, appBaseUrl(ctx, req))
    await ctx.db.update(portals).set({ crmMode: applied.crmMode }).where(eq(portals.id, portal.id))
    ctx.logger.info({ portalId: portal.id, ...applied }, 'manifest applied')
    next()
  })
  router.post(manifest.app.handlers.events, form, (req, res) => {
    res.status(200).json({ received: true })
    const post = EventPostSchema.safeParse(req.body)
    if (!post.success) return ctx.logger.warn('malformed event ignored')
    const handling = handleEvent(ctx, deps, post.data).catch((error: unknown) =>
      ctx.logger.error({ err: error }, 'event handling failed'),
    )
    inFlight.add(handling)
    void handling.finally(() => inFlight.delete(handling))
  })
  // Events are handled after the answer; shutdown and tests wait for the ones still being handled.
  router.whenEventsHandled = async () => {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight])
  }
  return router
}

function presentPortal(row: typeof portals.$inferSelect) {
  return {
    id: row.id,
    memberId: row.memberId,
    domain: row.domain,
    status: row.status,
    partnerId: row.partnerId,
    crmMode: row.crmMode,
    lastError: row.lastError,
    installedAt: row.installedAt.toISOString(),
    uninstalledAt: row.uninstalledAt ? row.uninstalledAt.toISOString() : null,
  }
}

function appBaseUrl(ctx: AppContext, req: express.Request): string {
  return ctx.config.PUBLIC_URL ?? `${req.protocol}://${req.get('host')}`
}

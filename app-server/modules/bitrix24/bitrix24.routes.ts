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
import { EventPostSchema, handleEvent, type EventDeps } from './events.service'
import { installFromPortal, InstallPostSchema } from './install.service'
import { throttleLinkCodeAttempts } from './link-code-throttle'
import { issueLinkCode, linkPortal } from './link-codes.service'
import { findPortal, listPortalsNewestFirst, type PortalRow } from './portals.repository'
import type { SessionIssuer } from './session.service'

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
      before: [requirePortalUser(ctx), throttleLinkCodeAttempts(ctx)],
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
        res.json({ items: (await listPortalsNewestFirst(ctx.db)).map(presentPortal) })
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
    await installFromPortal(ctx, deps, post.data, {
      domain: String(req.query.DOMAIN ?? 'unknown'),
      appBaseUrl: appBaseUrl(ctx, req),
    })
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

function presentPortal(row: PortalRow) {
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

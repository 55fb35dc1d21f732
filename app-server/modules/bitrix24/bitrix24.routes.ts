import express, { type Router } from 'express'
import { PartnerIdParamsSchema } from '../../../shared/schemas/partner.schema'
import {
  PortalListSchema,
  LinkCodeSchema,
  LinkPortalBodySchema,
  SessionBodySchema,
  SessionSchema,
} from '../../../shared/schemas/session.schema'
import { manifest } from '../../../manifests'
import type { AppContext } from '../../context'
import { badRequest } from '../../errors'
import { managerOf, portalUserOf } from '../../http/auth/actors'
import { requirePortalUser } from '../../http/auth/require-partner'
import { route, type RouteGroup } from '../../http/route'
import { NO_MANAGER_SESSION, requireManager } from '../managers'
import { EventPostSchema, handleEvent, type EventDeps } from './events.service'
import { installFromPortal, InstallPostSchema } from './install.service'
import { LINK_CODE_RATE_LIMITED, throttleLinkCodeAttempts } from './link-code-throttle'
import { issueLinkCode, linkPortal } from './link-codes.service'
import { findPortal } from './portals.repository'
import type { SessionIssuer } from './session.service'
import { portals } from '../../db/schema'
import { desc } from 'drizzle-orm'

export type PortalRouter = Router & { whenEventsHandled: () => Promise<void> }

export interface Bitrix24Deps extends EventDeps {
  sessions: SessionIssuer
}

/** Sessions for the app inside the portal, linking a portal to a partner, and link codes for managers. */
export function bitrix24ApiRoutes(ctx: AppContext, deps: Bitrix24Deps): RouteGroup {
  return {
    prefix: '/api',
    routes: [
      route({
        method: 'post',
        path: '/session',
        operationId: 'createPortalSession',
        summary: 'Start a session from the Bitrix24 frame',
        description: 'Checks the frame token with the portal itself and returns a short-lived bearer token.',
        tags: ['Partner app'],
        body: SessionBodySchema,
        responses: { 201: { description: 'The session.', schema: SessionSchema } },
        problems: [
          { status: 401, code: 'portal_not_installed', description: 'The app is not installed on that portal.' },
          { status: 401, code: 'invalid_portal_token', description: 'The portal did not accept the token.' },
        ],
        handler: async (_req, res, { body }) => {
          res.status(201).json(await deps.sessions.issue(body))
        },
      }),
      route({
        method: 'post',
        path: '/portal/link',
        operationId: 'linkPortal',
        summary: 'Link this portal to a partner account',
        description: 'With the one-time code a partner manager issued. Returns a new session bound to the partner.',
        tags: ['Partner app'],
        security: ['partnerSession'],
        before: [requirePortalUser(ctx), throttleLinkCodeAttempts(ctx)],
        body: LinkPortalBodySchema,
        responses: { 200: { description: 'Linked; use the new session.', schema: SessionSchema } },
        problems: [
          { status: 403, code: 'portal_admin_required', description: 'Only a portal administrator may link it.' },
          { status: 404, code: 'link_code_invalid', description: 'Unknown code.' },
          { status: 409, code: 'link_code_used', description: 'The code was used already.' },
          { status: 409, code: 'portal_already_linked', description: 'The portal is linked already.' },
          { status: 422, code: 'link_code_expired', description: 'The code has expired.' },
          LINK_CODE_RATE_LIMITED,
        ],
        handler: async (_req, res, { body }) => {
          const actor = portalUserOf(res)
          await linkPortal(ctx, actor, body.code)
          const portal = await findPortal(ctx.db, actor.portalId)
          res.json(deps.sessions.sessionFor(portal!, { id: actor.userId ?? '', isAdmin: actor.isAdmin }))
        },
      }),
      route({
        method: 'get',
        path: '/manager/portals',
        operationId: 'listPortals',
        summary: 'Portals the app is installed on',
        description: 'With their state: a portal that needs re-authorisation shows `needs_reauth` and the last error.',
        tags: ['Partners'],
        security: ['managerSession'],
        before: [requireManager(ctx)],
        responses: { 200: { description: 'Newest installs first.', schema: PortalListSchema } },
        problems: [NO_MANAGER_SESSION],
        handler: async (_req, res) => {
          const rows = await ctx.db.select().from(portals).orderBy(desc(portals.installedAt))
          res.json({ items: rows.map(presentPortal) })
        },
      }),
      route({
        method: 'post',
        path: '/manager/partners/:id/link-code',
        operationId: 'issueLinkCode',
        summary: "Issue a code that links a partner's portal",
        tags: ['Partners'],
        security: ['managerSession'],
        before: [requireManager(ctx)],
        params: PartnerIdParamsSchema,
        responses: { 201: { description: 'The code, shown once.', schema: LinkCodeSchema } },
        problems: [{ status: 404, code: 'partner_not_found', description: 'No partner has this id.' }],
        handler: async (_req, res, { params }) => {
          res.status(201).json(await issueLinkCode(ctx, managerOf(res), params.id))
        },
      }),
    ],
  }
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

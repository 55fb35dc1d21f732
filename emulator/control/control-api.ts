import express, { type Request, type Response, type Router } from 'express'
import { firstAdmin } from '../core/portals'
import { EmulatorLookupError } from '../core/state'
import type { EmulatorCore } from '../core/emulator-core'
import type { CrmEntityKind, PortalState } from '../core/types'
import type { ChangeOrigin } from '../events/payloads'
import { launchFrame } from '../install/frame-launch'
import { ACCESS_TOKEN_TTL_SECONDS } from '../oauth/token-store'
import { faultRoutes } from './fault-api'
import { portalSnapshot, stateSummary } from './portal-snapshot'

type Body = Record<string, unknown>
type Handler = (request: Request, body: Body) => unknown

const optionalString = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined
const optionalNumber = (value: unknown): number | undefined =>
  value === undefined || value === null || value === '' ? undefined : Number(value)

/** Runs a handler and answers JSON: 404 for unknown portals/apps/items, 400 for other refusals. */
function json(handler: Handler) {
  return async (request: Request, response: Response) => {
    try {
      const body: Body = request.body !== null && typeof request.body === 'object' ? (request.body as Body) : {}
      response.json((await handler(request, body)) ?? { ok: true })
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      response.status(error instanceof EmulatorLookupError ? 404 : 400).json({ error: message })
    }
  }
}

/**
 * The control API under `/__emulator`: what the fake portal page calls, and handy for demos and tests.
 * Changes made here are "a person in the portal UI" and raise the same events as REST writes.
 */
export function controlRoutes(core: EmulatorCore): Router {
  const { state, crm, lifecycle } = core
  const router = express.Router()
  router.use(express.json({ limit: '1mb' }))
  const portalOf = (request: Request): PortalState => state.getPortal(String(request.params.memberId))
  const originOf = (portal: PortalState, body: Body): ChangeOrigin => ({
    userId: optionalNumber(body.userId) ?? firstAdmin(portal).id,
    automation: body.automation === true,
  })
  const itemOf = (portal: PortalState, kind: CrmEntityKind, id: unknown) => {
    const item = (kind === 'lead' ? portal.leads : portal.deals).get(Number(id))
    if (item === undefined) throw new EmulatorLookupError(`No ${kind} ${String(id)}`)
    return item
  }

  router.get(
    '/state',
    json(() => stateSummary(state)),
  )
  router.get(
    '/portals/:memberId',
    json((request) => portalSnapshot(state, portalOf(request))),
  )
  router.get(
    '/portals/:memberId/events',
    json((request) => portalOf(request).deliveries),
  )

  router.post(
    '/portals/:memberId/install',
    json(async (request, body) => {
      const options = {
        clientId: optionalString(body.clientId),
        userId: optionalNumber(body.userId),
        postInstaller: body.postInstaller !== false,
      }
      const { launch, installerStatus } = await lifecycle.install(portalOf(request).memberId, options)
      return { launch, installerStatus }
    }),
  )
  router.post(
    '/portals/:memberId/finish-install',
    json((request, body) => {
      lifecycle.finishInstall(portalOf(request).memberId, optionalString(body.clientId))
    }),
  )
  router.post(
    '/portals/:memberId/uninstall',
    json((request, body) => {
      lifecycle.uninstall(portalOf(request).memberId, {
        clientId: optionalString(body.clientId),
        clean: body.clean === true,
      })
    }),
  )

  /** A user opens the app (or a placement): fresh tokens, APP_SID and POST fields for the iframe. */
  router.post(
    '/portals/:memberId/launch',
    json((request, body) => {
      const portal = portalOf(request)
      const app = state.getApp(optionalString(body.clientId))
      const placementOptions =
        body.placementOptions !== null && typeof body.placementOptions === 'object'
          ? (body.placementOptions as Body)
          : undefined
      return launchFrame(state, portal, app, state.findInstallation(portal.memberId, app.clientId), {
        userId: optionalNumber(body.userId) ?? firstAdmin(portal).id,
        placement: optionalString(body.placement),
        placementOptions,
        handler: optionalString(body.handler),
      })
    }),
  )

  /** The parent page's answer to the frame's `refreshAuth` message: a new pair for the same user. */
  router.post(
    '/portals/:memberId/frame-auth',
    json((request, body) => {
      const portal = portalOf(request)
      const app = state.getApp(optionalString(body.clientId))
      const userId = optionalNumber(body.userId) ?? firstAdmin(portal).id
      const pair = state.tokens.issuePair({ memberId: portal.memberId, clientId: app.clientId, userId })
      return {
        AUTH_ID: pair.access.token,
        REFRESH_ID: pair.refresh.token,
        AUTH_EXPIRES: String(ACCESS_TOKEN_TTL_SECONDS),
      }
    }),
  )

  /** `setAppOption` / `setUserOption` from the frame; returned later in APP_OPTIONS / USER_OPTIONS. */
  router.post(
    '/portals/:memberId/options',
    json((request, body) => {
      const portal = portalOf(request)
      const installation = state.findInstallation(portal.memberId, state.getApp(optionalString(body.clientId)).clientId)
      if (installation === undefined) throw new Error('The app is not installed')
      const name = String(body.name ?? '')
      if (body.kind === 'user') {
        const userKey = String(optionalNumber(body.userId) ?? firstAdmin(portal).id)
        installation.userOptions[userKey] = { ...installation.userOptions[userKey], [name]: body.value }
      } else installation.appOptions[name] = body.value
    }),
  )

  router.post(
    '/portals/:memberId/leads',
    json((request, body) => {
      const portal = portalOf(request)
      const fields = body.fields !== null && typeof body.fields === 'object' ? (body.fields as Body) : {}
      return { id: crm.add(portal, 'lead', fields, originOf(portal, body)).id }
    }),
  )
  for (const kind of ['lead', 'deal'] as const) {
    router.post(
      `/portals/:memberId/${kind}s/:id/move`,
      json((request, body) => {
        const portal = portalOf(request)
        const created = crm.move(
          portal,
          itemOf(portal, kind, request.params.id),
          String(body.stageId ?? ''),
          originOf(portal, body),
        )
        return { dealId: created?.id ?? null }
      }),
    )
  }
  router.post(
    '/portals/:memberId/leads/:id/convert',
    json((request, body) => {
      const portal = portalOf(request)
      return { dealId: crm.convertLead(portal, itemOf(portal, 'lead', request.params.id), originOf(portal, body)).id }
    }),
  )

  router.post(
    '/portals/:memberId/expire-tokens',
    json((request) => ({ expired: state.tokens.expireAccessTokens(portalOf(request).memberId) })),
  )
  router.post(
    '/portals/:memberId/settings',
    json((request, body) => {
      const portal = portalOf(request)
      if (body.crmMode === 1 || body.crmMode === 2) portal.crmMode = body.crmMode
      if ('autoSelectUserId' in body) portal.autoSelectUserId = optionalNumber(body.autoSelectUserId)
      const rateLimit = body.rateLimit as { burst?: unknown; drainPerSecond?: unknown } | undefined
      if (rateLimit !== undefined)
        portal.rateLimit = { burst: Number(rateLimit.burst), drainPerSecond: Number(rateLimit.drainPerSecond) }
    }),
  )
  router.post(
    '/clock',
    json((_request, body) => {
      state.clockOffsetMs += Number(body.advanceMs ?? 0)
      return { now: state.now() }
    }),
  )
  router.use('/faults', faultRoutes(state))
  return router
}

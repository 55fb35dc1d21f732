import express, { type Express } from 'express'
import type { ViteDevServer } from 'vite'
import { BITRIX24_CLOUD_FRAME_ANCESTORS, type Config } from './config'
import type { Database } from './db/client'
import { notFound } from './errors'
import { clientPagesRouter } from './http/client-pages'
import { faviconRouter } from './http/favicon'
import { accessLog } from './http/middleware/access-log'
import { errorHandler } from './http/middleware/error-handler'
import { requestId } from './http/middleware/request-id'
import { urlGuard } from './http/middleware/url-guard'
import { refuseDuplicateKeys } from './http/json-duplicate-keys'
import { securityHeaders, type FramingPolicies } from './http/middleware/security-headers'
import { buildRouter, type RouteGroup } from './http/route'
import type { AppContext } from './context'
import { auditRoutes, recordAudit } from './modules/audit'
import { bitrix24ApiRoutes, bitrix24PortalRouter, PortalClients, SessionIssuer, TokenCipher } from './modules/bitrix24'
import { consoleRoutes } from './modules/console'
import { crmSyncRoutes } from './modules/crm-sync'
import { managerAccountRoutes, managerSessionRoutes } from './modules/managers'
import { partnerManagementRoutes } from './modules/partners'
import { managerProgramRoutes, partnerProgramRoutes, storeOrderRoutes } from './modules/program'
import { managerRatingRoutes, partnerRatingRoutes } from './modules/rating'
import {
  clientFeedbackRoutes,
  publicRequestRoutes,
  requestModerationRoutes,
  requestStatusRoutes,
} from './modules/requests'
import { partnerRoutes } from './modules/reservations'
import { systemRoutes } from './modules/system'
import { publicTerritoryRoutes, territoryRoutes } from './modules/territories'
import { buildOpenApi } from './openapi/build-openapi'
import { apiDocsRouter } from './openapi/docs-page'
import { APP_VERSION } from './version'

export interface AppDeps {
  ctx: AppContext
  database: Database
  /** Set in development: pages come from Vite with hot reload. */
  vite?: ViteDevServer
  /** Serve the client pages (off in API-only tests). */
  servePages?: boolean
  /** Where the production client build lives; defaults to dist/client. */
  clientBuildDir?: string
  /** The process's portal clients, when the worker in the same process shares them. */
  portalClients?: PortalClients
  /** Extra pages mounted before the client pages (the demo page in demo mode). */
  extraRoutes?: express.Router
}

/** Builds the HTTP app without listening, so tests drive it directly. */
export function createApp(deps: AppDeps): Express {
  const { ctx } = deps
  const { config, logger } = ctx
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', parseTrustProxy(config.TRUST_PROXY))
  app.set('query parser', 'simple')

  app.use(requestId())
  app.use(accessLog(logger))
  // Vite's hot reload talks over its own websocket in development.
  const devConnectSrc = deps.vite ? ['ws:'] : []
  app.use(securityHeaders({ connectSrc: devConnectSrc }))
  app.use(urlGuard())

  const cipher = new TokenCipher(ctx.appSecret)
  const bitrix24 = {
    cipher,
    clients: deps.portalClients ?? new PortalClients(ctx, cipher),
    sessions: new SessionIssuer(ctx),
  }
  const groups: RouteGroup[] = [
    systemRoutes({ database: deps.database, version: APP_VERSION }),
    publicRequestRoutes(ctx),
    publicTerritoryRoutes(ctx),
    requestStatusRoutes(ctx),
    partnerRoutes(ctx),
    partnerRatingRoutes(ctx),
    managerSessionRoutes(ctx, { recordAudit }),
    managerAccountRoutes(ctx, { recordAudit }),
    partnerManagementRoutes(ctx),
    territoryRoutes(ctx),
    requestModerationRoutes(ctx),
    clientFeedbackRoutes(ctx),
    auditRoutes(ctx),
    bitrix24ApiRoutes(ctx, bitrix24),
    crmSyncRoutes(ctx),
    managerRatingRoutes(ctx),
    consoleRoutes(ctx),
    managerProgramRoutes(ctx),
    partnerProgramRoutes(ctx),
    storeOrderRoutes(ctx),
  ]
  const routes = groups.flat()
  const openApi = buildOpenApi(
    {
      title: 'Bitrix24 Implementation Requests API',
      version: APP_VERSION,
      description:
        'Implementation requests from prospective Bitrix24 clients, distributed to Bitrix24 partners (at most 5 per request). ' +
        'Errors are RFC 9457 problem details with a stable `code`.',
    },
    routes.map((route) => route.contract),
    { servers: [{ url: config.PUBLIC_URL ?? '/', description: 'This service' }], securitySchemes: SECURITY_SCHEMES },
  )

  const api = express.Router()
  api.use(express.json({ limit: config.BODY_LIMIT, strict: true, verify: refuseDuplicateKeys }))
  api.use(buildRouter(routes, logger, { publicUrl: config.PUBLIC_URL }))
  api.get('/openapi.json', (_req, res) => {
    res.json(openApi)
  })
  api.use(apiDocsRouter())
  api.use((req) => {
    throw notFound('route_not_found', `No API route matches ${req.method} ${req.originalUrl.split('?')[0]}.`)
  })
  app.use('/api', api)
  app.use(faviconRouter())

  const portalRouter = bitrix24PortalRouter(ctx, bitrix24)
  app.locals.whenEventsHandled = portalRouter.whenEventsHandled
  app.use(portalRouter)
  if (deps.extraRoutes) app.use(deps.extraRoutes)
  if (deps.servePages !== false) {
    app.use(
      clientPagesRouter({
        logger,
        framing: framingPolicies(config, devConnectSrc),
        ...(deps.vite ? { vite: deps.vite } : {}),
        ...(deps.clientBuildDir ? { buildDir: deps.clientBuildDir } : {}),
      }),
    )
  }
  // Whatever no router answered, outside the API too: a problem, never the framework's HTML page.
  app.use((req) => {
    throw notFound('route_not_found', `Nothing is served at ${req.method} ${req.originalUrl.split('?')[0]}.`)
  })
  app.use(errorHandler(logger))
  return app
}

const SECURITY_SCHEMES = {
  partnerSession: {
    type: 'http',
    scheme: 'bearer',
    description: 'A short-lived partner session token, bound to a portal, a partner and a Bitrix24 user.',
  },
  managerSession: {
    type: 'http',
    scheme: 'bearer',
    description:
      'The token from POST /api/manager/session. The console uses the HttpOnly session cookie that the same ' +
      'operation sets instead; changes sent with the cookie must come from this site (Origin or Sec-Fetch-Site).',
  },
  statusToken: {
    type: 'http',
    scheme: 'bearer',
    description: "The client's private status token from POST /api/public/requests.",
  },
  integrationKey: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Api-Key',
    description: 'The API key of a store integration, from POST /api/manager/program/integrations.',
  },
}

function framingPolicies(config: Config, connectSrc: string[]): FramingPolicies {
  const portals = [...BITRIX24_CLOUD_FRAME_ANCESTORS, ...config.PORTAL_FRAME_ANCESTORS]
  return {
    partner: { frameAncestors: ["'self'", ...portals], connectSrc: [...portals, ...connectSrc] },
    'request-form': { frameAncestors: config.FORM_FRAME_ANCESTORS, connectSrc },
    manager: { frameAncestors: [], connectSrc },
  }
}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'true') return true
  if (value === 'false') return false
  return /^\d+$/.test(value) ? Number(value) : value
}

import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import express, { type Request, type RequestHandler, type Router } from 'express'
import type { ViteDevServer } from 'vite'
import type { Logger } from '../logger'
import { framingPolicy, type FramingPolicies } from './middleware/security-headers'

/** The three single-page entries of the client build and the URL each is served under. */
export const CLIENT_ENTRIES = ['partner', 'request-form', 'manager'] as const
export type ClientEntry = (typeof CLIENT_ENTRIES)[number]

/**
 * The pages of an entry that its framing policy applies to; the rest of that entry may not be framed at all.
 * The request form (and its landing page) is made to be embedded in other sites, but the same entry serves the
 * client's status page, whose Withdraw and Erase another site could overlay and trick the client into clicking.
 */
const FRAMABLE_PAGES: Partial<Record<ClientEntry, RegExp>> = { 'request-form': /^\/request-form\/(request\/?)?$/ }

export const CLIENT_SOURCE_DIR = resolve(import.meta.dirname, '../../app-client')
export const CLIENT_BUILD_DIR = resolve(import.meta.dirname, '../../dist/client')

export interface ClientPagesOptions {
  logger: Logger
  framing: FramingPolicies
  /** In development the pages come from Vite with hot reload; otherwise from the production build. */
  vite?: ViteDevServer
  buildDir?: string
}

/**
 * Serves the client entries. Bitrix24 opens the partner app with a POST (its handler URL), so the partner
 * shell answers POST as well as GET; the posted form is not read here.
 */
export function clientPagesRouter(options: ClientPagesOptions): Router {
  // Strict routing: `/partner` redirects to `/partner/` so relative asset URLs resolve under the entry.
  const router = express.Router({ strict: true })
  const buildDir = options.buildDir ?? CLIENT_BUILD_DIR
  const renderShell = options.vite ? viteShell(options.vite) : builtShell(buildDir, options.logger)
  if (options.vite) router.use(options.vite.middlewares)
  else router.use('/assets', express.static(join(buildDir, 'assets'), { immutable: true, maxAge: '1y', index: false }))

  router.get('/', (_req, res) => res.redirect(302, '/request-form/'))
  for (const entry of CLIENT_ENTRIES) {
    const paths = [`/${entry}/`, `/${entry}/{*path}`]
    const framing = framingOf(entry, options.framing[entry])
    const serve: RequestHandler = async (req, res) => {
      res
        .set('Cache-Control', 'no-cache')
        .type('html')
        .send(await renderShell(entry, req))
    }
    router.get(`/${entry}`, (_req, res) => res.redirect(301, `/${entry}/`))
    router.get(paths, framing, serve)
    if (entry === 'partner') router.post(paths, framing, serve)
  }
  return router
}

function framingOf(entry: ClientEntry, policy: FramingPolicies[ClientEntry]): RequestHandler {
  const framed = framingPolicy(policy)
  const framable = FRAMABLE_PAGES[entry]
  if (!framable) return framed
  const unframed = framingPolicy({ ...policy, frameAncestors: [] })
  return (req, res, next) => (framable.test(req.path) ? framed : unframed)(req, res, next)
}

type ShellRenderer = (entry: ClientEntry, req: Request) => Promise<string>

function builtShell(buildDir: string, logger: Logger): ShellRenderer {
  const cache = new Map<ClientEntry, string>()
  return async (entry) => {
    const cached = cache.get(entry)
    if (cached) return cached
    const file = join(buildDir, entry, 'index.html')
    if (!existsSync(file)) {
      logger.error({ entry }, 'client build missing: run `npm run build`')
      return MISSING_BUILD_HTML
    }
    const html = readFileSync(file, 'utf8')
    cache.set(entry, html)
    return html
  }
}

function viteShell(vite: ViteDevServer): ShellRenderer {
  return (entry, req) => {
    const html = readFileSync(join(CLIENT_SOURCE_DIR, entry, 'index.html'), 'utf8')
    return vite.transformIndexHtml(req.originalUrl, html)
  }
}

const MISSING_BUILD_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Client not built</title></head>
<body><h1>The client has not been built</h1><p>Run <code>npm run build</code> (or <code>npm start</code>, which builds it) and reload.</p></body></html>`

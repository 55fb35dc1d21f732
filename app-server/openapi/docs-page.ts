import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import express, { type Router } from 'express'
import { FAVICON_PATH } from '../http/favicon'

const require = createRequire(import.meta.url)

/**
 * A readable API reference at `/api/docs`, rendered by Swagger UI from `/api/openapi.json`.
 * The UI's files are served from the installed package, so the page works offline.
 */
export function apiDocsRouter(): Router {
  const router = express.Router()
  const assets = dirname(require.resolve('swagger-ui-dist/package.json'))
  router.get('/docs', (_req, res) => {
    res.type('html').send(DOCS_HTML)
  })
  router.get('/docs/init.js', (_req, res) => {
    res.type('application/javascript').send(INIT_JS)
  })
  router.use('/docs/assets', express.static(assets, { index: false, maxAge: '1d' }))
  return router
}

const DOCS_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>API reference · Bitrix24 Implementation Requests</title>
    <link rel="icon" type="image/svg+xml" href="${FAVICON_PATH}" />
    <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css" />
  </head>
  <body>
    <main id="swagger-ui"></main>
    <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
    <script src="/api/docs/init.js"></script>
  </body>
</html>`

// Kept in a file of its own so the page needs no inline script under the CSP.
const INIT_JS = `window.ui = SwaggerUIBundle({
  url: '/api/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  defaultModelsExpandDepth: 0,
})`

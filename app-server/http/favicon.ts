import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import express, { type Router } from 'express'
import { CLIENT_SOURCE_DIR } from './client-pages'

/** The one icon of every page; the client entries link their built copy, the server's own pages this one. */
export const FAVICON_PATH = '/favicon.svg'

/**
 * Serves the icon at `/favicon.svg`, and at `/favicon.ico` for browsers that ask for it unprompted (on the JSON
 * answers of the API, for instance), so no page or answer opened in a browser meets a 404 for it.
 */
export function faviconRouter(): Router {
  const icon = readFileSync(join(CLIENT_SOURCE_DIR, 'common', 'assets', 'favicon.svg'))
  const router = express.Router()
  router.get([FAVICON_PATH, '/favicon.ico'], (_req, res) => {
    res.set('Cache-Control', 'public, max-age=86400').type('image/svg+xml').send(icon)
  })
  return router
}

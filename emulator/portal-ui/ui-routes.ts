import { readFile } from 'node:fs/promises'
import express, { type Response, type Router } from 'express'
import type { EmulatorState } from '../core/state'
import { portalIndex, portalPageCsp, portalShell } from './pages'

const PUBLIC_DIR = new URL('./public/', import.meta.url)
const CONTENT_TYPES: Record<string, string> = { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8' }

function sendPage(state: EmulatorState, response: Response, html: string): void {
  response.setHeader('Content-Security-Policy', portalPageCsp(state))
  response.setHeader('Cache-Control', 'no-store')
  response.type('html').send(html)
}

/** The fake portal page (`/`, `/portal/<memberId>/crm/{lead,deal}/`, `/portal/<memberId>/app/<clientId>/`) and its assets. */
export function uiRoutes(state: EmulatorState): Router {
  const router = express.Router()

  router.get('/__emulator/ui/:file', async (request, response) => {
    const match = /^([a-z-]+)\.(js|css)$/.exec(request.params.file)
    const contentType = match?.[2] === undefined ? undefined : CONTENT_TYPES[match[2]]
    if (match === null || contentType === undefined) return void response.status(404).end()
    try {
      const content = await readFile(new URL(request.params.file, PUBLIC_DIR))
      response.setHeader('Cache-Control', 'no-store')
      response.type(contentType).send(content)
    } catch {
      response.status(404).end()
    }
  })

  router.get('/', (_request, response) => sendPage(state, response, portalIndex(state)))

  router.get('/portal/:memberId', (request, response) =>
    response.redirect(`/portal/${request.params.memberId}/crm/lead/`),
  )
  router.get('/portal/:memberId/crm/:entity', (request, response) => {
    const portal = state.portals.get(request.params.memberId)
    const entity = request.params.entity === 'deal' ? 'deal' : 'lead'
    if (portal === undefined) return void response.status(404).send('No such portal')
    sendPage(state, response, portalShell(state, portal, { name: `crm-${entity}` }))
  })
  router.get('/portal/:memberId/app/:clientId', (request, response) => {
    const portal = state.portals.get(request.params.memberId)
    if (portal === undefined) return void response.status(404).send('No such portal')
    sendPage(state, response, portalShell(state, portal, { name: 'app', clientId: request.params.clientId }))
  })
  return router
}

import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express'
import type { EmulatorState } from '../core/state'
import { buildRestTime } from '../core/time'
import { authenticate } from './authenticate'
import { runMethod } from './dispatch'
import { methodNotFound, noAuthFound, queryLimitExceeded, toRestError } from './errors'
import type { Services } from './method-types'
import { normalizeMethodName } from './names'
import { admitRequest } from './rate-limit'
import { readRequestParams } from './request-params'

/**
 * `/rest/{method}` (portal found by token; what B24Frame calls, since it builds `http://DOMAIN/rest/`) and
 * `/portal/{memberId}/rest/{method}` (the `client_endpoint` handed to apps). Repeated slashes are accepted because
 * the SDK requests `{client_endpoint}/{method}`, i.e. `…/rest//crm.lead.add`.
 */
const REST_PATH = /^\/(?:portal\/([^/]+)\/)?rest\/+(.*)$/

const rawBody = express.raw({ type: () => true, limit: '20mb' })

/** Browsers call REST straight from the app's origin (the frame SDK), so preflights must pass. */
export function applyCors(state: EmulatorState, request: Request, response: Response): void {
  const origin = request.headers.origin
  const allowed =
    state.allowedAppOrigins === undefined || (origin !== undefined && state.allowedAppOrigins.includes(origin))
  if (!allowed) return
  response.setHeader('Access-Control-Allow-Origin', state.allowedAppOrigins === undefined ? '*' : (origin ?? '*'))
  response.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS')
  response.setHeader(
    'Access-Control-Allow-Headers',
    request.headers['access-control-request-headers'] ?? 'content-type',
  )
  response.setHeader('Access-Control-Max-Age', '600')
  if (state.allowedAppOrigins !== undefined) response.setHeader('Vary', 'Origin')
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function serveRest(
  state: EmulatorState,
  services: Services,
  request: Request,
  response: Response,
): Promise<void> {
  const [, pathMemberId, rawMethod = ''] = REST_PATH.exec(request.path) ?? []
  const startedAt = state.now()
  const clockStart = performance.now()
  try {
    // `rest/api/…` is REST v3 and `rest/{user}/{secret}/…` a webhook: neither is emulated.
    if (rawMethod.startsWith('api/')) throw methodNotFound()
    if (rawMethod.includes('/')) throw noAuthFound()
    const method = normalizeMethodName(decodeURIComponent(rawMethod))
    if (method === '') throw methodNotFound()
    const { auth, ...params } = readRequestParams(request)
    const caller = authenticate(state, auth, pathMemberId)
    const { portal } = caller
    if (!admitRequest(portal, state.now())) throw queryLimitExceeded()
    const latency = state.faults.latencyFor(portal.memberId, method)
    if (latency > 0) await sleep(latency)
    const fault = state.faults.failureFor(portal.memberId, method)
    if (fault !== undefined) {
      response.status(fault.status).json(fault.body)
      return
    }
    const outcome = await runMethod(state, services, caller, method, params)
    const body: Record<string, unknown> = { result: outcome.result }
    if (outcome.next !== undefined) body.next = outcome.next
    if (outcome.total !== undefined) body.total = outcome.total
    body.time = buildRestTime(startedAt, performance.now() - clockStart, portal.utcOffsetMinutes)
    response.status(200).json(body)
  } catch (error) {
    const restError = toRestError(error)
    response.status(restError.status).json(restError.body())
  }
}

/** Express middleware for the REST surface; passes every other path on. */
export function restMiddleware(state: EmulatorState, services: Services): RequestHandler {
  return (request: Request, response: Response, next: NextFunction) => {
    if (!REST_PATH.test(request.path)) return next()
    applyCors(state, request, response)
    if (request.method === 'OPTIONS') return void response.status(204).end()
    rawBody(request, response, (error?: unknown) => {
      if (error !== undefined) return next(error)
      serveRest(state, services, request, response).catch(next)
    })
  }
}

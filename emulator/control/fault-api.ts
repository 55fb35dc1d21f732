import express, { type Router } from 'express'
import type { EmulatorState } from '../core/state'

type Body = Record<string, unknown>

const scopeOf = (body: Body) => ({
  memberId: typeof body.memberId === 'string' ? body.memberId : undefined,
  method: typeof body.method === 'string' ? body.method : undefined,
})

const answerOf = (body: Body) => ({
  status: Number(body.status ?? 500),
  body: (body.body as Body | undefined) ?? {
    error: 'INTERNAL_SERVER_ERROR',
    error_description: 'Internal server error',
  },
})

/**
 * `POST /__emulator/faults` with `kind`:
 * - `errorRate` `{memberId?, method?, rate, status, body}`
 * - `latency` `{memberId?, method?, ms}`
 * - `dropEvents` `{memberId?, percent}`
 * - `failNext` `{memberId?, method, count, status?, body?}`
 * - `expireTokens` `{memberId}`
 * and `DELETE /__emulator/faults` to clear them all.
 */
export function faultRoutes(state: EmulatorState): Router {
  const router = express.Router()
  router.post('/', (request, response) => {
    const body: Body = request.body !== null && typeof request.body === 'object' ? (request.body as Body) : {}
    const scope = scopeOf(body)
    switch (body.kind) {
      case 'errorRate':
        state.faults.addErrorRate({ ...scope, ...answerOf(body), rate: Number(body.rate ?? 1) })
        break
      case 'latency':
        state.faults.addLatency({ ...scope, ms: Number(body.ms ?? 0) })
        break
      case 'dropEvents':
        state.faults.dropEvents(Number(body.percent ?? 100), scope.memberId)
        break
      case 'failNext':
        state.faults.failNext({ ...scope, ...answerOf(body), count: Number(body.count ?? 1) })
        break
      case 'expireTokens':
        return void response.json({ expired: state.tokens.expireAccessTokens(scope.memberId ?? '') })
      default:
        return void response.status(400).json({ error: `Unknown fault kind ${String(body.kind)}` })
    }
    response.json({ ok: true })
  })
  router.delete('/', (_request, response) => {
    state.faults.clear()
    response.json({ ok: true })
  })
  return router
}

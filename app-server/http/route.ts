import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express'
import type { Contract, ResponseToSend, ValidatedInput } from '../../shared/contracts/contract'
import { AppError } from '../errors'
import type { Logger } from '../logger'
import { managerAccessGuard } from './auth/manager-access'
import { checkDeclared } from './declared-problems'
import { parseOrThrow } from './validation'

export interface RouteImplementation<C extends Contract = Contract> {
  contract: C
  /** Middleware run before validation (authentication, rate limits). */
  before: RequestHandler[]
  handler: (req: Request, res: Response<ResponseToSend<C>>, input: ValidatedInput<C>) => Promise<void> | void
}

/** A module's routes: each implements one contract of `shared/contracts/`. */
// The implementations' own input types are erased so routes of different shapes share one list.
export type RouteGroup = RouteImplementation[]

/**
 * Implements a contract: the contract's schemas validate the input, the handler (thin: one service call and
 * the response) gets it typed, and its response body is checked against the contract's at compile time.
 */
export function implement<C extends Contract>(
  contract: C,
  implementation: Omit<RouteImplementation<C>, 'contract' | 'before'> & { before?: RequestHandler[] },
): RouteImplementation {
  return { contract, before: implementation.before ?? [], handler: implementation.handler } as RouteImplementation
}

const unsupportedMediaType = new AppError({
  code: 'unsupported_media_type',
  detail: 'Send the body as JSON with Content-Type: application/json.',
})

function validateInput(contract: Contract): RequestHandler {
  return (req, res, next) => {
    if (contract.body && !req.is('application/json')) throw unsupportedMediaType
    const input: ValidatedInput<Contract> = {
      body: contract.body ? parseOrThrow(contract.body, req.body) : undefined,
      query: contract.query ? parseOrThrow(contract.query, req.query) : undefined,
      params: contract.params ? parseOrThrow(contract.params, req.params) : undefined,
    }
    res.locals.input = input
    next()
  }
}

/** Where the API router is mounted; contracts carry full paths. */
export const API_PREFIX = '/api'

/**
 * Builds the API router (mounted at `/api`) from route implementations. Operations behind a manager session pass
 * `managerAccessGuard` (role and cross-site checks) after their authentication. After each route, a problem whose
 * code its contract does not declare is reported (see declared-problems.ts) and then rendered as usual.
 */
export function buildRouter(
  routes: RouteGroup,
  logger: Logger,
  options: { publicUrl?: string | undefined } = {},
): express.Router {
  const router = express.Router()
  for (const { contract, before, handler } of routes) {
    const guards = contract.security === 'managerSession' ? [managerAccessGuard(contract, options.publicUrl)] : []
    if (!contract.path.startsWith(`${API_PREFIX}/`)) throw new Error(`${contract.operationId}: path outside /api`)
    const run: RequestHandler = async (req, res) => {
      await handler(req, res, res.locals.input as ValidatedInput<Contract>)
    }
    const check: ErrorRequestHandler = (error, req, _res, next) => {
      checkDeclared(contract, error, req, logger)
      next(error)
    }
    router[contract.method](
      contract.path.slice(API_PREFIX.length),
      ...before,
      ...guards,
      validateInput(contract),
      run,
      check,
    )
  }
  return router
}

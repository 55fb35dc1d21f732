import type { Request } from 'express'
import type { Contract } from '../../shared/contracts/contract'
import { problemScope, type ProblemCode } from '../../shared/contracts/problems'
import { AppError } from '../errors'
import type { Logger } from '../logger'

/** A route answered a problem code that its contract does not declare: the API description is wrong. */
export interface UndeclaredProblem {
  operationId: string
  method: string
  path: string
  code: ProblemCode
}

type Listener = (problem: UndeclaredProblem) => void
const listeners = new Set<Listener>()

/**
 * Calls `listener` for every undeclared problem a route answers, in any app of this process; returns how to stop.
 * The test suites register one and fail a test that answered an undeclared code.
 */
export function onUndeclaredProblem(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Whether an operation may answer `code`: declared by its contract, or generic to every operation. */
export function isDeclared(contract: Contract, code: ProblemCode): boolean {
  return code in contract.problems || problemScope(code) === 'generic'
}

/** Reports an AppError that ends a route with a code its contract does not declare; the caller still gets it. */
export function checkDeclared(contract: Contract, error: unknown, req: Request, logger: Logger): void {
  if (!(error instanceof AppError) || isDeclared(contract, error.code)) return
  const problem: UndeclaredProblem = {
    operationId: contract.operationId,
    method: req.method,
    path: contract.path,
    code: error.code,
  }
  logger.warn(problem, 'problem code not declared by the operation contract')
  for (const listener of listeners) listener(problem)
}

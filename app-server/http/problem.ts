import type { Request, Response } from 'express'
import type { Problem } from '../../shared/schemas/problem.schema'
import type { AppError } from '../errors'
import { currentRequestId } from '../request-context'

export const PROBLEM_CONTENT_TYPE = 'application/problem+json'

/** The problem `type` URI: a stable, documented name per code. */
export function problemType(code: string): string {
  return `https://b24-implementation-requests.dev/problems/${code.replaceAll('_', '-')}`
}

export function toProblem(error: AppError, req: Request): Problem {
  return {
    ...error.extensions,
    type: problemType(error.code),
    title: error.title,
    status: error.status,
    ...(error.detail ? { detail: error.detail } : {}),
    instance: req.originalUrl.split('?')[0],
    code: error.code,
    ...(currentRequestId() ? { requestId: currentRequestId() } : {}),
    ...(error.fieldErrors ? { errors: error.fieldErrors } : {}),
  }
}

export function sendProblem(res: Response, req: Request, error: AppError): void {
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value)
  res
    .status(error.status)
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(toProblem(error, req)))
}

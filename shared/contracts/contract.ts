import type { z } from 'zod'
import type { ProblemCode } from './problems'
import type { ApiTag } from './tags'

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete'

/** How a caller proves who it is; `null` in a contract means the operation is public. */
export type SecuritySchemeName = 'partnerSession' | 'managerSession' | 'statusToken' | 'integrationKey'

export interface ResponseSpec {
  description: string
  /** The body; none for an empty response such as 204. */
  schema?: z.ZodType
  /** Defaults to application/json. */
  contentType?: string
}

/** The problem codes an operation may answer, each with what it means for this operation. */
export type ProblemDescriptions = Partial<Record<ProblemCode, string>>

/**
 * One HTTP operation, declared once: the server route implements it, the typed client calls it and the OpenAPI
 * document describes it. Codes every operation may answer (`GENERIC_PROBLEM_CODES`) need not be listed.
 */
export interface Contract {
  method: HttpMethod
  /** The full Express-style path, e.g. `/api/partner/requests/:id/reservation`. */
  path: `/api/${string}`
  operationId: string
  summary: string
  description?: string
  tags: readonly ApiTag[]
  security: SecuritySchemeName | null
  params?: z.ZodType
  query?: z.ZodType
  body?: z.ZodType
  /** Success responses by status. */
  responses: { readonly [status: number]: ResponseSpec }
  problems: ProblemDescriptions
}

/** Declares a contract, keeping its literal types (path, statuses, schemas) for the server and the client. */
export function defineContract<const C extends Contract>(contract: C): C {
  return contract
}

type Parsed<S, Mode extends 'input' | 'output'> = S extends z.ZodType
  ? Mode extends 'input'
    ? z.input<S>
    : z.output<S>
  : undefined

/** Path parameters, query and body as the server receives them after validation. */
export interface ValidatedInput<C extends Contract> {
  params: Parsed<C['params'], 'output'>
  query: Parsed<C['query'], 'output'>
  body: Parsed<C['body'], 'output'>
}

type ResponseBodies<C extends Contract, Mode extends 'input' | 'output'> = {
  [S in keyof C['responses']]: C['responses'][S] extends { schema: infer B extends z.ZodType }
    ? Parsed<B, Mode>
    : undefined
}[keyof C['responses']]

/** What the server may send on success (before serialisation). */
export type ResponseToSend<C extends Contract> = ResponseBodies<C, 'input'>

/** What the client gets on success, parsed by the response schemas. */
export type ResponseReceived<C extends Contract> = ResponseBodies<C, 'output'>

/** The path with its parameters filled in, e.g. `/api/partner/requests/123/reservation`. */
export function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, (_match, name: string) => {
    const value = params?.[name]
    if (value === undefined || value === null) throw new Error(`Missing path parameter "${name}" for ${path}`)
    return encodeURIComponent(String(value))
  })
}

import type { z } from 'zod'
import type { ManagerAbilities } from '../domain/manager-roles'
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
  /**
   * For operations behind a manager session: the ability (shared/domain/manager-roles.ts) the manager's role
   * needs, or `self` for what any signed-in manager may do to their own session and account. When left out, a
   * read (GET) needs none and every other method needs `change`, so a new endpoint is closed to viewers unless
   * it says otherwise.
   */
  managerAbility?: keyof ManagerAbilities | 'self'
}

/** The ability a manager's role needs for an operation; null when any signed-in manager may call it. */
export function requiredManagerAbility(contract: Contract): keyof ManagerAbilities | null {
  if (contract.security !== 'managerSession') return null
  if (contract.managerAbility) return contract.managerAbility === 'self' ? null : contract.managerAbility
  return contract.method === 'get' ? null : 'change'
}

/** Whether a manager operation changes something, so a cookie session must prove it comes from the console. */
export function needsCsrfCheck(contract: Contract): boolean {
  return contract.security === 'managerSession' && contract.method !== 'get'
}

/**
 * Declares a contract, keeping its literal types (path, statuses, schemas) for the server and the client. The
 * problems every manager operation may answer because of its role or the cookie check are added here, so the
 * OpenAPI document and the declared-problem check know them without each contract repeating them.
 */
export function defineContract<const C extends Contract>(contract: C): C {
  const implied: ProblemDescriptions = {}
  const ability = requiredManagerAbility(contract)
  if (ability) implied.manager_role_forbidden = `The signed-in manager's role lacks the \`${ability}\` ability.`
  if (needsCsrfCheck(contract)) {
    implied.csrf_rejected = 'Sent with the session cookie from another site (Origin or Sec-Fetch-Site not this one).'
  }
  return { ...contract, problems: { ...implied, ...contract.problems } }
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

import { z } from 'zod'
import { fillPath, type Contract, type ResponseReceived } from '@shared/contracts/contract'
import type { HttpClient, HttpMethod, QueryValue } from './http'

/** An object without fields: whatever has only optional fields accepts it. */
type NoFields = Record<never, never>

// A part the contract has is required unless every field of it is optional; a body is always required, since
// the server takes it as JSON. A part the contract does not have cannot be given.
type Part<Name extends string, S, AlwaysRequired extends boolean = false> = S extends z.ZodType
  ? AlwaysRequired extends true
    ? { [K in Name]: z.input<S> }
    : NoFields extends z.input<S>
      ? { [K in Name]?: z.input<S> }
      : { [K in Name]: z.input<S> }
  : { [K in Name]?: undefined }

/** What a call of a contract takes: its path parameters, query and body, typed by the contract's schemas. */
export type CallInput<C extends Contract> = Part<'params', C['params']> &
  Part<'query', C['query']> &
  Part<'body', C['body'], true> & { signal?: AbortSignal }

/** A call's arguments: the input may be left out when the contract needs none. */
export type CallArgs<C extends Contract> =
  NoFields extends CallInput<C> ? [input?: CallInput<C>] : [input: CallInput<C>]

/** Calls one operation; resolves with the response parsed by the contract's schema. */
export type ContractCall = <C extends Contract>(contract: C, ...args: CallArgs<C>) => Promise<ResponseReceived<C>>

const responseSchemas = new WeakMap<Contract, z.ZodType>()

/** The contract's success bodies as one schema (204 and the like have none). */
function responseSchema(contract: Contract): z.ZodType {
  const known = responseSchemas.get(contract)
  if (known) return known
  const schemas = [...new Set(Object.values(contract.responses).map((response) => response.schema ?? z.undefined()))]
  const [first, second, ...rest] = schemas
  const schema = first && second ? z.union([first, second, ...rest]) : (first ?? z.undefined())
  responseSchemas.set(contract, schema)
  return schema
}

/**
 * Calls operations by their contract over `client`: the path is filled from `params`, the response is parsed
 * by the contract's schema, and every failure (a problem, a network error, a body that breaks the contract)
 * is an ApiError.
 */
export function contractCall(client: HttpClient): ContractCall {
  return (contract, ...[input]) => {
    const { params, query, body, signal } = (input ?? {}) as CallInput<Contract>
    return client.request(fillPath(contract.path, params as Record<string, unknown> | undefined), {
      method: contract.method.toUpperCase() as HttpMethod,
      schema: responseSchema(contract),
      ...(body === undefined ? {} : { body }),
      ...(query === undefined ? {} : { query: query as Record<string, QueryValue> }),
      ...(signal ? { signal } : {}),
    }) as Promise<ResponseReceived<typeof contract>>
  }
}

/** One function per contract, named like its key: `api.listPartners({ query })`. */
export type BoundContracts<M extends Record<string, Contract>> = {
  [K in keyof M]: (...args: CallArgs<M[K]>) => Promise<ResponseReceived<M[K]>>
}

/** Binds a set of contracts (e.g. the exports of a `*.contracts.ts` file) to a client. */
export function bindContracts<M extends Record<string, Contract>>(client: HttpClient, contracts: M): BoundContracts<M> {
  const call = contractCall(client)
  return Object.fromEntries(
    Object.entries(contracts).map(([name, contract]) => [
      name,
      (...args: CallArgs<Contract>) => call(contract, ...args),
    ]),
  ) as unknown as BoundContracts<M>
}

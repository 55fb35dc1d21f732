import express, { type Request, type RequestHandler, type Response } from 'express'
import type { z } from 'zod'
import { AppError } from '../errors'
import { parseOrThrow } from './validation'

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete'

export interface ResponseSpec {
  description: string
  schema?: z.ZodType
  /** Defaults to application/json. */
  contentType?: string
}

export interface ProblemSpec {
  status: number
  code: string
  description: string
}

export interface RouteInput<B, Q, P> {
  body: B
  query: Q
  params: P
}

export interface RouteSpec<B = undefined, Q = undefined, P = undefined> {
  method: HttpMethod
  /** Express-style path relative to the router's mount point, e.g. `/requests/:id`. */
  path: string
  operationId: string
  summary: string
  description?: string
  tags: string[]
  /** Security scheme names for the API description, e.g. `['partnerSession']`. */
  security?: string[]
  /** Middleware run before validation (authentication, rate limits). */
  before?: RequestHandler[]
  body?: z.ZodType<B>
  query?: z.ZodType<Q>
  params?: z.ZodType<P>
  responses: Record<number, ResponseSpec>
  problems?: ProblemSpec[]
  handler: (req: Request, res: Response, input: RouteInput<B, Q, P>) => Promise<void> | void
}

/** A mounted group of routes; its specs feed the OpenAPI document. */
export interface RouteGroup {
  prefix: string
  routes: RouteSpec<unknown, unknown, unknown>[]
}

const unsupportedMediaType = new AppError({
  status: 415,
  code: 'unsupported_media_type',
  title: 'Unsupported media type',
  detail: 'Send the body as JSON with Content-Type: application/json.',
})

function validateInput(spec: RouteSpec<unknown, unknown, unknown>): RequestHandler {
  return (req, res, next) => {
    if (spec.body && !req.is('application/json')) throw unsupportedMediaType
    const input: RouteInput<unknown, unknown, unknown> = {
      body: spec.body ? parseOrThrow(spec.body, req.body) : undefined,
      query: spec.query ? parseOrThrow(spec.query, req.query) : undefined,
      params: spec.params ? parseOrThrow(spec.params, req.params) : undefined,
    }
    res.locals.input = input
    next()
  }
}

/** Builds an Express router from route specs. */
export function buildRouter(routes: RouteSpec<unknown, unknown, unknown>[]): express.Router {
  const router = express.Router()
  for (const spec of routes) {
    const run: RequestHandler = async (req, res) => {
      await spec.handler(req, res, res.locals.input as RouteInput<unknown, unknown, unknown>)
    }
    router[spec.method](spec.path, ...(spec.before ?? []), validateInput(spec), run)
  }
  return router
}

/**
 * Declares a route once: the same object drives validation, the handler and the API description.
 * Its input types are erased on return so routes of different shapes can share one list.
 */
export function route<B, Q, P>(spec: RouteSpec<B, Q, P>): RouteSpec<unknown, unknown, unknown> {
  return spec as unknown as RouteSpec<unknown, unknown, unknown>
}

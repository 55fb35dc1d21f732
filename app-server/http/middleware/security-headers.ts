import helmet from 'helmet'
import type { RequestHandler } from 'express'

/** Who may embed a page in a frame, and which extra origins it may connect to. */
export interface FramingPolicy {
  frameAncestors: string[]
  connectSrc?: string[]
}

export type FramingPolicies = Record<'partner' | 'request-form' | 'manager', FramingPolicy>

const BASE_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // Vue transitions and the UI kit set style attributes at run time.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
}

export interface SecurityOptions {
  /** Extra connect-src sources, e.g. `ws:` for Vite's hot reload in development. */
  connectSrc?: string[]
}

/** Security headers for every response: nothing may frame it unless a page's policy says otherwise. */
export function securityHeaders(options: SecurityOptions = {}): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { ...BASE_DIRECTIVES, connectSrc: ["'self'", ...(options.connectSrc ?? [])] },
    },
    crossOriginEmbedderPolicy: false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  })
}

/**
 * Replaces the CSP of one page with one that admits its allowed framers. X-Frame-Options is dropped there:
 * it cannot express a list of origins and would override frame-ancestors in older browsers.
 */
export function framingPolicy(policy: FramingPolicy): RequestHandler {
  const csp = helmet.contentSecurityPolicy({
    useDefaults: false,
    directives: {
      ...BASE_DIRECTIVES,
      frameAncestors: policy.frameAncestors.length > 0 ? policy.frameAncestors : ["'none'"],
      connectSrc: ["'self'", ...(policy.connectSrc ?? [])],
    },
  })
  const framable = policy.frameAncestors.length > 0
  return (req, res, next) => {
    if (framable) res.removeHeader('X-Frame-Options')
    csp(req, res, next)
  }
}

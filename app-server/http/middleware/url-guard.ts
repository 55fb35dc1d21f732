import type { RequestHandler } from 'express'
import { badRequest } from '../../errors'

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001F\u007F]/

/**
 * Refuses a request whose path is not valid percent-encoding (`/partner/%ff`) or decodes to a control character
 * (`%00`), before any router or static file server tries to decode it: one 400 `malformed_url` for every route.
 */
export function urlGuard(): RequestHandler {
  return (req, _res, next) => {
    const path = req.url.split('?')[0] ?? ''
    let decoded: string
    try {
      decoded = decodeURIComponent(path)
    } catch {
      return next(badRequest('malformed_url', 'The URL path is not valid percent-encoded UTF-8.'))
    }
    if (CONTROL.test(decoded)) return next(badRequest('malformed_url', 'The URL path contains control characters.'))
    next()
  }
}

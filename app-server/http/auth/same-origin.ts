import type { Request } from 'express'
import { AppError } from '../../errors'

/** This service's origin as browsers name it: from PUBLIC_URL when set, else from the request's own host. */
export function ownOrigin(req: Request, publicUrl: string | undefined): string {
  return publicUrl ? new URL(publicUrl).origin : `${req.protocol}://${req.get('host') ?? ''}`
}

const rejected = () =>
  new AppError({
    code: 'csrf_rejected',
    detail: 'This change was not sent from the console of this site; reload the console and try again.',
  })

/**
 * Refuses a cookie-authenticated change that a page of another site made the browser send (CSRF). The cookie is
 * SameSite=Strict already; this is the second lock: browsers send `Origin` on every POST, PUT, PATCH and DELETE,
 * and `Sec-Fetch-Site` on every request, so one of them must say the console of this very site sent it.
 * @throws AppError `csrf_rejected` (403).
 */
export function assertSameOrigin(req: Request, publicUrl: string | undefined): void {
  const origin = req.get('origin')
  if (origin !== undefined) {
    if (origin !== ownOrigin(req, publicUrl)) throw rejected()
    return
  }
  if (req.get('sec-fetch-site') !== 'same-origin') throw rejected()
}

/**
 * For the sign-in steps, which callers without a browser also use: a request that names its origin must name
 * this one (so another site cannot sign a browser in to an account of its choosing); one without is let through.
 */
export function assertNotCrossSite(req: Request, publicUrl: string | undefined): void {
  const origin = req.get('origin')
  const site = req.get('sec-fetch-site')
  if (origin !== undefined && origin !== ownOrigin(req, publicUrl)) throw rejected()
  if (site !== undefined && site !== 'same-origin' && site !== 'none') throw rejected()
}

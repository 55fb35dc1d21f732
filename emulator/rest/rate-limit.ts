import type { PortalState } from '../core/types'

/**
 * The leaky bucket of D:limits: each request adds 1 to the portal's counter, the counter drains by
 * `drainPerSecond` every second, and a request that would push it past `burst` is refused (and not counted).
 * A batch is one HTTP request, so it counts once.
 * @returns false when the request must get 503 QUERY_LIMIT_EXCEEDED.
 */
export function admitRequest(portal: PortalState, now: number): boolean {
  const { bucket, rateLimit } = portal
  const elapsedSeconds = Math.max(0, now - bucket.updatedAt) / 1000
  bucket.level = Math.max(0, bucket.level - elapsedSeconds * rateLimit.drainPerSecond)
  bucket.updatedAt = now
  if (bucket.level + 1 > rateLimit.burst) return false
  bucket.level += 1
  return true
}

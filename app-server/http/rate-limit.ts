import { createHmac } from 'node:crypto'
import { and, eq, lt, sql } from 'drizzle-orm'
import type { Executor } from '../db/client'
import { rateLimitHits } from '../db/schema'
import { tooManyRequests } from '../errors'

export interface RateLimitRule {
  /** What is limited, e.g. `public-request`. */
  scope: string
  limit: number
  windowSeconds: number
}

/** A client address as a rate-limit key: hashed with the app secret, so the table holds no IP addresses. */
export function hashedClientKey(secret: string, value: string): string {
  return createHmac('sha256', `rate-limit:${secret}`).update(value).digest('base64url')
}

/**
 * Counts one hit for `key` in the current fixed window, in the database so every instance shares the count.
 * @throws AppError `rate_limited` (429 with Retry-After) when the window is already full.
 */
export async function consumeRateLimit(executor: Executor, rule: RateLimitRule, key: string, now: Date): Promise<void> {
  const windowMs = rule.windowSeconds * 1000
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs)
  const [row] = await executor
    .insert(rateLimitHits)
    .values({ key: `${rule.scope}:${key}`, windowStart, hits: 1 })
    .onConflictDoUpdate({
      target: [rateLimitHits.key, rateLimitHits.windowStart],
      set: { hits: sql`${rateLimitHits.hits} + 1` },
    })
    .returning({ hits: rateLimitHits.hits })
  if ((row?.hits ?? 0) > rule.limit) {
    const retryAfter = (windowStart.getTime() + windowMs - now.getTime()) / 1000
    throw tooManyRequests(retryAfter, `Too many attempts. Try again in ${Math.ceil(retryAfter / 60)} minute(s).`)
  }
}

/**
 * Takes back one hit counted with `consumeRateLimit` at the same `now`, for attempts that should not count once
 * their outcome is known (a successful sign-in). Counting first and refunding after keeps concurrent attempts
 * from all passing a check made before any of them was counted.
 */
export async function refundRateLimit(executor: Executor, rule: RateLimitRule, key: string, now: Date): Promise<void> {
  const windowMs = rule.windowSeconds * 1000
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs)
  await executor
    .update(rateLimitHits)
    .set({ hits: sql`greatest(${rateLimitHits.hits} - 1, 0)` })
    .where(and(eq(rateLimitHits.key, `${rule.scope}:${key}`), eq(rateLimitHits.windowStart, windowStart)))
}

/** Forgets windows that ended more than a day ago. */
export async function pruneRateLimits(executor: Executor, now: Date): Promise<void> {
  await executor.delete(rateLimitHits).where(lt(rateLimitHits.windowStart, new Date(now.getTime() - 86_400_000)))
}

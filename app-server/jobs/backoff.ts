/** How retries of one kind of work space out: the first wait, doubled each attempt up to the longest. */
export interface Backoff {
  firstMs: number
  maxMs: number
}

/** 1 s, 2 s, 4 s … capped at one hour: what a job or an event handler gets unless it says otherwise. */
export const DEFAULT_BACKOFF: Backoff = { firstMs: 1_000, maxMs: 3_600_000 }

/**
 * Milliseconds to wait before the attempt after `attempt` (1 for the first): `firstMs` doubled per attempt up to
 * `maxMs`, with ±20 % jitter so that retries of many jobs failing together spread out. The one retry formula of the
 * app: jobs, event handlers and CRM calls differ only in their parameters.
 */
export function backoffMs(attempt: number, backoff: Backoff = DEFAULT_BACKOFF): number {
  const base = Math.min(backoff.maxMs, backoff.firstMs * 2 ** Math.max(0, attempt - 1))
  return Math.round(base * (0.8 + Math.random() * 0.4))
}

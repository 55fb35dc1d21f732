/**
 * What the app needs to know about a failed database call, whichever driver raised it: whether the database
 * went away (answer 503 and let the caller retry) and a description of the failure that is safe to log.
 */

/** The error and its causes, outermost first: Drizzle wraps the driver's error in `cause`. */
function* causeChain(error: unknown): Generator<unknown> {
  const seen = new Set<unknown>()
  for (let current = error; current !== undefined && current !== null && !seen.has(current);) {
    seen.add(current)
    yield current
    current = (current as { cause?: unknown }).cause
  }
}

/**
 * PostgreSQL SQLSTATEs that mean "the server or the connection is gone or refusing work", not "your query is
 * wrong": class 08 (connection exception), 57P01–57P03 (administrator or crash shutdown, cannot connect now),
 * 53300 (too many connections).
 */
function isUnavailableSqlState(code: string): boolean {
  return code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300'
}

/** Socket errors raised by the driver when it cannot reach the server or the connection breaks. */
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
])

/** Messages of node-postgres errors that carry no code (pool timeouts, connections closed under a query). */
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error and is not queryable',
  'Cannot use a pool after calling end on the pool',
  'Client was closed and is not queryable',
  'database did not answer within',
]

/** Whether an error means the database cannot be reached right now, as opposed to a fault in the query. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const link of causeChain(error)) {
    if (!(link instanceof Error)) continue
    const code = (link as { code?: unknown }).code
    if (typeof code === 'string' && (isUnavailableSqlState(code) || UNAVAILABLE_SOCKET_CODES.has(code))) return true
    if (UNAVAILABLE_MESSAGES.some((message) => link.message.includes(message))) return true
  }
  return false
}

/**
 * Removes the values a failed query carried from an error text. Drizzle writes
 * `Failed query: <sql>\nparams: <values>`, and the values are a request's name, company, city or description;
 * PostgreSQL's data errors quote the offending value (`invalid input syntax for type uuid: "…"`).
 * The SQL itself is parameterised, so it stays: it tells which statement failed.
 */
export function withoutQueryValues(text: string): string {
  return text
    .replace(/(Failed query: [\s\S]*?)\nparams: [\s\S]*?(?=\n\s+at |$)/g, '$1\nparams: [not logged]')
    .replace(/(invalid input (?:syntax|value) for [^:]*: )"[^"]*"/g, '$1"[value]"')
}

/**
 * Runs `work`, and runs it again while it fails only because the database is unreachable, for up to `maxMs`.
 * For writes that must not be lost once something outside the database has happened (a spent refresh token).
 */
export async function retryWhileDatabaseUnavailable<T>(work: () => Promise<T>, maxMs: number): Promise<T> {
  const deadline = Date.now() + maxMs
  for (let delayMs = 100; ; delayMs = Math.min(delayMs * 2, 2_000)) {
    try {
      return await work()
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() + delayMs > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, delayMs))
    }
  }
}

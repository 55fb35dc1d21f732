import { pino, type DestinationStream, type Logger } from 'pino'
import { scrubContactData as scrubContactPatterns } from '../shared/domain/contact-patterns'
import { withoutQueryValues } from './db/database-errors'
import { currentRequestId } from './request-context'

export type { Logger }
// Error texts stored for operators (a job's last error, a CRM failure) are scrubbed with the same function.

/**
 * Field names whose values are secrets or client contact data. pino censors them wherever they appear
 * (top level or one/two levels deep), so a careless `log.info({ request })` cannot leak them.
 */
const SENSITIVE_KEYS = [
  'authorization',
  'cookie',
  'password',
  'passwordHash',
  'token',
  'accessToken',
  'refreshToken',
  'access_token',
  'refresh_token',
  'applicationToken',
  'application_token',
  'AUTH_ID',
  'REFRESH_ID',
  'APPLICATION_TOKEN',
  'clientSecret',
  'client_secret',
  'secret',
  'statusToken',
  'contact',
  'email',
  'phone',
  'name',
  'lastName',
  'firstName',
  'EMAIL',
  'PHONE',
  'NAME',
  'LAST_NAME',
]

const REDACT_PATHS = SENSITIVE_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]).concat([
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
])

export interface LoggerOptions {
  level: string
  destination?: DestinationStream
}

/** Creates the structured JSON logger; each line carries the id of the request or job that wrote it. */
export function createLogger({ level, destination }: LoggerOptions): Logger {
  return pino(
    {
      level,
      base: { service: 'b24-implementation-requests' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      mixin() {
        const requestId = currentRequestId()
        return requestId ? { requestId } : {}
      },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: serializeError },
    },
    destination,
  )
}

/**
 * Masks what a driver may have put into an error message: the values of a failed query (every column of a
 * request, not only its e-mail), e-mail addresses and phone-like numbers.
 */
export function scrubContactData(text: string): string {
  return scrubContactPatterns(withoutQueryValues(text))
}

/**
 * Errors keep their type, code, message and stack, but never driver fields such as PostgreSQL's `detail`
 * (`Key (email)=(…) already exists`) or query parameters, which can carry contact data.
 */
function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: scrubContactData(String(error)) }
  const code = (error as { code?: unknown }).code
  return {
    type: error.name,
    message: scrubContactData(error.message),
    ...(typeof code === 'string' ? { code } : {}),
    ...(error.stack ? { stack: scrubContactData(error.stack) } : {}),
    ...(error.cause instanceof Error ? { cause: serializeError(error.cause) } : {}),
  }
}

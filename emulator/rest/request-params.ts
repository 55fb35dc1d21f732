import type { Request } from 'express'
import qs from 'qs'

/** PHP-style bracket parsing; qs's default arrayLimit of 20 would turn `@ID` lists of 50 ids into objects. */
export const QS_OPTIONS: qs.IParseOptions = { arrayLimit: 1000, parameterLimit: 10_000, depth: 20 }

/** Query parameters the SDK adds for its own telemetry (`bx24_request_id`, `bx24_sdk_ver`, `bx24_sdk_type`). */
const SDK_TELEMETRY = ['bx24_request_id', 'bx24_sdk_ver', 'bx24_sdk_type']

/** Text fields of a multipart body, re-encoded as a query string so bracket keys nest the same way. */
function multipartAsQuery(body: string, contentType: string): string {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1]
  if (boundary === undefined) return ''
  const pairs: string[] = []
  for (const part of body.split(`--${boundary}`)) {
    const [head = '', ...rest] = part.split('\r\n\r\n')
    const name = /name="([^"]*)"/i.exec(head)?.[1]
    if (name === undefined || /filename=/i.test(head)) continue
    const value = rest.join('\r\n\r\n').replace(/\r\n$/, '')
    pairs.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
  }
  return pairs.join('&')
}

function parseBody(request: Request): Record<string, unknown> {
  const raw: unknown = request.body
  // When mounted behind an app that already parsed the body, take its result.
  if (raw !== null && typeof raw === 'object' && !Buffer.isBuffer(raw)) return raw as Record<string, unknown>
  if (!Buffer.isBuffer(raw) || raw.length === 0) return {}
  const text = raw.toString('utf8')
  const contentType = request.headers['content-type'] ?? ''
  if (contentType.includes('multipart/form-data')) return qs.parse(multipartAsQuery(text, contentType), QS_OPTIONS)
  if (contentType.includes('json') || /^\s*[[{]/.test(text)) {
    try {
      const parsed: unknown = JSON.parse(text)
      return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : {}
    } catch {
      return {}
    }
  }
  return qs.parse(text, QS_OPTIONS)
}

/** Query string and body merged (the body wins), JSON, urlencoded or multipart; SDK telemetry removed. */
export function readRequestParams(request: Request): Record<string, unknown> {
  const queryString = request.originalUrl.split('?')[1] ?? ''
  const params: Record<string, unknown> = { ...qs.parse(queryString, QS_OPTIONS), ...parseBody(request) }
  for (const key of SDK_TELEMETRY) delete params[key]
  return params
}

/** Date formats used by Bitrix24 REST v2. */

const pad = (value: number, width = 2): string => String(Math.trunc(Math.abs(value))).padStart(width, '0')

/** `+02:00` for 120 minutes. */
export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+'
  return `${sign}${pad(offsetMinutes / 60)}:${pad(offsetMinutes % 60)}`
}

/**
 * ISO-8601 with the portal's offset and no milliseconds, e.g. `2024-05-23T18:18:25+02:00`:
 * the shape of DATE_CREATE/DATE_MODIFY and of `time.date_start` (D:api-reference/crm/leads/crm-lead-get).
 */
export function formatPortalDate(epochMs: number, offsetMinutes: number): string {
  const shifted = new Date(epochMs + offsetMinutes * 60_000)
  const date = `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`
  const time = `${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}`
  return `${date}T${time}${formatOffset(offsetMinutes)}`
}

/**
 * Reads a date given in a filter (`>DATE_MODIFY`). Values with an offset are absolute; values without one
 * (`2024-05-23`, `2024-05-23 18:00:00`) are read in the portal's time zone, as the portal would.
 * @returns epoch milliseconds, or undefined when the text is not a date.
 */
export function parsePortalDate(text: string, offsetMinutes: number): number | undefined {
  const trimmed = text.trim()
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
    trimmed,
  )
  if (match === null) {
    const fallback = Date.parse(trimmed)
    return Number.isNaN(fallback) ? undefined : fallback
  }
  const [, year, month, day, hours = '0', minutes = '0', seconds = '0', zone] = match
  const asUtc = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hours), Number(minutes), Number(seconds))
  if (zone === undefined) return asUtc - offsetMinutes * 60_000
  if (zone === 'Z') return asUtc
  const zoneSign = zone.startsWith('-') ? -1 : 1
  const digits = zone.slice(1).replace(':', '')
  const zoneMinutes = zoneSign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)))
  return asUtc - zoneMinutes * 60_000
}

/** The `time` object every REST answer carries (D:api-reference/data-types#time, D:limits). */
export interface RestTime {
  start: number
  finish: number
  duration: number
  processing: number
  date_start: string
  date_finish: string
  operating_reset_at?: number
  operating?: number
}

/**
 * Builds `time` for a call that started at `startMs` (emulator clock) and took `elapsedMs` of real time.
 * `withOperating` is false for the per-command entries of a batch, which the docs show without them.
 */
export function buildRestTime(
  startMs: number,
  elapsedMs: number,
  offsetMinutes: number,
  withOperating = true,
): RestTime {
  const start = startMs / 1000
  const duration = elapsedMs / 1000
  const finishMs = startMs + elapsedMs
  const time: RestTime = {
    start,
    finish: finishMs / 1000,
    duration,
    processing: duration,
    date_start: formatPortalDate(startMs, offsetMinutes),
    date_finish: formatPortalDate(finishMs, offsetMinutes),
  }
  if (withOperating) {
    // The reset moment is ten minutes after the oldest one-minute basket started (D:limits).
    time.operating_reset_at = Math.floor(start) + 600
    time.operating = 0
  }
  return time
}

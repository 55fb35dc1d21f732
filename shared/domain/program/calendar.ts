const DAY_MS = 86_400_000

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS)
}

/**
 * The same instant `months` calendar months later (UTC); a day the target month lacks becomes its last day, so
 * a year after 29 February is 28 February.
 */
export function addMonths(at: Date, months: number): Date {
  const target = new Date(at.getTime())
  const day = at.getUTCDate()
  target.setUTCDate(1)
  target.setUTCMonth(target.getUTCMonth() + months)
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(day, lastDay))
  return target
}

export const earliest = (a: Date, b: Date) => (a.getTime() <= b.getTime() ? a : b)
export const latest = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b)

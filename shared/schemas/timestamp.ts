import { z } from 'zod'

/** The years a timestamp the API accepts may fall in: wide enough for any real date, narrow enough for every store. */
export const TIMESTAMP_YEARS = { min: 1970, max: 2200 } as const

/**
 * An ISO 8601 instant in UTC (`2026-05-01T10:00:00Z`) within `TIMESTAMP_YEARS`. `z.iso.datetime()` alone accepts
 * year 0000, which PostgreSQL refuses; every timestamp the API reads (bodies, queries, cursors) goes through this.
 */
export const timestamp = () =>
  z.iso.datetime().refine((value) => {
    const year = new Date(value).getUTCFullYear()
    return year >= TIMESTAMP_YEARS.min && year <= TIMESTAMP_YEARS.max
  }, `must be between the years ${TIMESTAMP_YEARS.min} and ${TIMESTAMP_YEARS.max}`)

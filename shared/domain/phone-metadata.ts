/** The parts of libphonenumber-js metadata (format version 4) this module reads. */
export interface PhoneMetadataJson {
  version: number
  countries: Record<string, unknown[]>
  nonGeographic?: Record<string, unknown[]>
  [key: string]: unknown
}

/** Where a version 4 metadata entry keeps its number formats. */
const FORMATS_INDEX = 4
/** Where a version 4 metadata entry keeps the patterns of its number types: fixed line first, mobile second. */
const TYPES_INDEX = 11
const FIXED_LINE_AND_MOBILE = 2

/**
 * The "max" phone metadata cut to what `toE164` needs: the patterns of fixed-line and mobile numbers, without
 * the other number types and without the number formats (only formatting reads them). With only these two types
 * left, libphonenumber-js calls a number valid exactly when it is a fixed-line or mobile number, which is what
 * `toE164` accepts with the full metadata. The request form's bundle ships this copy (see vite.config.ts);
 * test/unit/shared/phone-metadata.test.ts checks both copies accept and refuse alike.
 */
export function forContactPhones(metadata: PhoneMetadataJson): PhoneMetadataJson {
  if (metadata.version !== 4) throw new Error(`phone metadata version ${metadata.version}: expected 4`)
  const strip = (entries: Record<string, unknown[]> = {}) =>
    Object.fromEntries(
      Object.entries(entries).map(([code, entry]) => [
        code,
        entry.map((value, index) => {
          if (index === FORMATS_INDEX) return []
          if (index === TYPES_INDEX && Array.isArray(value)) return value.slice(0, FIXED_LINE_AND_MOBILE)
          return value
        }),
      ]),
    )
  return {
    ...metadata,
    countries: strip(metadata.countries),
    ...(metadata.nonGeographic ? { nonGeographic: strip(metadata.nonGeographic) } : {}),
  }
}

/** The parts of libphonenumber-js metadata (format version 4) this module reads. */
export interface PhoneMetadataJson {
  version: number
  countries: Record<string, unknown[]>
  nonGeographic?: Record<string, unknown[]>
  [key: string]: unknown
}

/** Where a version 4 metadata entry keeps its number formats. */
const FORMATS_INDEX = 4

/**
 * The phone metadata without number formats, which only formatting reads; parsing and validation, all that
 * the request schema does through `toE164`, never do. The request form's bundle ships this copy (about 9 kB
 * gzip smaller, see vite.config.ts); test/unit/phone-metadata.test.ts checks both copies validate alike.
 */
export function withoutFormats(metadata: PhoneMetadataJson): PhoneMetadataJson {
  if (metadata.version !== 4) throw new Error(`phone metadata version ${metadata.version}: expected 4`)
  const strip = (entries: Record<string, unknown[]> = {}) =>
    Object.fromEntries(
      Object.entries(entries).map(([code, entry]) => [
        code,
        entry.map((value, index) => (index === FORMATS_INDEX ? [] : value)),
      ]),
    )
  return {
    ...metadata,
    countries: strip(metadata.countries),
    ...(metadata.nonGeographic ? { nonGeographic: strip(metadata.nonGeographic) } : {}),
  }
}

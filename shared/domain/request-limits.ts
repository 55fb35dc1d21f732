// Kept free of zod, so the public form's first load can show its counters without the validation library.

/** How long the texts of a request may be. The request schema enforces these; the form counts against them. */
export const REQUEST_TEXT_LIMITS = {
  name: 200,
  company: 200,
  city: 120,
  description: 5_000,
} as const

/** A description shorter than this says nothing a partner could make an offer on. */
export const DESCRIPTION_MIN_LENGTH = 10

/** The length the request schema checks: after NFC normalisation and trimming, in UTF-16 code units. */
export function countedLength(text: string): number {
  return text.normalize('NFC').trim().length
}

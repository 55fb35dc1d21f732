/**
 * Puts free text into the one form the contact patterns are written for, so that look-alike characters cannot
 * slip a contact detail past them: NFKC folds full-width digits and `＠`, ligatures and non-breaking spaces into
 * their plain forms, and characters that show nothing (zero-width spaces and joiners, soft hyphens, Hangul
 * fillers, direction marks, variation selectors) are dropped, so `0\u200B151` reads as `0151`.
 */
// Each code point here is dropped on its own: none is meant to combine with a neighbour.
const INVISIBLE =
  // eslint-disable-next-line no-misleading-character-class
  /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFEFF\uFFA0]|\p{Variation_Selector}/gu

export function normalizeContactText(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '')
}

import { z } from 'zod'

// Control characters other than tab and newlines (C0, DEL, C1), bidirectional overrides and isolates that can
// make a name read differently from what it is, and unpaired UTF-16 surrogates: none belongs in text a person
// typed, and PostgreSQL refuses NUL and invalid UTF-8 outright.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const LINE_BREAK = /[\r\n\t]/
// What renders as nothing: white space, format characters (zero-width space and joiners, word joiner, BOM, soft
// hyphen…), variation selectors and the Hangul and Braille fillers that fonts draw blank.
// eslint-disable-next-line no-misleading-character-class -- the joiners and selectors are listed one by one on purpose
const INVISIBLE = /[\s\p{Cf}\p{Zs}\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u2800\u3164\uFE00-\uFE0F\uFFA0]/gu

/** `value` without the characters that render as nothing, to tell whether any visible text is left. */
export function visibleText(value: string): string {
  return value.replace(INVISIBLE, '')
}

/**
 * The one normalisation of text the API reads: NFC (so the same word is stored the same way), trimmed, no control
 * characters or lone surrogates, and not blank once the invisible characters are removed when text is required.
 */
function textSchema(min: number, max: number, multiline: boolean) {
  return z
    .string()
    .refine((value) => !LONE_SURROGATE.test(value), 'contains characters that are not allowed')
    .normalize('NFC')
    .trim()
    .min(min, min === 1 ? 'is required' : `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !CONTROL.test(value), 'contains characters that are not allowed')
    .refine((value) => multiline || !LINE_BREAK.test(value), 'must be a single line')
    .refine((value) => min === 0 || visibleText(value).length > 0, 'is required')
}

/** A single line of text a person typed. */
export const singleLine = (max: number, min = 1) => textSchema(min, max, false)

/** Free text that may span lines. */
export const multiLine = (max: number, min = 1) => textSchema(min, max, true)

import { z } from 'zod'

// Control characters other than tab and newlines (C0, DEL, C1), bidirectional overrides and isolates that can
// make a name read differently from what it is, and unpaired UTF-16 surrogates: none belongs in text a person
// typed, and PostgreSQL refuses NUL and invalid UTF-8 outright.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const LINE_BREAK = /[\r\n\t]/

function textSchema(min: number, max: number, multiline: boolean) {
  return z
    .string()
    .trim()
    .min(min, min === 1 ? 'is required' : `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`)
    .refine((value) => !CONTROL.test(value) && !LONE_SURROGATE.test(value), 'contains characters that are not allowed')
    .refine((value) => multiline || !LINE_BREAK.test(value), 'must be a single line')
}

/** A single line of text a person typed. */
export const singleLine = (max: number, min = 1) => textSchema(min, max, false)

/** Free text that may span lines. */
export const multiLine = (max: number, min = 1) => textSchema(min, max, true)

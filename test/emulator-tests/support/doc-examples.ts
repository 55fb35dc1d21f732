import { readFileSync } from 'node:fs'
import { expect } from 'vitest'

/** A request/response pair copied from bitrix24/b24restdocs (see `source`), with `auth` removed from the request. */
export interface DocExample {
  source: string
  request: Record<string, unknown>
  response: Record<string, unknown>
  error?: Record<string, unknown>
}

export function docExample(name: string): DocExample {
  return JSON.parse(readFileSync(new URL(`../fixtures/docs/${name}.json`, import.meta.url), 'utf8')) as DocExample
}

type JsonKind = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object'

function kindOf(value: unknown): JsonKind {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value as JsonKind
}

/**
 * Checks that `actual` has every key of the documented example with the same JSON type, recursively (array
 * elements against the first documented element). `null` and strings are interchangeable because which one a
 * field holds depends on the data, but numbers never stand in for strings: v2 prints ids and amounts as strings.
 * @param options.form compare with a decoded form body, where every scalar is a string.
 * @param options.exact also refuse keys the example does not have (except `allowExtra`); applies to this level only.
 */
export function expectDocumentedShape(
  actual: unknown,
  documented: unknown,
  options: { path?: string; exact?: boolean; allowExtra?: string[]; ignore?: string[]; form?: boolean } = {},
): void {
  const path = options.path ?? '$'
  const nested = { ignore: options.ignore, form: options.form }
  const documentedKind = kindOf(documented)
  // A form-encoded body has only strings; the docs show such bodies as JSON with numbers (`"CLEAN": 1`).
  const expected =
    options.form === true && (documentedKind === 'number' || documentedKind === 'boolean') ? 'string' : documentedKind
  const got = kindOf(actual)
  const nullable = new Set<JsonKind>(['string', 'null'])
  // An empty PHP array prints as `[]` even where a filled one prints as an object (placement `options`, `langAll`).
  const emptyPhpArray = expected === 'array' && (documented as unknown[]).length === 0 && got === 'object'
  if (expected !== got && !(nullable.has(expected) && nullable.has(got)) && !emptyPhpArray) {
    expect.fail(
      `${path}: documented ${expected} (${JSON.stringify(documented)}), got ${got} (${JSON.stringify(actual)})`,
    )
  }
  if (expected === 'array' && got === 'array' && (documented as unknown[]).length > 0) {
    for (const [index, entry] of (actual as unknown[]).entries()) {
      expectDocumentedShape(entry, (documented as unknown[])[0], { ...nested, path: `${path}[${index}]` })
    }
  }
  if (expected === 'object' && got === 'object') {
    const doc = documented as Record<string, unknown>
    const real = actual as Record<string, unknown>
    for (const key of Object.keys(doc)) {
      if (options.ignore?.includes(key)) continue
      if (!(key in real)) expect.fail(`${path}.${key}: documented key is missing`)
      expectDocumentedShape(real[key], doc[key], { ...nested, path: `${path}.${key}` })
    }
    if (options.exact === true) {
      const extra = Object.keys(real).filter((key) => !(key in doc) && !(options.allowExtra ?? []).includes(key))
      expect(extra, `${path}: keys the documented example does not have`).toEqual([])
    }
  }
}

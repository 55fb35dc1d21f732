import { brotliCompressSync, gzipSync } from 'node:zlib'
import fc from 'fast-check'
import { z } from 'zod'

/**
 * Inputs that broke the API before: invisible and control characters, unpaired surrogates, timestamps outside what
 * PostgreSQL stores, injection-looking text, sizes at and over the limits, and values of the wrong JSON type.
 */
export const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u200b',
  '\u3164',
  '\u115f\u1160',
  '\ufeff',
  '\u202eevil',
  '\ud800',
  '\udc00x',
  '\u0007\u001b[31m',
  'Cafe\u0301',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 👩‍👩‍👧',
  '0000-01-01T00:00:00Z',
  '0000-01-01T00:00:00.000Z',
  '9999-12-31T23:59:59Z',
  '1969-12-31T23:59:59Z',
  '2026-13-45T25:61:61Z',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  '%ff',
  '%00',
  'NaN',
  '-1',
  '1e309',
  '00000000-0000-0000-0000-000000000000',
  'DE',
  'KP',
  'x'.repeat(5000),
]

const timestampish = fc.oneof(
  fc
    .date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true })
    .map((d) => d.toISOString()),
  fc.constantFrom('0000-01-01T00:00:00Z', '2026-05-01T10:00:00Z', '+275760-09-13T00:00:00.000Z'),
)

/** Text a person or an attacker might type, weighted towards the classes above. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: timestampish },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.emailAddress() },
)

/** Plausible values, so some generated bodies get past validation and reach the database. */
const plausible = fc.oneof(
  fc.constantFrom('DE', 'FR', 'US', 'bronze', 'silver', 'gold', 'active', 'open', 'closed', 'won', 'lost'),
  fc.constantFrom('2026-05-01T10:00:00Z', '2199-01-01T00:00:00Z', 'Anna Schmidt', 'https://example.com'),
  fc.constantFrom(['DE'], ['FR', 'AT'], [], ['crm', 'tasks']),
  fc.boolean(),
  fc.integer({ min: -5, max: 300 }),
)

/** Any JSON value a field might be sent as: hostile text, plausible values, wrong types, deep nesting. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 3, arbitrary: plausible },
  { weight: 1, arbitrary: fc.constantFrom(null, true, 0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, [], {}) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
)

/** The keys an object schema declares (through unions and wrappers), so generated inputs use the real names. */
export function declaredKeys(schema: z.ZodType | undefined): string[] {
  if (!schema) return []
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape)
  if (schema instanceof z.ZodUnion) return [...new Set(schema.options.flatMap((o) => declaredKeys(o as z.ZodType)))]
  if (schema instanceof z.ZodPipe) return declaredKeys(schema.in as z.ZodType)
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault)
    return declaredKeys(schema.unwrap() as z.ZodType)
  return []
}

/** An object with some of `keys` (and sometimes an unknown one) set to hostile values. */
export function hostileObject(keys: string[]): fc.Arbitrary<Record<string, unknown>> {
  const shape = Object.fromEntries([...keys, 'unexpected'].map((key) => [key, hostileValue]))
  return fc.record(shape, { requiredKeys: [] })
}

/** Percent-encodes `value` for a URL; lone surrogates, which `encodeURIComponent` refuses, are sent as raw bytes. */
export function encodeComponent(value: string): string {
  try {
    return encodeURIComponent(value)
  } catch {
    return '%ED%A0%80'
  }
}

/** A path segment: a real-looking id, hostile text percent-encoded, or broken percent-encoding. */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  fc.uuid(),
  hostileString.filter((value) => value.length > 0).map(encodeComponent),
  fc.constantFrom('%ff', '%E0%A4%A', '%00', '%', '%2e%2e', '..', 'DE', 'de', '1', '-1'),
)

/** A keyset cursor as a client could forge it: base64url JSON with hostile sort keys. */
export const hostileCursor: fc.Arbitrary<string> = fc
  .record({ createdAt: hostileValue, reservedAt: hostileValue, ratedAt: hostileValue, id: hostileValue })
  .map((keys) => Buffer.from(JSON.stringify(keys)).toString('base64url'))

export type RawBody = { kind: 'json'; value: unknown } | { kind: 'raw'; bytes: Buffer; headers: Record<string, string> }

/** A request body: a hostile JSON object most of the time, else bytes that do not say what they are. */
export function hostileBody(keys: string[]): fc.Arbitrary<RawBody> {
  const json = hostileObject(keys).map((value): RawBody => ({ kind: 'json', value }))
  const text = (bytes: Buffer, headers: Record<string, string> = {}): RawBody => ({
    kind: 'raw',
    bytes,
    headers: { 'Content-Type': 'application/json', ...headers },
  })
  const raw = hostileObject(keys).chain((value) => {
    const body = Buffer.from(JSON.stringify(value))
    return fc.constantFrom(
      text(Buffer.from(JSON.stringify(value).replace('{', '{"country":"DE","country":"KP",'))),
      text(body.subarray(0, Math.max(1, body.length - 3))),
      text(Buffer.from('not gzip'), { 'Content-Encoding': 'gzip' }),
      text(gzipSync(body).subarray(0, 12), { 'Content-Encoding': 'gzip' }),
      text(brotliCompressSync(body).subarray(0, 6), { 'Content-Encoding': 'br' }),
      text(Buffer.from('not deflate'), { 'Content-Encoding': 'deflate' }),
      text(body, { 'Content-Encoding': 'compress' }),
      text(body, { 'Content-Type': 'application/json; charset=koi8-r' }),
      text(body, { 'Content-Type': 'text/plain' }),
      text(Buffer.from([0xff, 0xfe, 0x00, 0x7b])),
      text(Buffer.from('[]')),
      text(Buffer.from('"x"')),
    )
  })
  return fc.oneof({ weight: 3, arbitrary: json }, { weight: 1, arbitrary: raw })
}

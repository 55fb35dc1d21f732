import { describe, expect, it } from 'vitest'
import { firstDuplicateKey } from '../../app-server/http/json-duplicate-keys'
import { multiLine, singleLine } from '../../shared/schemas/text'
import { timestamp } from '../../shared/schemas/timestamp'

describe('firstDuplicateKey', () => {
  it.each([
    ['{"country":"DE","country":"KP"}', 'country'],
    ['{"a":{"b":1,"b":2}}', 'b'],
    ['[{"a":1},{"a":2,"c":[{"d":1,"d":1}]}]', 'd'],
    ['{"country":"DE","\\u0063ountry":"KP"}', 'country'],
  ])('finds the repeated key in %s', (text, key) => {
    expect(firstDuplicateKey(text)).toBe(key)
  })

  it.each([
    '{"a":1,"b":{"a":2}}',
    '[{"a":1},{"a":2}]',
    '{"a":"a","b":"a, \\"a\\": 1"}',
    '{"a":["a","a"]}',
    '"just a string"',
    '{"broken',
  ])('finds none in %s', (text) => {
    expect(firstDuplicateKey(text)).toBeUndefined()
  })
})

describe('text fields', () => {
  it.each(['\u200b', '\u3164', '\u115f\u1160', ' \u200d\u2060 ', '\u2800', '\ufe0f'])(
    'refuse required text made only of invisible characters (%j)',
    (blank) => {
      expect(singleLine(100).safeParse(blank).success).toBe(false)
      expect(multiLine(1000).safeParse(`${blank}\n${blank}`).success).toBe(false)
    },
  )

  it.each(['a\u0000b', 'a\u0007b', 'a\u009fb', 'a\u202eb', 'a\ud800b'])('refuse control characters (%j)', (text) => {
    expect(singleLine(100).safeParse(text).success).toBe(false)
    expect(singleLine(100, 0).safeParse(text).success).toBe(false)
  })

  it('normalise to NFC and trim', () => {
    expect(singleLine(100).parse('  Cafe\u0301  ')).toBe('Caf\u00e9')
  })

  it('keep visible text with invisible characters inside', () => {
    expect(singleLine(100).parse('Anna\u200bMaria')).toBe('Anna\u200bMaria')
  })
})

describe('timestamp', () => {
  it.each(['1970-01-01T00:00:00Z', '2026-05-01T10:00:00.123Z', '2200-12-31T23:59:59Z'])('accepts %s', (value) => {
    expect(timestamp().safeParse(value).success).toBe(true)
  })

  it.each(['0000-01-01T00:00:00Z', '1969-12-31T23:59:59Z', '2201-01-01T00:00:00Z', '9999-12-31T23:59:59Z'])(
    'refuses %s',
    (value) => {
      expect(timestamp().safeParse(value).success).toBe(false)
    },
  )
})

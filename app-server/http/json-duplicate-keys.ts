/**
 * The first key that appears twice in one object of the JSON text `text`, or undefined when none does. JSON.parse
 * keeps the last of duplicate keys silently (`{"country":"DE","country":"KP"}` reads as KP), so a body whose
 * validated value differs from what a reader of the text sees is refused before parsing. Keys are compared after
 * unescaping (`"\u0063ountry"` is `"country"`). Malformed text answers undefined: the parser reports it.
 */
export function firstDuplicateKey(text: string): string | undefined {
  // One entry per open container: the keys seen so far in an object, null for an array.
  const open: (Set<string> | null)[] = []
  let expectingKey = false
  for (let index = 0; index < text.length; index++) {
    const char = text[index]
    if (char === '"') {
      let end = index + 1
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1
      const keys = open.at(-1)
      if (expectingKey && keys) {
        const key = parseString(text.slice(index, end + 1))
        if (key === undefined) return undefined
        if (keys.has(key)) return key
        keys.add(key)
        expectingKey = false
      }
      index = end
    } else if (char === '{') {
      open.push(new Set())
      expectingKey = true
    } else if (char === '[') {
      open.push(null)
      expectingKey = false
    } else if (char === '}' || char === ']') {
      open.pop()
      expectingKey = false
    } else if (char === ',') {
      expectingKey = Boolean(open.at(-1))
    }
  }
  return undefined
}

function parseString(literal: string): string | undefined {
  try {
    return JSON.parse(literal) as string
  } catch {
    return undefined
  }
}

/** The error a body parser's `verify` hook throws for a duplicate key; the error handler renders it. */
export class DuplicateJsonKeyError extends Error {
  readonly type = 'entity.duplicate.key'
  constructor(readonly key: string) {
    super(`The JSON body repeats the key "${key}".`)
  }
}

/** A `verify` hook for `express.json`: refuses a body that repeats a key in one object. */
export function refuseDuplicateKeys(_req: unknown, _res: unknown, body: Buffer, encoding: string): void {
  const key = firstDuplicateKey(body.toString(encoding as BufferEncoding))
  if (key !== undefined) throw new DuplicateJsonKeyError(key)
}

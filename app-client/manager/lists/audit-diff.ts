/** One changed field of an audit entry: its path and the values before and after (absent: undefined). */
export interface DiffLine {
  path: string
  before: string | undefined
  after: string | undefined
}

function flatten(value: unknown, prefix: string, into: Map<string, string>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>)
    if (entries.length === 0 && prefix) into.set(prefix, '{}')
    for (const [key, inner] of entries) flatten(inner, prefix ? `${prefix}.${key}` : key, into)
    return
  }
  into.set(prefix || '·', value === undefined ? '' : JSON.stringify(value))
}

/**
 * The fields an audit entry changed, flattened to dotted paths, unchanged fields left out: what a person wants
 * to read instead of two JSON documents.
 */
export function auditDiff(before: unknown, after: unknown): DiffLine[] {
  const old = new Map<string, string>()
  const next = new Map<string, string>()
  if (before !== null && before !== undefined) flatten(before, '', old)
  if (after !== null && after !== undefined) flatten(after, '', next)
  const paths = [...new Set([...old.keys(), ...next.keys()])].sort()
  return paths
    .filter((path) => old.get(path) !== next.get(path))
    .map((path) => ({ path, before: old.get(path), after: next.get(path) }))
}

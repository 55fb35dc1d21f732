import { z } from 'zod'

export type JsonSchema = Record<string, unknown>
export type SchemaUse = 'input' | 'output'

export const COMPONENT_PREFIX = '#/components/schemas/'
// Placeholder for a reference to a schema's input shape until its name is known (with or without `Input`).
const INPUT_MARK = '~input'
const ROOT_PREFIX = '__root'

interface Conversion {
  /** Each root schema as JSON Schema: a `$ref` for a named one, inline otherwise. */
  roots: Map<z.ZodType, JsonSchema>
  /** The id of each named root schema. */
  rootIds: Map<z.ZodType, string>
  /** Every named schema (zod `meta({ id })`), by id. */
  named: Map<string, JsonSchema>
}

/**
 * Converts zod schemas to JSON Schema for an OpenAPI document. Named schemas (`.meta({ id })`) become
 * components referenced as `#/components/schemas/<id>`; a schema whose input shape (defaults, transforms)
 * differs from its output shape gets a second component, `<id>Input`. Only components that are used are kept.
 */
export class SchemaComponents {
  private readonly conversions: Record<SchemaUse, Conversion>
  /** The component name of each named schema's input shape. */
  private readonly names: Map<string, string>
  /** The named schemas whose output shape the roots use. */
  private readonly usedOutputs: Set<string>

  constructor(uses: Record<SchemaUse, readonly z.ZodType[]>) {
    this.conversions = { input: convert(uses.input, 'input'), output: convert(uses.output, 'output') }
    this.usedOutputs = reachable(this.conversions.output)
    this.names = inputNames(this.conversions, this.usedOutputs)
    for (const conversion of Object.values(this.conversions)) {
      for (const [schema, json] of conversion.roots) conversion.roots.set(schema, this.rename(json) as JsonSchema)
      for (const [id, json] of conversion.named) conversion.named.set(id, this.rename(json) as JsonSchema)
    }
  }

  /** The JSON Schema of a root schema given to the constructor for this use. */
  schema(schema: z.ZodType, use: SchemaUse): JsonSchema {
    const json = this.conversions[use].roots.get(schema)
    if (!json) throw new Error('schema not converted for this use')
    return json
  }

  /** Like `schema`, with a top-level reference resolved: parameters need the object's own properties. */
  resolved(schema: z.ZodType, use: SchemaUse): JsonSchema {
    const { rootIds, named } = this.conversions[use]
    const id = rootIds.get(schema)
    return (id ? named.get(id) : undefined) ?? this.schema(schema, use)
  }

  /** The components reachable from `used` (the document's operations), by name. */
  components(used: unknown): Record<string, JsonSchema> {
    const all: Record<string, JsonSchema> = {}
    for (const [id, json] of this.conversions.output.named) if (this.usedOutputs.has(id)) all[id] = json
    for (const [id, json] of this.conversions.input.named) all[this.names.get(id) ?? id] ??= json
    const reachable: Record<string, JsonSchema> = {}
    const visit = (value: unknown): void => {
      for (const name of refsIn(value)) {
        if (reachable[name] || !all[name]) continue
        reachable[name] = all[name]
        visit(all[name])
      }
    }
    visit(used)
    return Object.fromEntries(Object.entries(reachable).sort(([a], [b]) => a.localeCompare(b)))
  }

  private rename(value: unknown): unknown {
    return mapRefs(value, (ref) => {
      if (!ref.endsWith(INPUT_MARK)) return ref
      const id = ref.slice(COMPONENT_PREFIX.length, -INPUT_MARK.length)
      return COMPONENT_PREFIX + (this.names.get(id) ?? id)
    })
  }
}

function convert(schemas: readonly z.ZodType[], use: SchemaUse): Conversion {
  const registry = z.registry<{ id: string }>()
  // Every named schema, so that a named schema nested anywhere becomes a reference to its component.
  // (zod exposes the ids of a registry only through `_idmap`, which its own registry conversion reads too.)
  for (const [id, schema] of z.globalRegistry._idmap) registry.add(schema, { id })
  const rootIds = new Map<z.ZodType, string>()
  for (const schema of new Set(schemas)) {
    const id = z.globalRegistry.get(schema)?.id
    if (id) {
      rootIds.set(schema, id)
    } else {
      rootIds.set(schema, `${ROOT_PREFIX}${rootIds.size}`)
      registry.add(schema, { id: rootIds.get(schema)! })
    }
  }
  const suffix = use === 'input' ? INPUT_MARK : ''
  const { schemas: converted } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io: use,
    unrepresentable: 'any',
    uri: (id) => COMPONENT_PREFIX + id + (id.startsWith(ROOT_PREFIX) ? '' : suffix),
  })
  const clean = new Map(Object.entries(converted).map(([id, json]) => [id, withoutSchemaKeywords(json)]))
  // Unnamed roots stay inline, also where another root embeds them.
  const inline = (value: unknown): unknown =>
    replaceRefs(value, (ref) => {
      const id = ref.slice(COMPONENT_PREFIX.length)
      return id.startsWith(ROOT_PREFIX) ? (inline(clean.get(id)) as JsonSchema) : undefined
    })
  const roots = new Map<z.ZodType, JsonSchema>()
  for (const [schema, id] of rootIds) {
    roots.set(
      schema,
      id.startsWith(ROOT_PREFIX) ? (inline(clean.get(id)) as JsonSchema) : { $ref: COMPONENT_PREFIX + id + suffix },
    )
  }
  const named = new Map<string, JsonSchema>()
  for (const [id, json] of clean) if (!id.startsWith(ROOT_PREFIX)) named.set(id, inline(json) as JsonSchema)
  const namedRoots = new Map([...rootIds].filter(([, id]) => !id.startsWith(ROOT_PREFIX)))
  return { roots, rootIds: namedRoots, named }
}

/** `<id>Input` for the named schemas whose input shape differs from their output shape, also through a reference. */
function inputNames(conversions: Record<SchemaUse, Conversion>, usedOutputs: Set<string>): Map<string, string> {
  const { input, output } = conversions
  const differs = new Map<string, boolean>()
  const decide = (id: string): boolean => {
    const known = differs.get(id)
    if (known !== undefined) return known
    differs.set(id, false) // a cycle back to this schema does not make it differ
    const json = input.named.get(id)
    const plain = JSON.stringify(mapRefs(json, (ref) => ref.replace(INPUT_MARK, '')))
    const result =
      usedOutputs.has(id) &&
      (plain !== JSON.stringify(output.named.get(id)) ||
        refsIn(json).some((ref) => ref.endsWith(INPUT_MARK) && decide(ref.slice(0, -INPUT_MARK.length))))
    differs.set(id, result)
    return result
  }
  return new Map([...input.named.keys()].map((id) => [id, decide(id) ? `${id}Input` : id]))
}

/** The ids of the named schemas a conversion's roots use, directly or through other named schemas. */
function reachable({ roots, named }: Conversion): Set<string> {
  const found = new Set<string>()
  const visit = (value: unknown): void => {
    for (const id of refsIn(value)) {
      if (found.has(id)) continue
      found.add(id)
      visit(named.get(id))
    }
  }
  visit([...roots.values()])
  return found
}

function withoutSchemaKeywords(json: unknown): JsonSchema {
  const { $schema: _schema, $id: _id, ...rest } = json as JsonSchema
  return withFormatExamples(withoutVacuousAnyOf(rest)) as JsonSchema
}

/**
 * Realistic examples for the string formats zod describes with a long `pattern`. Without them, Swagger UI makes its
 * example values from the pattern, and an e-mail address comes out as random characters around an `@`.
 */
export const FORMAT_EXAMPLES: Readonly<Record<string, string>> = {
  email: 'anna.schmidt@example.com',
  uuid: '3f6c2a9e-8b41-4d7a-9c25-6e0f1b7d4a83',
  'date-time': '2026-11-22T09:30:00Z',
  date: '2026-11-22',
}

function withFormatExamples(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withFormatExamples)
  if (value === null || typeof value !== 'object') return value
  const json = Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, withFormatExamples(inner)]))
  const example = typeof json.format === 'string' ? FORMAT_EXAMPLES[json.format] : undefined
  return example && json.type === 'string' && json.examples === undefined ? { ...json, examples: [example] } : json
}

/** `anyOf` with an empty schema (zod's `unknown().nullable()`) matches anything: it is left out, as linters ask. */
function withoutVacuousAnyOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutVacuousAnyOf)
  if (value === null || typeof value !== 'object') return value
  const { anyOf, ...rest } = value as JsonSchema
  const vacuous = Array.isArray(anyOf) && anyOf.some((item) => Object.keys(item as object).length === 0)
  const result = Object.fromEntries(Object.entries(rest).map(([key, inner]) => [key, withoutVacuousAnyOf(inner)]))
  return anyOf === undefined || vacuous ? result : { ...result, anyOf: withoutVacuousAnyOf(anyOf) }
}

/** The component names referenced anywhere in `value`. */
function refsIn(value: unknown): string[] {
  const found: string[] = []
  mapRefs(value, (ref) => {
    if (ref.startsWith(COMPONENT_PREFIX)) found.push(ref.slice(COMPONENT_PREFIX.length))
    return ref
  })
  return found
}

function mapRefs(value: unknown, map: (ref: string) => string): unknown {
  return replaceRefs(value, (ref) => ({ $ref: map(ref) }))
}

/** Rebuilds `value`, replacing each `{ $ref, ...siblings }` by `replace(ref)` merged with its siblings, if given. */
function replaceRefs(value: unknown, replace: (ref: string) => JsonSchema | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => replaceRefs(item, replace))
  if (value === null || typeof value !== 'object') return value
  const { $ref, ...rest } = value as JsonSchema
  const siblings = Object.fromEntries(Object.entries(rest).map(([key, inner]) => [key, replaceRefs(inner, replace)]))
  if (typeof $ref !== 'string') return siblings
  const replacement = replace($ref)
  return replacement ? { ...replacement, ...siblings } : { $ref, ...siblings }
}

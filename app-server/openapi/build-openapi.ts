import { z } from 'zod'
import { ProblemSchema } from '../../shared/schemas/problem.schema'
import type { ProblemSpec, RouteGroup, RouteSpec } from '../http/route'
import { PROBLEM_CONTENT_TYPE } from '../http/problem'

type JsonSchema = Record<string, unknown>

export interface OpenApiInfo {
  title: string
  version: string
  description: string
}

const COMPONENT_PREFIX = '#/components/schemas/'

/** Collects named schemas while converting, so each appears once under components. */
class SchemaCollector {
  readonly components: Record<string, JsonSchema> = {}

  convert(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema
    const { $defs, $schema: _ignored, ...rest } = json as JsonSchema & { $defs?: Record<string, JsonSchema> }
    const renames = new Map<string, string>()
    for (const [name, definition] of Object.entries($defs ?? {})) renames.set(name, this.add(name, definition, io))
    // A schema with an id comes back as a $ref to its own definition, which is now a component.
    return rewriteRefs(rest, renames) as JsonSchema
  }

  // Input and output shapes of one schema can differ (defaults, transforms): the input one gets a suffix.
  private add(name: string, definition: JsonSchema, io: 'input' | 'output'): string {
    const existing = this.components[name]
    if (!existing || JSON.stringify(existing) === JSON.stringify(definition)) {
      this.components[name] = definition
      return name
    }
    const alternative = io === 'input' ? `${name}Input` : `${name}Output`
    this.components[alternative] = definition
    return alternative
  }
}

function rewriteRefs(value: unknown, renames: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, renames))
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => {
      if (key === '$ref' && typeof inner === 'string' && inner.startsWith('#/$defs/')) {
        const name = inner.slice('#/$defs/'.length)
        return [key, COMPONENT_PREFIX + (renames.get(name) ?? name)]
      }
      return [key, rewriteRefs(inner, renames)]
    }),
  )
}

function toOpenApiPath(prefix: string, path: string): string {
  return (prefix + path).replace(/:([A-Za-z0-9_]+)/g, '{$1}')
}

function parameters(collector: SchemaCollector, spec: RouteSpec<unknown, unknown, unknown>): JsonSchema[] {
  const result: JsonSchema[] = []
  for (const [location, schema] of [
    ['path', spec.params],
    ['query', spec.query],
  ] as const) {
    if (!schema) continue
    const json = collector.convert(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] }
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      const { description, ...propertySchema } = property
      result.push({
        name,
        in: location,
        required: location === 'path' || (json.required ?? []).includes(name),
        ...(description ? { description } : {}),
        schema: propertySchema,
      })
    }
  }
  return result
}

function operation(collector: SchemaCollector, spec: RouteSpec<unknown, unknown, unknown>): JsonSchema {
  const responses: Record<string, JsonSchema> = {}
  for (const [status, response] of Object.entries(spec.responses)) {
    responses[status] = {
      description: response.description,
      ...(response.schema
        ? {
            content: {
              [response.contentType ?? 'application/json']: { schema: collector.convert(response.schema, 'output') },
            },
          }
        : {}),
    }
  }
  const problemsByStatus = new Map<number, ProblemSpec[]>()
  for (const problem of spec.problems ?? []) {
    problemsByStatus.set(problem.status, [...(problemsByStatus.get(problem.status) ?? []), problem])
  }
  for (const [status, problems] of problemsByStatus) {
    responses[String(status)] = {
      description: problems.map((problem) => `\`${problem.code}\`: ${problem.description}`).join('\n\n'),
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: `${COMPONENT_PREFIX}Problem` } } },
    }
  }
  return {
    operationId: spec.operationId,
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    tags: spec.tags,
    ...(spec.security ? { security: spec.security.map((name) => ({ [name]: [] })) } : {}),
    parameters: parameters(collector, spec),
    ...(spec.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: collector.convert(spec.body, 'input') } },
          },
        }
      : {}),
    responses,
  }
}

/** Builds the OpenAPI 3.1 document from the routes' own zod schemas, so it cannot drift from the code. */
export function buildOpenApi(
  info: OpenApiInfo,
  groups: RouteGroup[],
  securitySchemes: Record<string, JsonSchema> = {},
): JsonSchema {
  const collector = new SchemaCollector()
  collector.convert(ProblemSchema, 'output')
  const paths: Record<string, Record<string, JsonSchema>> = {}
  for (const group of groups) {
    for (const spec of group.routes) {
      const path = toOpenApiPath(group.prefix, spec.path)
      paths[path] = { ...paths[path], [spec.method]: operation(collector, spec) }
    }
  }
  return {
    openapi: '3.1.0',
    info,
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      schemas: collector.components,
      securitySchemes,
    },
  }
}

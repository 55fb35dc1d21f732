import type { z } from 'zod'
import type { Contract } from '../../shared/contracts/contract'
import { PROBLEMS, type ProblemDefinition } from '../../shared/contracts/problems'
import { API_TAGS } from '../../shared/contracts/tags'
import { ProblemSchema } from '../../shared/schemas/problem.schema'
import { PROBLEM_CONTENT_TYPE } from '../http/problem'
import { COMPONENT_PREFIX, SchemaComponents, type JsonSchema } from './schema-components'

export interface OpenApiInfo {
  title: string
  version: string
  description: string
}

export interface OpenApiOptions {
  servers?: { url: string; description?: string }[]
  securitySchemes?: Record<string, JsonSchema>
  /** The problem catalog; the app's own unless a test brings one. */
  problems?: Readonly<Record<string, ProblemDefinition>>
}

const PROBLEM_REF = { $ref: `${COMPONENT_PREFIX}Problem` }
export const OPENAPI_BASE_DIALECT = 'https://spec.openapis.org/oas/3.1/dialect/base'

/** Builds the OpenAPI 3.1 document from the contracts, so it cannot drift from the routes that implement them. */
export function buildOpenApi(info: OpenApiInfo, contracts: readonly Contract[], options: OpenApiOptions = {}) {
  const catalog: Readonly<Record<string, ProblemDefinition>> = options.problems ?? PROBLEMS
  const problemCodes = [...new Set(contracts.flatMap((contract) => Object.keys(contract.problems)))]
  const extensions = problemCodes.flatMap((code) => {
    const schema = catalog[code]?.extensions
    return schema ? [[code, schema] as const] : []
  })
  const schemas = new SchemaComponents({
    input: contracts.flatMap((contract) => [contract.params, contract.query, contract.body].filter(isSchema)),
    output: [
      ProblemSchema,
      ...contracts.flatMap((contract) => Object.values(contract.responses).map((response) => response.schema)),
      ...extensions.map(([, schema]) => schema),
    ].filter(isSchema),
  })
  const problemSchemas = Object.fromEntries(
    extensions.map(([code, schema]) => [problemSchemaName(code), problemWithExtensions(code, schema, schemas)]),
  )

  const paths: Record<string, Record<string, JsonSchema>> = {}
  for (const contract of contracts) {
    const path = contract.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')
    if (paths[path]?.[contract.method]) throw new Error(`${contract.method} ${path} is implemented twice`)
    paths[path] = { ...paths[path], [contract.method]: operation(contract, schemas, catalog, problemSchemas) }
  }
  const genericCodes = Object.keys(catalog).filter((code) => catalog[code]?.scope === 'generic')
  return {
    openapi: '3.1.0',
    info: { ...info, license: { name: 'MIT', identifier: 'MIT' } },
    // The OpenAPI 3.1 base dialect (JSON Schema 2020-12 with the OpenAPI vocabulary), which is what the schemas are
    // written in and the one dialect Swagger UI renders without a warning.
    jsonSchemaDialect: OPENAPI_BASE_DIALECT,
    servers: options.servers ?? [{ url: '/' }],
    tags: Object.entries(API_TAGS).map(([name, description]) => ({ name, description })),
    paths,
    components: {
      schemas: { ...schemas.components([PROBLEM_REF, paths, problemSchemas]), ...problemSchemas },
      responses: {
        Problem: {
          description:
            'Any other problem. Every operation may also answer ' +
            genericCodes.map((code) => `${code} (${catalog[code]?.status})`).join(', ') +
            '; the body names the code.',
          content: { [PROBLEM_CONTENT_TYPE]: { schema: PROBLEM_REF } },
        },
      },
      securitySchemes: options.securitySchemes ?? {},
    },
  }
}

function isSchema(value: z.ZodType | undefined): value is z.ZodType {
  return value !== undefined
}

function operation(
  contract: Contract,
  schemas: SchemaComponents,
  catalog: Readonly<Record<string, ProblemDefinition>>,
  problemSchemas: Record<string, JsonSchema>,
): JsonSchema {
  const responses: Record<string, JsonSchema> = {}
  for (const [status, response] of Object.entries(contract.responses)) {
    responses[status] = {
      description: response.description,
      ...(response.schema
        ? {
            content: {
              [response.contentType ?? 'application/json']: { schema: schemas.schema(response.schema, 'output') },
            },
          }
        : {}),
    }
  }
  const byStatus = new Map<number, [string, string][]>()
  for (const [code, description] of Object.entries(contract.problems)) {
    const status = catalog[code]?.status
    if (!status) throw new Error(`${contract.operationId} declares ${code}, which is not in the problem catalog`)
    byStatus.set(status, [...(byStatus.get(status) ?? []), [code, description ?? '']])
  }
  for (const [status, problems] of [...byStatus].sort(([a], [b]) => a - b)) {
    const specific = problems.filter(([code]) => problemSchemas[problemSchemaName(code)])
    const choices = [
      ...specific.map(([code]) => ({ $ref: COMPONENT_PREFIX + problemSchemaName(code) })),
      ...(specific.length < problems.length ? [PROBLEM_REF] : []),
    ]
    const schema = choices.length === 1 ? choices[0] : { anyOf: choices }
    responses[String(status)] = {
      description: problems.map(([code, description]) => `\`${code}\`: ${description}`).join('\n\n'),
      content: { [PROBLEM_CONTENT_TYPE]: { schema } },
    }
  }
  responses.default = { $ref: '#/components/responses/Problem' }
  return {
    operationId: contract.operationId,
    summary: contract.summary,
    ...(contract.description ? { description: contract.description } : {}),
    tags: contract.tags,
    security: contract.security ? [{ [contract.security]: [] }] : [],
    parameters: parameters(contract, schemas),
    ...(contract.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemas.schema(contract.body, 'input') } },
          },
        }
      : {}),
    responses,
  }
}

function parameters(contract: Contract, schemas: SchemaComponents): JsonSchema[] {
  const result: JsonSchema[] = []
  for (const [location, schema] of [
    ['path', contract.params],
    ['query', contract.query],
  ] as const) {
    if (!schema) continue
    const json = schemas.resolved(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] }
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

/** `reservation_quota_exceeded` → `ReservationQuotaExceededProblem`. */
function problemSchemaName(code: string): string {
  return `${code.replace(/(^|_)([a-z0-9])/g, (_match, _sep, letter: string) => letter.toUpperCase())}Problem`
}

/** The shared Problem schema narrowed to one code, with the extension members the catalog declares for it. */
function problemWithExtensions(code: string, schema: z.ZodObject, schemas: SchemaComponents): JsonSchema {
  const extension = schemas.schema(schema, 'output') as { properties?: JsonSchema; required?: string[] }
  return {
    allOf: [
      PROBLEM_REF,
      {
        type: 'object',
        properties: { code: { const: code }, ...extension.properties },
        required: ['code', ...(extension.required ?? [])],
      },
    ],
  }
}

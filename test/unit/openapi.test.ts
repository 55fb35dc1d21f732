import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { Contract } from '../../shared/contracts/contract'
import { PROBLEMS } from '../../shared/contracts/problems'
import { buildOpenApi, OPENAPI_BASE_DIALECT } from '../../app-server/openapi/build-openapi'
import { FORMAT_EXAMPLES } from '../../app-server/openapi/schema-components'
import { ALL_CONTRACTS } from '../../shared/contracts'

const Thing = z.object({ id: z.uuid(), size: z.number().int().default(1) }).meta({ id: 'TestThing' })

const createThing: Contract = {
  method: 'post',
  path: '/api/things/:thingId',
  operationId: 'createThing',
  summary: 'Create',
  tags: ['System'],
  security: null,
  params: z.object({ thingId: z.uuid().meta({ description: 'The thing' }) }),
  query: z.object({ dryRun: z.enum(['true', 'false']).optional() }),
  body: Thing,
  responses: { 201: { description: 'Created', schema: Thing } },
  // Codes of this test's own, in a catalog extended with them below.
  problems: { thing_taken: 'Taken.', thing_locked: 'Locked.' } as Contract['problems'],
}

const doc = buildOpenApi({ title: 't', version: '1', description: 'd' }, [createThing], {
  problems: {
    ...PROBLEMS,
    thing_taken: { status: 409, title: 'Taken' },
    thing_locked: { status: 409, title: 'Locked' },
  },
})

describe('OpenAPI generation', () => {
  const operation = (doc.paths as Record<string, Record<string, Record<string, unknown>>>)['/api/things/{thingId}']
    ?.post

  it('turns Express paths and zod params into OpenAPI parameters', () => {
    expect(operation?.parameters).toEqual([
      {
        name: 'thingId',
        in: 'path',
        required: true,
        description: 'The thing',
        schema: expect.objectContaining({ format: 'uuid' }),
      },
      { name: 'dryRun', in: 'query', required: false, schema: expect.objectContaining({ enum: ['true', 'false'] }) },
    ])
  })

  it('puts named schemas under components once, keeping input and output shapes apart', () => {
    const schemas = (doc.components as { schemas: Record<string, { required?: string[] }> }).schemas
    expect(schemas.TestThing?.required).toEqual(['id', 'size'])
    expect(schemas.TestThingInput?.required).toEqual(['id'])
    expect(schemas.Problem).toBeDefined()
  })

  it('documents every problem code of a status together', () => {
    const responses = operation?.responses as Record<string, { description: string }>
    expect(responses['409']?.description).toContain('`thing_taken`')
    expect(responses['409']?.description).toContain('`thing_locked`')
  })
})

describe('the API reference as Swagger UI renders it', () => {
  const full = buildOpenApi({ title: 't', version: '1', description: 'd' }, ALL_CONTRACTS)

  it('declares the OpenAPI 3.1 base dialect, the one Swagger UI shows without a warning', () => {
    expect(full.jsonSchemaDialect).toBe(OPENAPI_BASE_DIALECT)
    expect(OPENAPI_BASE_DIALECT).toBe('https://spec.openapis.org/oas/3.1/dialect/base')
  })

  it('gives every string with a format a realistic example that its own pattern accepts', () => {
    let checked = 0
    const visit = (node: unknown, where: string): void => {
      if (Array.isArray(node)) return node.forEach((item, index) => visit(item, `${where}[${index}]`))
      if (node === null || typeof node !== 'object') return
      const schema = node as Record<string, unknown>
      if (schema.type === 'string' && typeof schema.format === 'string' && schema.format in FORMAT_EXAMPLES) {
        const examples = schema.examples as string[] | undefined
        expect(examples, where).toBeDefined()
        if (typeof schema.pattern === 'string') {
          for (const example of examples!) expect(new RegExp(schema.pattern).test(example), where).toBe(true)
        }
        checked += 1
      }
      for (const [key, value] of Object.entries(schema)) visit(value, `${where}/${key}`)
    }
    visit(full, '')
    expect(checked).toBeGreaterThan(50)
    const login = (full.components.schemas as Record<string, { properties: Record<string, { examples?: string[] }> }>)
      .ManagerLoginBody
    expect(login?.properties.email?.examples).toEqual(['ann.smith@partners.example.com'])
  })
})

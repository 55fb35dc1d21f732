import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { buildOpenApi } from '../../app-server/openapi/build-openapi'
import { implement } from '../../app-server/http/route'
import { AppError, forbidden, notFound } from '../../app-server/errors'
import { ALL_CONTRACTS } from '../../shared/contracts'
import { PROBLEM_CODES, problemScope, type ProblemCode } from '../../shared/contracts/problems'
import { getHealth } from '../../shared/contracts/system.contracts'
import { reserveRequest } from '../../shared/contracts/partner.contracts'

const declared = new Set(ALL_CONTRACTS.flatMap((contract) => Object.keys(contract.problems)))

describe('the API contracts', () => {
  it('name each operation once, at one method and path', () => {
    const ids = ALL_CONTRACTS.map((contract) => contract.operationId)
    expect(ids.filter((id, index) => ids.indexOf(id) !== index)).toEqual([])
    const routes = ALL_CONTRACTS.map((contract) => `${contract.method} ${contract.path}`)
    expect(routes.filter((route, index) => routes.indexOf(route) !== index)).toEqual([])
  })

  it('validate exactly the path parameters their path names', () => {
    for (const contract of ALL_CONTRACTS) {
      const inPath = [...contract.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1]).sort()
      const shape = contract.params instanceof z.ZodObject ? Object.keys(contract.params.shape).sort() : []
      expect(shape, contract.operationId).toEqual(inPath)
    }
  })

  it('take a body only on methods that carry one', () => {
    const withBody = ALL_CONTRACTS.filter((contract) => contract.body).map((contract) => contract.method)
    expect(withBody.filter((method) => method === 'get' || method === 'delete')).toEqual([])
  })

  it('declare every code of the catalog that an operation answers, and none answered outside operations', () => {
    const undeclared = PROBLEM_CODES.filter((code) => problemScope(code) === 'operation' && !declared.has(code))
    expect(undeclared).toEqual([])
    expect([...declared].filter((code) => problemScope(code as ProblemCode) === 'outside')).toEqual([])
  })
})

describe('the OpenAPI document built from them', () => {
  const doc = buildOpenApi({ title: 't', version: '1', description: 'd' }, ALL_CONTRACTS)
  const text = JSON.stringify(doc)

  it('references only components it defines', () => {
    const refs = [...new Set([...text.matchAll(/"\$ref":"([^"]+)"/g)].map((match) => match[1]!))]
    const defined = (ref: string) => {
      const [, section, name] = /^#\/components\/(schemas|responses)\/(.+)$/.exec(ref) ?? []
      return section !== undefined && name !== undefined && name in doc.components[section as 'schemas' | 'responses']
    }
    expect(refs.filter((ref) => !defined(ref))).toEqual([])
  })

  it('says for every operation how a caller authenticates, an explicit empty list for public ones', () => {
    const operations = Object.values(doc.paths).flatMap((path) => Object.values(path))
    expect(operations).toHaveLength(ALL_CONTRACTS.length)
    for (const operation of operations)
      expect(Array.isArray(operation.security), String(operation.operationId)).toBe(true)
    expect(doc.servers.length).toBeGreaterThan(0)
  })

  it('gives each status of a problem the shared Problem schema, narrowed where the code has extension members', () => {
    const reserve = doc.paths['/api/partner/requests/{id}/reservation']?.post as {
      responses: Record<string, { content: Record<string, { schema: unknown }> }>
    }
    expect(reserve.responses['403']?.content['application/problem+json']?.schema).toEqual({
      anyOf: [
        { $ref: '#/components/schemas/PartnerSuspendedProblem' },
        { $ref: '#/components/schemas/ReservationQuotaExceededProblem' },
        { $ref: '#/components/schemas/EarlyAccessPendingProblem' },
        { $ref: '#/components/schemas/Problem' },
      ],
    })
    expect(JSON.stringify(doc.components.schemas.ReservationQuotaExceededProblem)).toContain('"resetsAt"')
  })
})

describe('what the types enforce', () => {
  it("a route answers its contract's body and reads only its input; a problem has its code's one status", () => {
    const typeOnly = () => [
      implement(getHealth, {
        // @ts-expect-error the body must be the contract's Health
        handler: (_req, res) => void res.json({ status: 'fine' }),
      }),
      implement(reserveRequest, {
        handler: (_req, res, input) => {
          // @ts-expect-error the contract takes no body
          const body: object = input.body
          // @ts-expect-error a reservation is not a string
          res.json(`${input.params.id} ${input.query.assignTo} ${String(body)}`)
        },
      }),
      // @ts-expect-error partner_not_found is a 404
      forbidden('partner_not_found'),
      notFound('partner_not_found'),
      // @ts-expect-error a code outside the catalog
      new AppError({ code: 'partner_gone' }),
      // @ts-expect-error the catalog's status for the code is 404
      new AppError({ code: 'partner_not_found', status: 403 }),
      // @ts-expect-error the extension members are the catalog's
      new AppError({ code: 'partner_suspended', extensions: { until: 42 } }),
    ]
    expect(typeOnly).toBeTypeOf('function')
    expect(() => new AppError({ code: 'partner_not_found', status: 403 as 404 })).toThrow(/has status 404/)
  })
})

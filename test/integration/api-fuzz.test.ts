import fc from 'fast-check'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Contract, SecuritySchemeName } from '../../shared/contracts/contract'
import { ALL_CONTRACTS } from '../../shared/contracts'
import { asPartner, clientAddress, givenManager, givenPartner, requestBody } from '../support/factories'
import {
  declaredKeys,
  encodeComponent,
  hostileBody,
  hostileCursor,
  hostileObject,
  hostileSegment,
  type RawBody,
} from '../support/hostile-arbitraries'
import '../support/provided-context'
import { createTestApp, type TestApp } from '../support/test-app'

// Generated inputs per operation; FUZZ_RUNS raises it for a longer local hunt.
const RUNS = Number(process.env.FUZZ_RUNS ?? 12)

interface Generated {
  segments: string[]
  query: Record<string, unknown> | null
  cursor: string | null
  rawQuery: string | null
  body: RawBody | undefined
  forgedAuth: boolean
}

function queryString(input: Generated): string {
  const pairs = Object.entries(input.query ?? {}).map(
    ([key, value]) => `${key}=${encodeComponent(typeof value === 'string' ? value : JSON.stringify(value))}`,
  )
  if (input.cursor !== null) pairs.push(`cursor=${input.cursor}`)
  if (input.rawQuery !== null) pairs.push(input.rawQuery)
  return pairs.length > 0 ? `?${pairs.join('&')}` : ''
}

function urlOf(contract: Contract, input: Generated): string {
  let index = 0
  const path = contract.path.replace(/:[A-Za-z0-9_]+/g, () => input.segments[index++] ?? 'x')
  return path + queryString(input)
}

function inputsOf(contract: Contract): fc.Arbitrary<Generated> {
  const parameters = contract.path.match(/:[A-Za-z0-9_]+/g) ?? []
  return fc.record({
    segments: fc.tuple(...parameters.map(() => hostileSegment)),
    query: fc.option(hostileObject(declaredKeys(contract.query))),
    cursor: fc.option(hostileCursor, { freq: 4 }),
    rawQuery: fc.option(fc.constantFrom('search=%00', 'entityId=%00', 'x=%ff', 'limit=1e309', 'cursor=%ff', 'a[b]=1'), {
      freq: 4,
    }),
    body: contract.body ? hostileBody(declaredKeys(contract.body)) : fc.constant(undefined),
    forgedAuth: fc.boolean().map((forged) => forged && Math.random() < 0.2),
  })
}

describe('every declared operation answers generated hostile input with a 2xx or a 4xx problem, never a 5xx', () => {
  let t: TestApp

  beforeAll(async () => {
    t = await createTestApp({ LOG_LEVEL: 'fatal' })
  })
  afterAll(() => t.close())

  /** Fresh credentials per operation, so an operation that signs out or suspends does not starve the next. */
  async function credentials(scheme: SecuritySchemeName | null): Promise<Record<string, string>> {
    if (scheme === 'partnerSession') return asPartner(t, (await givenPartner(t)).id)
    if (scheme === 'managerSession') return (await givenManager(t)).headers
    if (scheme === 'statusToken') {
      const created = await request(t.app)
        .post('/api/public/requests')
        .set('X-Forwarded-For', clientAddress())
        .send(requestBody())
      return { Authorization: `Bearer ${created.body.statusToken as string}` }
    }
    return {}
  }

  async function send(contract: Contract, input: Generated, auth: Record<string, string>) {
    const agent = request(t.app)
    const call = agent[contract.method](urlOf(contract, input))
      .set('X-Forwarded-For', clientAddress())
      .set(input.forgedAuth ? { Authorization: 'Bearer forged.token.value' } : auth)
    if (!input.body) return call
    if (input.body.kind === 'json') return call.send(input.body.value as object)
    return call.set(input.body.headers).send(input.body.bytes)
  }

  it('covers every operation', () => {
    expect(ALL_CONTRACTS.length).toBeGreaterThan(40)
  })

  for (const contract of ALL_CONTRACTS) {
    it(`${contract.method.toUpperCase()} ${contract.path}`, async () => {
      const auth = await credentials(contract.security)
      await fc.assert(
        fc.asyncProperty(inputsOf(contract), async (input) => {
          const response = await send(contract, input, auth)
          const seen = `${response.status} ${response.headers['content-type'] ?? ''} ${JSON.stringify(response.body)}`
          expect(response.status, seen).toBeLessThan(500)
          if (response.status >= 400)
            expect(response.headers['content-type'], seen).toMatch(/^application\/problem\+json/)
        }),
        { numRuns: RUNS },
      )
    })
  }
})

import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ALL_CONTRACTS } from '../../shared/contracts'
import { createTestApp, type TestApp } from '../support/test-app'

describe('the served API description', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(() => t.close())

  it('when it is read, then it lists exactly the operations of the contracts, each implemented by a route', async () => {
    const doc = (await request(t.app).get('/api/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, { operationId: string }>>
    }
    const served = Object.entries(doc.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => `${method} ${path} ${operation.operationId}`),
    )
    const declared = ALL_CONTRACTS.map(
      (contract) => `${contract.method} ${contract.path.replace(/:(\w+)/g, '{$1}')} ${contract.operationId}`,
    )
    expect(served.sort()).toEqual(declared.sort())
  })
})

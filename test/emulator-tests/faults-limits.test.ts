import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callRest, installApp, startHarness, type Harness } from './support/harness'

const QUERY_LIMIT = { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' }
let now = Date.UTC(2025, 2, 1)
let harness: Harness
let token: string
const call = (method: string, params: object = {}) => callRest(harness.portal.clientEndpoint(), method, params, token)

beforeAll(async () => {
  harness = await startHarness({ emulator: { clock: () => now, random: () => 0.25 } })
  token = (await installApp(harness.portal)).accessToken
})
afterAll(() => harness.close())

describe('leaky bucket (D:limits): burst 50, drain 2 per second, per portal', () => {
  it('the 51st request in the same instant gets 503 QUERY_LIMIT_EXCEEDED "Too many requests"', async () => {
    for (let index = 0; index < 50; index += 1) expect((await call('profile')).status).toBe(200)
    expect(await call('profile')).toEqual({ status: 503, body: QUERY_LIMIT })
  })

  it('drains 2 per second of (injected) time; a refused request does not count', async () => {
    now += 1000
    expect((await call('profile')).status).toBe(200)
    expect((await call('profile')).status).toBe(200)
    expect((await call('profile')).status).toBe(503)
    now += 60_000
  })

  it('counts a batch as one request, and each portal has its own bucket with its own settings', async () => {
    const small = await startHarness({
      emulator: { clock: () => now },
      portal: { rateLimit: { burst: 2, drainPerSecond: 1 } },
    })
    const smallToken = (await installApp(small.portal)).accessToken
    const cmd = Object.fromEntries(Array.from({ length: 20 }, (_, index) => [`c${index}`, 'profile']))
    const batch = await callRest(small.portal.clientEndpoint(), 'batch', { halt: 0, cmd }, smallToken)
    expect(Object.keys((batch.body.result as { result: object }).result)).toHaveLength(20)
    expect((await callRest(small.portal.clientEndpoint(), 'profile', {}, smallToken)).status).toBe(200)
    expect((await callRest(small.portal.clientEndpoint(), 'profile', {}, smallToken)).status).toBe(503)
    expect((await call('profile')).status).toBe(200)
    await small.close()
  })
})

describe('fault injection', () => {
  it('error rate per method with status and body (503, 429, 500…)', async () => {
    harness.emulator.faults.errorRate({
      method: 'crm.lead.list',
      rate: 0.5,
      status: 429,
      body: { error: 'OPERATION_TIME_LIMIT', error_description: 'Method is blocked due to operation time limit.' },
    })
    expect(await call('crm.lead.list')).toEqual({
      status: 429,
      body: { error: 'OPERATION_TIME_LIMIT', error_description: 'Method is blocked due to operation time limit.' },
    })
    expect((await call('crm.lead.get', { id: 1 })).status).toBe(400)
    harness.emulator.faults.clear()
    harness.emulator.faults.errorRate({ method: 'crm.lead.list', rate: 0.1, status: 500, body: {} })
    expect((await call('crm.lead.list')).status).toBe(200)
    harness.emulator.faults.clear()
  })

  it('fail next N calls of a method, also inside a batch', async () => {
    harness.emulator.faults.failNext({ method: 'crm.lead.add', count: 2, status: 503, body: QUERY_LIMIT })
    expect((await call('crm.lead.add', { fields: { TITLE: 'x' } })).status).toBe(503)
    const batch = await call('batch', { halt: 0, cmd: { add: 'crm.lead.add?fields[TITLE]=y', me: 'profile' } })
    expect((batch.body.result as { result_error: unknown }).result_error).toEqual({ add: QUERY_LIMIT })
    expect((await call('crm.lead.add', { fields: { TITLE: 'z' } })).status).toBe(200)
  })

  it('added latency per portal and method', async () => {
    harness.emulator.faults.latency({ memberId: harness.portal.memberId, method: 'profile', ms: 150 })
    const started = performance.now()
    await call('profile')
    expect(performance.now() - started).toBeGreaterThanOrEqual(140)
    harness.emulator.faults.clear()
  })

  it('the same faults through POST /__emulator/faults, scoped to one portal', async () => {
    const post = (body: object) =>
      fetch(`${harness.url}/__emulator/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    expect(
      (await post({ kind: 'failNext', memberId: 'someone-else', method: 'profile', count: 1, status: 500 })).status,
    ).toBe(200)
    expect((await call('profile')).status).toBe(200)
    await post({ kind: 'failNext', memberId: harness.portal.memberId, method: 'profile', count: 1 })
    expect(await call('profile')).toEqual({
      status: 500,
      body: { error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' },
    })
    await post({ kind: 'expireTokens', memberId: harness.portal.memberId })
    expect((await call('profile')).body.error).toBe('expired_token')
    expect((await post({ kind: 'nonsense' })).status).toBe(400)
    await fetch(`${harness.url}/__emulator/faults`, { method: 'DELETE' })
  })
})

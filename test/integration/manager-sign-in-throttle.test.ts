import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createManager } from '../../app-server/modules/managers'
import { clientAddress } from '../support/factories'
import { createTestApp, type TestApp } from '../support/test-app'

const ACCOUNT_LIMIT = 3

/** Sign-in is limited per address and per account, so one account cannot be tried from many addresses. */
describe('manager sign-in throttling per account', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT: '100', LOGIN_ACCOUNT_RATE_LIMIT: String(ACCOUNT_LIMIT) })
  })
  afterAll(() => t.close())

  const account = async () => {
    const email = `throttled.${Math.random().toString(36).slice(2)}@example.com`
    const password = 'correct horse battery staple'
    await createManager(t.database.db, { email, name: 'Tom Throttled', password }, 'fast')
    return { email, password }
  }
  const signIn = (email: string, password: string, address = clientAddress()) =>
    request(t.app).post('/api/manager/session').set('X-Forwarded-For', address).send({ email, password })

  it('when wrong passwords for one account come from many addresses, then the account is limited with Retry-After', async () => {
    const { email, password } = await account()
    for (let i = 0; i < ACCOUNT_LIMIT; i++) expect((await signIn(email, 'wrong password')).status).toBe(401)
    const limited = await signIn(email.toUpperCase(), 'wrong password')
    expect(limited.status).toBe(429)
    expect(limited.body.code).toBe('rate_limited')
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    // Even the right password waits: an attacker learns nothing from the answers while the account is limited.
    expect((await signIn(email, password)).status).toBe(429)
  })

  it('when the e-mail belongs to no account, then the limit holds the same way (no account enumeration)', async () => {
    const email = 'nobody.here@example.com'
    for (let i = 0; i < ACCOUNT_LIMIT; i++) expect((await signIn(email, 'guess')).status).toBe(401)
    expect((await signIn(email, 'guess')).status).toBe(429)
  })

  it('when a manager signs in successfully many times, then the successes do not count against the account', async () => {
    const { email, password } = await account()
    for (let i = 0; i < ACCOUNT_LIMIT + 2; i++) expect((await signIn(email, password)).status).toBe(201)
    expect((await signIn(email, 'wrong password')).status).toBe(401)
  })

  it("when one account is limited, then another account's sign-in is not", async () => {
    const limited = await account()
    for (let i = 0; i <= ACCOUNT_LIMIT; i++) await signIn(limited.email, 'wrong password')
    const other = await account()
    expect((await signIn(other.email, other.password)).status).toBe(201)
  })
})

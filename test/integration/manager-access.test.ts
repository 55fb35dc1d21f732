import { eq } from 'drizzle-orm'
import { Secret, TOTP } from 'otpauth'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fillPath, requiredManagerAbility, type Contract } from '../../shared/contracts/contract'
import { ALL_CONTRACTS } from '../../shared/contracts'
import { auditLog, managers } from '../../app-server/db/schema'
import { clientAddress, givenManager } from '../support/factories'
import { createTestApp, type TestApp } from '../support/test-app'

const ANY_ID = '00000000-0000-4000-8000-000000000000'
const managerContracts = ALL_CONTRACTS.filter((contract) => contract.security === 'managerSession')
const mutating = managerContracts.filter((contract) => contract.method !== 'get')
/** What a signed-in manager of any role does to their own session and account; everything else is closed. */
const SELF_SERVICE = ['signOutManager', 'startTwoFactorEnrolment', 'confirmTwoFactor', 'disableTwoFactor']

function call(t: TestApp, contract: Contract) {
  const path = fillPath(contract.path, new Proxy({}, { get: () => ANY_ID }))
  return request(t.app)[contract.method](path)
}

function codeAt(secret: string, at: Date): string {
  return new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: at.getTime() })
}

describe('manager roles, enforced on every operation', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT: '1000' })
  })
  afterAll(() => t.close())

  it('lists the self-service operations explicitly, so a new endpoint is never open to viewers by accident', () => {
    const open = mutating.filter((contract) => requiredManagerAbility(contract) === null)
    expect(open.map((contract) => contract.operationId).sort()).toEqual([...SELF_SERVICE].sort())
    expect(mutating.length).toBeGreaterThan(20)
  })

  it('when a viewer calls any mutating manager operation, then 403 manager_role_forbidden and nothing changes', async () => {
    const viewer = await givenManager(t, 'viewer')
    const before = await t.database.db.select().from(auditLog)
    for (const contract of mutating.filter((c) => !SELF_SERVICE.includes(c.operationId))) {
      const response = await call(t, contract).set(viewer.headers).send({})
      expect(response.status, contract.operationId).toBe(403)
      expect(response.body.code, contract.operationId).toBe('manager_role_forbidden')
    }
    expect(await t.database.db.select().from(auditLog)).toHaveLength(before.length)
  })

  it('when a manager calls an admin operation, then 403; a change operation is let through to its own checks', async () => {
    const manager = await givenManager(t, 'manager')
    // Signing out would end the session the loop uses.
    for (const contract of managerContracts.filter((c) => c.operationId !== 'signOutManager')) {
      const response = await call(t, contract).set(manager.headers).send({})
      if (requiredManagerAbility(contract) === 'manageManagers') {
        expect(response.status, contract.operationId).toBe(403)
      } else {
        expect(response.body.code, contract.operationId).not.toBe('manager_role_forbidden')
      }
    }
  })

  it('when a viewer reads, then the reads answer; the viewer sees their role and abilities', async () => {
    const viewer = await givenManager(t, 'viewer')
    const me = await request(t.app).get('/api/manager/me').set(viewer.headers)
    expect(me.body).toMatchObject({
      role: 'viewer',
      abilities: { change: false, seeContacts: false, manageManagers: false },
      twoFactor: { enabled: false, required: false },
    })
    expect((await request(t.app).get('/api/manager/partners').set(viewer.headers)).status).toBe(200)
    expect((await request(t.app).get('/api/manager/managers').set(viewer.headers)).status).toBe(403)
  })
})

describe('the console cookie and cross-site requests', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT: '1000' })
  })
  afterAll(() => t.close())

  const HOST = 'console.example'
  async function cookieSession(role: 'admin' | 'manager' = 'manager', proto = 'http') {
    const account = await givenManager(t, role)
    const response = await request(t.app)
      .post('/api/manager/session')
      .set('Host', HOST)
      .set('X-Forwarded-Proto', proto)
      .set('Origin', `${proto}://${HOST}`)
      .set('X-Forwarded-For', clientAddress())
      .send({ email: account.email, password: account.password, session: 'cookie' })
    expect(response.status).toBe(201)
    expect(response.body.token).toBeUndefined()
    const setCookie = ([] as string[]).concat(response.headers['set-cookie'] ?? [])
    return { setCookie, cookie: setCookie[0]!.split(';')[0]! }
  }
  const restrict = (cookie: string) =>
    request(t.app).put('/api/manager/restricted-countries/KP').set('Host', HOST).set('Cookie', cookie)

  it('when the console signs in, then the session is an HttpOnly SameSite=Strict cookie, Secure over HTTPS', async () => {
    const plain = await cookieSession()
    expect(plain.setCookie[0]).toMatch(/^manager_session=[^;]+; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Strict$/)
    const secure = await cookieSession('manager', 'https')
    expect(secure.setCookie[0]).toMatch(/^__Host-manager_session=.*; Secure; SameSite=Strict$/)
    expect(secure.setCookie[0]).toContain('HttpOnly')
    const me = await request(t.app).get('/api/manager/me').set('Cookie', plain.cookie)
    expect(me.status).toBe(200)
  })

  it('when another site makes the browser post with the cookie, then 403 csrf_rejected and nothing changes', async () => {
    const { cookie } = await cookieSession()
    const body = { reason: 'Sanctions' }
    const crossOrigin = await restrict(cookie).set('Origin', 'https://evil.example').send(body)
    expect(crossOrigin.status).toBe(403)
    expect(crossOrigin.body.code).toBe('csrf_rejected')
    const crossSite = await restrict(cookie).set('Sec-Fetch-Site', 'cross-site').send(body)
    expect(crossSite.body.code).toBe('csrf_rejected')
    const unmarked = await restrict(cookie).send(body)
    expect(unmarked.body.code).toBe('csrf_rejected')
    const list = await request(t.app).get('/api/manager/restricted-countries').set('Cookie', cookie)
    expect(list.body.items).toEqual([])
  })

  it('when the console itself posts with the cookie, then the change is made', async () => {
    const { cookie } = await cookieSession()
    const sameOrigin = await restrict(cookie).set('Origin', `http://${HOST}`).send({ reason: 'Sanctions' })
    expect(sameOrigin.status).toBe(200)
    const fetchMetadata = await restrict(cookie).set('Sec-Fetch-Site', 'same-origin').send({ reason: 'Sanctions' })
    expect(fetchMetadata.status).toBe(200)
  })

  it('when an API client sends a Bearer token, then no origin is needed', async () => {
    const manager = await givenManager(t)
    const response = await request(t.app)
      .put('/api/manager/restricted-countries/KP')
      .set(manager.headers)
      .set('Origin', 'https://tool.example')
      .send({ reason: 'Sanctions' })
    expect(response.status).toBe(200)
  })

  it('when another site posts a sign-in, then it is refused', async () => {
    const manager = await givenManager(t)
    const response = await request(t.app)
      .post('/api/manager/session')
      .set('Host', HOST)
      .set('Origin', 'https://evil.example')
      .send({ email: manager.email, password: manager.password, session: 'cookie' })
    expect(response.status).toBe(403)
    expect(response.body.code).toBe('csrf_rejected')
    expect(response.headers['set-cookie']).toBeUndefined()
  })

  it('when the console signs out, then the cookie is cleared and the session ends', async () => {
    const { cookie } = await cookieSession()
    const out = await request(t.app)
      .delete('/api/manager/session')
      .set('Host', HOST)
      .set('Origin', `http://${HOST}`)
      .set('Cookie', cookie)
    expect(out.status).toBe(204)
    expect(String(out.headers['set-cookie'])).toMatch(/manager_session=;.*Expires=Thu, 01 Jan 1970/)
    expect((await request(t.app).get('/api/manager/me').set('Cookie', cookie)).body.code).toBe('invalid_session')
  })
})

describe('manager session expiry', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ MANAGER_IDLE_MINUTES: '30', MANAGER_SESSION_TTL_HOURS: '2', LOGIN_RATE_LIMIT: '1000' })
  })
  afterAll(() => t.close())
  const me = (headers: Record<string, string>) => request(t.app).get('/api/manager/me').set(headers)

  it('when a session is used, then its idle end moves; unused for MANAGER_IDLE_MINUTES, it ends with session_expired', async () => {
    const manager = await givenManager(t)
    for (let i = 0; i < 3; i++) {
      t.clock.advance(25 * 60_000)
      expect((await me(manager.headers)).status).toBe(200)
    }
    t.clock.advance(31 * 60_000)
    const expired = await me(manager.headers)
    expect(expired.status).toBe(401)
    expect(expired.body.code).toBe('session_expired')
  })

  it('when a session is used all along, then it still ends after MANAGER_SESSION_TTL_HOURS', async () => {
    const manager = await givenManager(t)
    for (let minutes = 0; minutes < 115; minutes += 20) {
      expect((await me(manager.headers)).status).toBe(200)
      t.clock.advance(20 * 60_000)
    }
    expect((await me(manager.headers)).body.code).toBe('session_expired')
  })
})

describe('two-factor sign-in (TOTP)', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT: '1000', LOGIN_ACCOUNT_RATE_LIMIT: '1000' })
  })
  afterAll(() => t.close())

  const signIn = (email: string, password: string) =>
    request(t.app).post('/api/manager/session').set('X-Forwarded-For', clientAddress()).send({ email, password })
  const secondStep = (pendingToken: string, code: string) =>
    request(t.app)
      .post('/api/manager/session/two-factor')
      .set('X-Forwarded-For', clientAddress())
      .send({ pendingToken, code })
  const nextStep = () => t.clock.advance(30_000)

  async function enrolled(role: 'viewer' | 'admin' = 'viewer') {
    const account = await givenManager(t, role)
    const started = await request(t.app).post('/api/manager/me/two-factor').set(account.headers)
    expect(started.status).toBe(201)
    const { secret, otpauthUri, qrCode } = started.body
    expect(otpauthUri).toContain(`secret=${secret}`)
    expect(qrCode).toMatch(/^data:image\/svg\+xml;base64,/)
    expect(Buffer.from(qrCode.split(',')[1], 'base64').toString()).toContain('<svg')
    const wrong = await request(t.app)
      .post('/api/manager/me/two-factor/confirm')
      .set(account.headers)
      .send({ code: '000000' })
    expect(wrong.body.code).toBe('two_factor_code_invalid')
    const confirmed = await request(t.app)
      .post('/api/manager/me/two-factor/confirm')
      .set(account.headers)
      .send({ code: codeAt(secret, t.clock.now()) })
    expect(confirmed.status).toBe(200)
    expect(confirmed.body.twoFactor.enabled).toBe(true)
    return { ...account, secret: secret as string }
  }

  it('when a manager turns it on, then the secret is stored encrypted, and sign-in asks for a current code', async () => {
    const account = await enrolled()
    const [row] = await t.database.db.select().from(managers).where(eq(managers.email, account.email))
    expect(row?.totpSecret).toMatch(/^v1\./)
    expect(row?.totpSecret).not.toContain(account.secret)
    expect(t.logLines.join('\n')).not.toContain(account.secret)

    nextStep()
    const first = await signIn(account.email, account.password)
    expect(first.status).toBe(202)
    expect(first.body).toMatchObject({ status: 'two_factor_required' })
    expect(first.body.token).toBeUndefined()
    const wrong = await secondStep(first.body.pendingToken, '123456')
    expect(wrong.status).toBe(401)
    expect(wrong.body.code).toBe('two_factor_code_invalid')
    const code = codeAt(account.secret, t.clock.now())
    const done = await secondStep(first.body.pendingToken, code)
    expect(done.status).toBe(201)
    expect(done.body.manager.twoFactor.enabled).toBe(true)
    const headers = { Authorization: `Bearer ${done.body.token}` }
    expect((await request(t.app).get('/api/manager/me').set(headers)).status).toBe(200)

    // The same code again, even in a fresh sign-in, is refused: it could have been seen.
    const again = await signIn(account.email, account.password)
    expect((await secondStep(again.body.pendingToken, code)).body.code).toBe('two_factor_code_invalid')
  })

  it('when wrong codes keep coming, then the pending sign-in ends', async () => {
    const account = await enrolled()
    const first = await signIn(account.email, account.password)
    for (let i = 0; i < 5; i++) await secondStep(first.body.pendingToken, '000000')
    nextStep()
    const late = await secondStep(first.body.pendingToken, codeAt(account.secret, t.clock.now()))
    expect(late.body.code).toBe('pending_sign_in_invalid')
  })

  it('when the code step comes after five minutes, then the sign-in starts over', async () => {
    const account = await enrolled()
    const first = await signIn(account.email, account.password)
    t.clock.advance(6 * 60_000)
    const late = await secondStep(first.body.pendingToken, codeAt(account.secret, t.clock.now()))
    expect(late.body.code).toBe('pending_sign_in_invalid')
  })

  it('when a manager turns it off with a code, then sign-in takes the password alone again', async () => {
    const account = await enrolled()
    nextStep()
    const off = await request(t.app)
      .post('/api/manager/me/two-factor/disable')
      .set(account.headers)
      .send({ code: codeAt(account.secret, t.clock.now()) })
    expect(off.status).toBe(200)
    expect(off.body.twoFactor.enabled).toBe(false)
    expect((await signIn(account.email, account.password)).status).toBe(201)
  })

  it('when an admin requires it for everyone, then a manager without it sets it up at sign-in; turning it off is refused', async () => {
    const admin = await givenManager(t, 'admin')
    const viewer = await givenManager(t, 'viewer')
    const policy = await request(t.app)
      .put('/api/manager/sign-in-policy')
      .set(admin.headers)
      .send({ requireTwoFactor: true })
    expect(policy.body).toEqual({ requireTwoFactor: true })

    const first = await signIn(viewer.email, viewer.password)
    expect(first.status).toBe(202)
    expect(first.body.status).toBe('two_factor_setup_required')
    const secret = first.body.enrolment.secret as string
    const done = await secondStep(first.body.pendingToken, codeAt(secret, t.clock.now()))
    expect(done.status).toBe(201)
    expect(done.body.manager.twoFactor).toEqual({ enabled: true, required: true })
    nextStep()
    const off = await request(t.app)
      .post('/api/manager/me/two-factor/disable')
      .set({ Authorization: `Bearer ${done.body.token}` })
      .send({ code: codeAt(secret, t.clock.now()) })
    expect(off.body.code).toBe('two_factor_required_by_policy')

    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'sign_in_policy.updated'))
    expect(audit.at(-1)).toMatchObject({
      actorType: 'manager',
      actorId: admin.manager.id,
      after: { requireTwoFactor: true },
    })
    await request(t.app).put('/api/manager/sign-in-policy').set(admin.headers).send({ requireTwoFactor: false })
  })

  it('when an admin resets a lost authenticator, then the manager signs in with the password alone', async () => {
    const admin = await givenManager(t, 'admin')
    const account = await enrolled()
    const reset = await request(t.app)
      .delete(`/api/manager/managers/${account.manager.id}/two-factor`)
      .set(admin.headers)
    expect(reset.body.twoFactorEnabled).toBe(false)
    expect((await signIn(account.email, account.password)).status).toBe(201)
  })
})

describe('the admin API for manager accounts', () => {
  let t: TestApp
  let admin: Awaited<ReturnType<typeof givenManager>>
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_RATE_LIMIT: '1000' })
    admin = await givenManager(t, 'admin')
  })
  afterAll(() => t.close())

  const asAdmin = () => ({ ...admin.headers })
  const signIn = (email: string, password: string) =>
    request(t.app).post('/api/manager/session').set('X-Forwarded-For', clientAddress()).send({ email, password })

  it('when an admin creates an account without a password, then one is generated, shown once and works', async () => {
    const created = await request(t.app)
      .post('/api/manager/managers')
      .set(asAdmin())
      .send({ email: 'Nina.New@Example.com', name: 'Nina New', role: 'viewer' })
    expect(created.status).toBe(201)
    expect(created.body.manager).toMatchObject({ email: 'nina.new@example.com', role: 'viewer', active: true })
    const password = created.body.generatedPassword as string
    expect(password.length).toBeGreaterThanOrEqual(20)
    expect((await signIn('nina.new@example.com', password)).status).toBe(201)

    const again = await request(t.app)
      .post('/api/manager/managers')
      .set(asAdmin())
      .send({ email: 'nina.new@example.com', name: 'Nina', role: 'viewer' })
    expect(again.body.code).toBe('manager_exists')
    const weak = await request(t.app)
      .post('/api/manager/managers')
      .set(asAdmin())
      .send({ email: 'short@example.com', name: 'Short', role: 'viewer', password: 'short' })
    expect(weak.body).toMatchObject({ code: 'weak_password', minLength: 12 })

    const list = await request(t.app).get('/api/manager/managers').set(asAdmin())
    expect(list.body.items.map((item: { email: string }) => item.email)).toContain('nina.new@example.com')
    expect(JSON.stringify(list.body)).not.toMatch(/argon2|password/i)
  })

  it('when an admin changes a role, then it applies to the open sessions at once and is audited', async () => {
    const account = await givenManager(t, 'manager')
    const changed = await request(t.app)
      .put(`/api/manager/managers/${account.manager.id}/role`)
      .set(asAdmin())
      .send({ role: 'viewer' })
    expect(changed.body.role).toBe('viewer')
    const attempt = await request(t.app)
      .put('/api/manager/restricted-countries/KP')
      .set(account.headers)
      .send({ reason: 'Sanctions' })
    expect(attempt.body.code).toBe('manager_role_forbidden')
    const [entry] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'manager.role_changed'))
    expect(entry).toMatchObject({
      actorType: 'manager',
      actorId: admin.manager.id,
      entityType: 'manager',
      entityId: account.manager.id,
      before: { role: 'manager' },
      after: { role: 'viewer' },
    })
  })

  it('when an admin deactivates an account, then its sessions end and it cannot sign in until reactivated', async () => {
    const account = await givenManager(t, 'manager')
    const off = await request(t.app).post(`/api/manager/managers/${account.manager.id}/deactivate`).set(asAdmin())
    expect(off.body.active).toBe(false)
    expect((await request(t.app).get('/api/manager/me').set(account.headers)).body.code).toBe('invalid_session')
    const refused = await signIn(account.email, account.password)
    expect(refused.status).toBe(403)
    expect(refused.body.code).toBe('account_deactivated')
    // A wrong password says nothing about the account.
    expect((await signIn(account.email, 'not the password')).body.code).toBe('invalid_credentials')
    const on = await request(t.app).post(`/api/manager/managers/${account.manager.id}/reactivate`).set(asAdmin())
    expect(on.body.active).toBe(true)
    expect((await signIn(account.email, account.password)).status).toBe(201)
  })

  it('when an admin resets a password, then the old one and its sessions stop working', async () => {
    const account = await givenManager(t, 'manager')
    const reset = await request(t.app)
      .post(`/api/manager/managers/${account.manager.id}/password`)
      .set(asAdmin())
      .send({})
    expect(reset.status).toBe(200)
    const password = reset.body.generatedPassword as string
    expect((await request(t.app).get('/api/manager/me').set(account.headers)).status).toBe(401)
    expect((await signIn(account.email, account.password)).status).toBe(401)
    expect((await signIn(account.email, password)).status).toBe(201)
    const chosen = await request(t.app)
      .post(`/api/manager/managers/${account.manager.id}/password`)
      .set(asAdmin())
      .send({ password: 'a chosen long password' })
    expect(chosen.body.generatedPassword).toBeNull()
  })

  it('when an admin acts on their own account, then 409 own_account; unknown ids are 404', async () => {
    const self = await request(t.app).post(`/api/manager/managers/${admin.manager.id}/deactivate`).set(asAdmin())
    expect(self.body.code).toBe('own_account')
    const demote = await request(t.app)
      .put(`/api/manager/managers/${admin.manager.id}/role`)
      .set(asAdmin())
      .send({ role: 'viewer' })
    expect(demote.body.code).toBe('own_account')
    const unknown = await request(t.app).post(`/api/manager/managers/${ANY_ID}/reactivate`).set(asAdmin())
    expect(unknown.body.code).toBe('manager_not_found')
  })

  it('keeps passwords, secrets and e-mail addresses out of the audit log', async () => {
    const rows = await t.database.db.select().from(auditLog)
    const text = JSON.stringify(rows)
    expect(rows.filter((row) => row.entityType === 'manager').length).toBeGreaterThan(4)
    expect(text).not.toMatch(/@example\.com|argon2|correct horse|a chosen long password/)
  })
})

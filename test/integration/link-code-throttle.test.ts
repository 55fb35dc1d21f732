import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PortalEmulator } from '../../emulator'
import { startAppWithEmulator, type EmulatedSetup } from '../support/emulated-portal'
import { clientAddress } from '../support/factories'
import type { TestApp } from '../support/test-app'

const CLIENT_ID = 'app.test0005.linkcodes'
const LIMIT = 3

/** Link codes are guessed by nobody: wrong codes are limited per portal and per client address. */
describe('link code attempts are throttled (emulated portal)', () => {
  let setup: EmulatedSetup
  let emulator: PortalEmulator
  let t: TestApp

  beforeAll(async () => {
    setup = await startAppWithEmulator(CLIENT_ID, {
      LINK_CODE_RATE_LIMIT: String(LIMIT),
      LINK_CODE_RATE_WINDOW_SECONDS: '600',
    })
    ;({ emulator, t } = setup)
  })
  afterAll(() => setup.close())

  /** An administrator's session in a newly installed, unlinked portal. */
  const adminSession = async () => {
    const portal = emulator.addPortal()
    await portal.install()
    portal.finishInstall()
    const { launch } = await portal.install({ postInstaller: false })
    const session = await request(t.app)
      .post('/api/session')
      .send({ domain: 'x', memberId: portal.memberId, accessToken: launch.fields.AUTH_ID })
    return { Authorization: `Bearer ${session.body.token as string}` }
  }
  const tryCode = (headers: Record<string, string>, address: string) =>
    request(t.app)
      .post('/api/portal/link')
      .set(headers)
      .set('X-Forwarded-For', address)
      .send({ code: 'AAAA-BBBB-CCCC' })

  it('when one portal tries wrong codes from many addresses, then it is limited with Retry-After', async () => {
    const headers = await adminSession()
    for (let i = 0; i < LIMIT; i++)
      expect((await tryCode(headers, clientAddress())).body.code).toBe('link_code_invalid')
    const limited = await tryCode(headers, clientAddress())
    expect(limited.status).toBe(429)
    expect(limited.body.code).toBe('rate_limited')
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
  })

  it('when one address tries wrong codes in many portals, then it is limited', async () => {
    const address = clientAddress()
    for (let i = 0; i < LIMIT; i++) expect((await tryCode(await adminSession(), address)).status).toBe(404)
    const limited = await tryCode(await adminSession(), address)
    expect(limited.status).toBe(429)
    expect(limited.body.code).toBe('rate_limited')
    expect(limited.headers['retry-after']).toBeDefined()
    // Another portal from another address is not held back by them.
    expect((await tryCode(await adminSession(), clientAddress())).status).toBe(404)
  })
})

import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PortalEmulator } from '../../emulator'
import { linkedPortal, startAppWithEmulator, type EmulatedSetup } from '../support/emulated-portal'
import type { TestApp } from '../support/test-app'

const CLIENT_ID = 'app.test0004.sessions'

/** A partner session belongs to one installation of the app: it ends when that installation ends. */
describe('partner sessions end with the install (emulated portal)', () => {
  let setup: EmulatedSetup
  let emulator: PortalEmulator
  let t: TestApp

  beforeAll(async () => {
    setup = await startAppWithEmulator(CLIENT_ID)
    ;({ emulator, t } = setup)
  })
  afterAll(() => setup.close())

  const me = (headers: Record<string, string>) => request(t.app).get('/api/partner/me').set(headers)

  it('when the portal uninstalls the app, then sessions issued before are refused at once', async () => {
    const { portal, headers } = await linkedPortal(setup)
    expect((await me(headers)).status).toBe(200)
    portal.uninstall()
    await emulator.whenEventsDelivered()
    await t.whenEventsHandled()
    const refused = await me(headers)
    expect(refused.status).toBe(401)
    expect(refused.body.code).toBe('session_expired')
    const reserve = await request(t.app).get('/api/partner/reservations').set(headers)
    expect(reserve.status).toBe(401)
  })

  it('when the portal installs the app again, then sessions of the previous install stay refused and new ones work', async () => {
    const { portal, headers } = await linkedPortal(setup)
    portal.uninstall()
    await emulator.whenEventsDelivered()
    await t.whenEventsHandled()
    await portal.install()
    portal.finishInstall()
    await emulator.whenEventsDelivered()
    await t.whenEventsHandled()
    expect((await me(headers)).body.code).toBe('session_expired')

    const { launch } = await portal.install({ postInstaller: false })
    const session = await request(t.app)
      .post('/api/session')
      .send({ domain: 'x', memberId: portal.memberId, accessToken: launch.fields.AUTH_ID })
    expect(session.status).toBe(201)
    expect((await me({ Authorization: `Bearer ${session.body.token as string}` })).status).toBe(200)
  })

  it('when the uninstall event was lost and the portal installs the app again, then sessions of the old install are refused', async () => {
    const { portal, headers } = await linkedPortal(setup)
    emulator.faults.dropEvents(100, portal.memberId)
    portal.uninstall()
    await emulator.whenEventsDelivered()
    emulator.faults.clear()
    expect((await me(headers)).status).toBe(200)
    await portal.install()
    await emulator.whenEventsDelivered()
    await t.whenEventsHandled()
    expect((await me(headers)).body.code).toBe('session_expired')
  })

  it('when a linking session is used after the uninstall, then the link is refused', async () => {
    const portal = emulator.addPortal()
    await portal.install()
    portal.finishInstall()
    const { launch } = await portal.install({ postInstaller: false })
    const session = await request(t.app)
      .post('/api/session')
      .send({ domain: 'x', memberId: portal.memberId, accessToken: launch.fields.AUTH_ID })
    portal.uninstall()
    await emulator.whenEventsDelivered()
    await t.whenEventsHandled()
    const link = await request(t.app)
      .post('/api/portal/link')
      .set('Authorization', `Bearer ${session.body.token as string}`)
      .send({ code: 'AAAA-BBBB-CCCC' })
    expect(link.status).toBe(401)
    expect(link.body.code).toBe('session_expired')
  })
})

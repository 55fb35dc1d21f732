import { eq } from 'drizzle-orm'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { portals } from '../../app-server/db/schema'
import { TokenCipher } from '../../app-server/modules/bitrix24'
import type { PortalEmulator, PortalHandle } from '../../emulator'
import { startAppWithEmulator, type EmulatedSetup } from '../support/emulated-portal'
import type { TestApp } from '../support/test-app'

const CLIENT_ID = 'app.test0003.takeover'

/**
 * An administrator of portal F holds genuine grants of F only. Whatever they post, the app must never store
 * F's tokens under portal G, nor replace G's application token, so G's contacts and leads stay G's.
 */
describe('installs cannot take another portal over (emulated portals)', () => {
  let setup: EmulatedSetup
  let emulator: PortalEmulator
  let t: TestApp
  let portalF: PortalHandle
  let portalG: PortalHandle
  let cipher: TokenCipher

  beforeAll(async () => {
    setup = await startAppWithEmulator(CLIENT_ID)
    ;({ emulator, t } = setup)
    cipher = new TokenCipher(t.ctx.appSecret)
    portalF = emulator.addPortal()
    portalG = emulator.addPortal()
    for (const portal of [portalF, portalG]) {
      expect((await portal.install()).installerStatus).toBe(200)
      portal.finishInstall()
    }
    await emulator.whenEventsDelivered()
    await t.whenEventsHandled()
  })
  afterAll(() => setup.close())

  const storedG = async () => {
    const [row] = await t.database.db.select().from(portals).where(eq(portals.memberId, portalG.memberId))
    return row!
  }
  const installationOf = (portal: PortalHandle) => [...portal.state.installations.values()][0]!
  /** A fresh grant of F's administrator, as the app page inside F receives it. */
  const grantOfF = async () => (await portalF.install({ postInstaller: false })).launch.fields
  /** A fresh grant of an ordinary user of a portal, from the app page that user opens. */
  const grantOfUser = async (portal: PortalHandle, userId: number) => {
    const response = await fetch(`${t.config.B24_OAUTH_URL}/__emulator/portals/${portal.memberId}/launch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId }),
    })
    return ((await response.json()) as { fields: Record<string, string> }).fields
  }
  const forgedInstallEvent = (memberId: string, refreshToken: string, applicationToken: string) =>
    request(t.app).post('/b24/events').type('form').send({
      event: 'ONAPPINSTALL',
      'auth[member_id]': memberId,
      'auth[application_token]': applicationToken,
      'auth[refresh_token]': refreshToken,
      'auth[domain]': 'g.example',
    })

  it("when F's administrator posts the installer with G's member id and F's grant, then 403 and G keeps its tokens", async () => {
    const before = await storedG()
    const fromF = await grantOfF()
    const response = await request(t.app)
      .post('/partner/install?DOMAIN=g.example')
      .type('form')
      .send({ member_id: portalG.memberId, REFRESH_ID: fromF.REFRESH_ID, APPLICATION_TOKEN: fromF.APPLICATION_TOKEN })
    expect(response.status).toBe(403)
    expect(response.body.code).toBe('install_portal_mismatch')
    expect(await storedG()).toEqual(before)
    // F's users cannot open a session as G's partner either.
    const session = await request(t.app)
      .post('/api/session')
      .send({ domain: 'x', memberId: portalG.memberId, accessToken: (await grantOfF()).AUTH_ID })
    expect(session.status).toBe(401)
    expect(session.body.code).toBe('invalid_portal_token')
  })

  it("when a forged ONAPPINSTALL names G with F's refresh token, then G's tokens and application token stay", async () => {
    const before = await storedG()
    await forgedInstallEvent(portalG.memberId, (await grantOfF()).REFRESH_ID!, 'forged-application-token').expect(200)
    await t.whenEventsHandled()
    expect(await storedG()).toEqual(before)
    expect(cipher.decrypt((await storedG()).applicationTokenEnc)).toBe(installationOf(portalG).applicationToken)
  })

  it("when an ordinary user of G sends an install with G's grant and another application token, then G keeps its install", async () => {
    const before = await storedG()
    await forgedInstallEvent(portalG.memberId, (await grantOfUser(portalG, 2)).REFRESH_ID!, 'forged-token').expect(200)
    await t.whenEventsHandled()
    expect(await storedG()).toEqual(before)

    const installer = await request(t.app)
      .post('/partner/install')
      .type('form')
      .send({
        member_id: portalG.memberId,
        REFRESH_ID: (await grantOfUser(portalG, 2)).REFRESH_ID,
        APPLICATION_TOKEN: 'forged-token',
      })
    expect(installer.status).toBe(409)
    expect(installer.body.code).toBe('portal_already_installed')
    expect(await storedG()).toEqual(before)
  })

  it("when G's installer page is opened again by the same installation, then the stored grant is kept", async () => {
    const before = await storedG()
    const grant = await grantOfUser(portalG, 2)
    const response = await request(t.app)
      .post('/partner/install')
      .type('form')
      .send({ member_id: portalG.memberId, REFRESH_ID: grant.REFRESH_ID, APPLICATION_TOKEN: grant.APPLICATION_TOKEN })
    expect(response.status).toBe(200)
    const after = await storedG()
    expect([after.accessTokenEnc, after.refreshTokenEnc]).toEqual([before.accessTokenEnc, before.refreshTokenEnc])
  })

  it("when G's uninstall event was lost and G installs the app again, then the new installation replaces the old one", async () => {
    emulator.faults.dropEvents(100, portalG.memberId)
    portalG.uninstall()
    await emulator.whenEventsDelivered()
    emulator.faults.clear()
    expect((await storedG()).status).toBe('installed')
    const before = await storedG()

    expect((await portalG.install()).installerStatus).toBe(200)
    await emulator.whenEventsDelivered()
    await t.whenEventsHandled()
    const after = await storedG()
    expect(after.status).toBe('installed')
    expect(cipher.decrypt(after.applicationTokenEnc)).toBe(installationOf(portalG).applicationToken)
    expect(after.installGeneration).toBeGreaterThan(before.installGeneration)
  })
})

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import request from 'supertest'
import { createPortalEmulator, type PortalEmulator } from '../../emulator'
import { givenManager, givenPartner } from './factories'
import { createTestApp, type TestApp } from './test-app'

export interface EmulatedSetup {
  emulator: PortalEmulator
  t: TestApp
  /** Where the app listens, as the emulated portal reaches it. */
  appUrl: string
  clientId: string
  close(): Promise<void>
}

/**
 * The real app listening on a loopback port, registered as a Bitrix24 app with a portal emulator that plays the
 * portals and the OAuth server. A one-page client build lets the installer page answer with the app's shell.
 */
export async function startAppWithEmulator(
  clientId: string,
  env: Record<string, string> = {},
  options: { ownDatabase?: boolean } = {},
): Promise<EmulatedSetup> {
  const clientSecret = `secret-of-${clientId}`
  const emulator = createPortalEmulator()
  const emulatorServer = await emulator.listen()
  const buildDir = mkdtempSync(join(tmpdir(), 'client-build-'))
  mkdirSync(join(buildDir, 'partner'))
  writeFileSync(join(buildDir, 'partner', 'index.html'), '<!doctype html><title>partner app</title>')
  const t = await createTestApp(
    {
      B24_CLIENT_ID: clientId,
      B24_CLIENT_SECRET: clientSecret,
      B24_OAUTH_URL: emulatorServer.url,
      B24_ALLOW_HTTP: 'true',
      ...env,
    },
    { clientBuildDir: buildDir, ...(options.ownDatabase ? { ownDatabase: true } : {}) },
  )
  const server: Server = await new Promise((resolve) => {
    const listening = t.app.listen(0, '127.0.0.1', () => resolve(listening))
  })
  const appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  emulator.registerApp({
    clientId,
    clientSecret,
    handlerUrl: `${appUrl}/partner/`,
    installUrl: `${appUrl}/partner/install`,
    installEventUrl: `${appUrl}/b24/events`,
    scopes: ['crm', 'placement', 'user_brief'],
  })
  return {
    emulator,
    t,
    appUrl,
    clientId,
    close: async () => {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
      await emulatorServer.close()
      await t.close()
      rmSync(buildDir, { recursive: true, force: true })
    },
  }
}

/**
 * A new emulated portal with the app installed and finished, linked to a fresh partner through a manager's link
 * code, as an administrator would do it; returns the partner's session headers.
 */
export async function linkedPortal(setup: EmulatedSetup, options: { crmMode?: 1 | 2 } = {}) {
  const { emulator, t } = setup
  const portal = emulator.addPortal({ crmMode: options.crmMode ?? 1 })
  await portal.install()
  portal.finishInstall()
  const partner = await givenPartner(t, { registeredCountry: 'DE' })
  const manager = await givenManager(t)
  const code = (await request(t.app).post(`/api/manager/partners/${partner.id}/link-code`).set(manager.headers)).body
    .code as string
  const { launch } = await portal.install({ postInstaller: false })
  const session = await request(t.app)
    .post('/api/session')
    .send({ domain: 'x', memberId: portal.memberId, accessToken: launch.fields.AUTH_ID })
  const linked = await request(t.app)
    .post('/api/portal/link')
    .set('Authorization', `Bearer ${session.body.token as string}`)
    .send({ code })
  return { portal, partner, headers: { Authorization: `Bearer ${linked.body.token as string}` } }
}

import {
  createPortalEmulator,
  type AddPortalInput,
  type PortalEmulator,
  type PortalEmulatorOptions,
  type PortalHandle,
  type RegisterAppInput,
} from '../../../emulator'

export const TEST_APP = {
  clientId: 'local.65f0a1b2c3d4e5.12345678',
  clientSecret: 'emulator-test-secret',
  scopes: ['crm', 'placement', 'user_brief'],
}

export interface Harness {
  emulator: PortalEmulator
  /** `http://127.0.0.1:PORT` */
  url: string
  portal: PortalHandle
  close(): Promise<void>
}

export interface HarnessOptions {
  emulator?: PortalEmulatorOptions
  portal?: AddPortalInput
  app?: Partial<RegisterAppInput>
}

/** An emulator on a free port with the test app registered and one portal. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const emulator = createPortalEmulator(options.emulator)
  emulator.registerApp({ ...TEST_APP, handlerUrl: 'http://127.0.0.1:9/app/', ...options.app })
  const portal = emulator.addPortal({ memberId: 'a223c6b3710f85df22e9377d6c4f7553', ...options.portal })
  const server = await emulator.listen()
  return { emulator, url: server.url, portal, close: server.close }
}

export interface InstalledApp {
  accessToken: string
  refreshToken: string
  applicationToken: string
  memberId: string
}

/** Installs the test app (no installer POST) and, unless told otherwise, finishes the installation. */
export async function installApp(
  portal: PortalHandle,
  options: { finish?: boolean; userId?: number } = {},
): Promise<InstalledApp> {
  const { launch } = await portal.install({ postInstaller: false, userId: options.userId })
  if (options.finish !== false) portal.finishInstall()
  return {
    accessToken: launch.fields.AUTH_ID ?? '',
    refreshToken: launch.fields.REFRESH_ID ?? '',
    applicationToken: launch.fields.APPLICATION_TOKEN ?? '',
    memberId: portal.memberId,
  }
}

export interface RestAnswer {
  status: number
  body: Record<string, unknown>
}

/** POSTs JSON to `{endpoint}{method}` with `auth` in the body, like the docs' cURL (OAuth) examples. */
export async function callRest(endpoint: string, method: string, params: object, auth?: string): Promise<RestAnswer> {
  const response = await fetch(`${endpoint}${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(auth === undefined ? params : { ...params, auth }),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

/** A B24OAuth-ready token set for one portal (see test/emulator-tests/sdk-oauth.test.ts). */
export function oauthParams(harness: Harness, app: InstalledApp, expiresInSeconds = 3600) {
  return {
    applicationToken: app.applicationToken,
    userId: 1,
    memberId: app.memberId,
    accessToken: app.accessToken,
    refreshToken: app.refreshToken,
    expires: Math.floor(Date.now() / 1000) + expiresInSeconds,
    expiresIn: 3600,
    scope: TEST_APP.scopes.join(','),
    domain: new URL(harness.url).host,
    clientEndpoint: harness.portal.clientEndpoint(),
    serverEndpoint: `${harness.url}/rest/`,
    status: 'L' as const,
  }
}

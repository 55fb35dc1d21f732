/**
 * A Bitrix24 portal emulator for tests and demos: several portals with users and CRM data, the OAuth server,
 * REST v2 with documented envelopes and errors, the leaky-bucket limit, the event queue, the install flow, fault
 * injection and a fake portal page that hosts apps in an iframe and speaks the B24Frame message protocol.
 * See README.md next to this file for the URL scheme and the control endpoints.
 */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import express, { type Express } from 'express'
import { controlRoutes } from './control/control-api'
import { createCore } from './core/emulator-core'
import { createPortal, type AddPortalInput } from './core/portals'
import type { AppStatus, Clock, PortalState } from './core/types'
import type { ErrorRateFault, FailNextFault, FaultScope } from './faults/fault-store'
import { oauthMiddleware } from './oauth/token-endpoint'
import { createPortalHandle, type PortalHandle } from './portal-handle'
import { uiRoutes } from './portal-ui/ui-routes'
import { restMiddleware } from './rest/router'

export type { AddPortalInput, PortalUserInput } from './core/portals'
export type { AppRegistration, CrmMode, EventDelivery, PortalState, RateLimitSettings } from './core/types'
export type { ErrorRateFault, FailNextFault, FaultAnswer, FaultScope } from './faults/fault-store'
export type { FrameLaunch } from './install/frame-launch'
export type { InstallOptions, InstallResult } from './install/lifecycle'
export type { PortalHandle, UiOrigin } from './portal-handle'

export interface PortalEmulatorOptions {
  /** Epoch milliseconds; defaults to Date.now. A frozen clock also stops the rate-limit bucket from draining. */
  clock?: Clock
  /** Origins allowed to call REST from a browser and to be framed by the portal page; default: any. */
  allowedAppOrigins?: string[]
  /** Random source for error rates and dropped events; default Math.random. */
  random?: () => number
  /** The emulator's own URL when it is mounted elsewhere instead of started with listen(). */
  publicUrl?: string
}

export interface RegisterAppInput {
  clientId: string
  clientSecret: string
  /** "Application URL", opened in the iframe once installed. */
  handlerUrl: string
  /** "Application installer URL"; the handler URL is used when omitted. */
  installUrl?: string
  /** "Installation event handler URL": gets ONAPPINSTALL. */
  installEventUrl?: string
  scopes: string[]
  /** Default `L` for `local.*` client ids, else `F`. */
  status?: AppStatus
  version?: string
}

/** Fault injection, per portal (`memberId`) and/or method, or everywhere. */
export interface FaultControls {
  /** A share (0…1) of matching calls fails with `status` and `body`, e.g. 503/429/500. */
  errorRate(fault: ErrorRateFault): void
  latency(fault: FaultScope & { ms: number }): void
  /** Drops this percentage of outgoing events (never retried, like the real queue). */
  dropEvents(percent: number, memberId?: string): void
  /** The next `count` calls of `method` fail (default 500 INTERNAL_SERVER_ERROR). */
  failNext(fault: FailNextFault): void
  /** Every live access token of the portal expires now; refresh tokens keep working. */
  expireAccessTokens(memberId: string): number
  clear(): void
}

export interface PortalEmulator {
  /** Mountable Express app; `listen()` serves it on its own. */
  app: Express
  listen(port?: number, host?: string): Promise<{ url: string; close(): Promise<void> }>
  registerApp(app: RegisterAppInput): void
  addPortal(input?: AddPortalInput): PortalHandle
  /** Live state by member id, for assertions. */
  portals: Map<string, PortalState>
  faults: FaultControls
  /** Moves the emulator's clock forward (on top of the injected clock). */
  advanceClock(ms: number): void
  /** Resolves when every event queued so far has been delivered, failed or dropped. */
  whenEventsDelivered(): Promise<void>
  /** Count of consumed refresh tokens for one installation: "exactly one refresh" assertions. */
  usedRefreshTokens(memberId: string, clientId: string): number
}

export function createPortalEmulator(options: PortalEmulatorOptions = {}): PortalEmulator {
  const core = createCore({
    clock: options.clock ?? Date.now,
    random: options.random ?? Math.random,
    allowedAppOrigins: options.allowedAppOrigins,
    publicUrl: options.publicUrl,
  })
  const { state } = core
  const app = express()
  app.disable('x-powered-by')
  app.use((request, _response, next) => {
    state.origin ??= `${request.protocol}://${request.get('host') ?? '127.0.0.1'}`
    next()
  })
  app.use(oauthMiddleware(state))
  app.use(restMiddleware(state, core))
  app.use('/__emulator', controlRoutes(core))
  app.use(uiRoutes(state))

  return {
    app,
    portals: state.portals,
    async listen(port = 0, host = '127.0.0.1') {
      const server = createServer(app)
      await new Promise<void>((resolve) => server.listen(port, host, resolve))
      const { port: actualPort } = server.address() as AddressInfo
      const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${actualPort}`
      state.origin = url
      const close = () =>
        new Promise<void>((resolve, reject) => {
          server.close((error) => (error === undefined ? resolve() : reject(error)))
          server.closeAllConnections()
        })
      return { url, close }
    },
    registerApp(input) {
      const status = input.status ?? (input.clientId.startsWith('local.') ? 'L' : 'F')
      state.apps.set(input.clientId, { ...input, status, version: input.version ?? '1' })
    },
    addPortal: (input) => createPortalHandle(core, createPortal(state, input)),
    faults: {
      errorRate: (fault) => state.faults.addErrorRate(fault),
      latency: (fault) => state.faults.addLatency(fault),
      dropEvents: (percent, memberId) => state.faults.dropEvents(percent, memberId),
      failNext: (fault) => state.faults.failNext(fault),
      expireAccessTokens: (memberId) => state.tokens.expireAccessTokens(memberId),
      clear: () => state.faults.clear(),
    },
    advanceClock(ms) {
      state.clockOffsetMs += ms
    },
    whenEventsDelivered: () => core.events.whenIdle(),
    usedRefreshTokens: (memberId, clientId) => state.tokens.countUsedRefreshTokens(memberId, clientId),
  }
}

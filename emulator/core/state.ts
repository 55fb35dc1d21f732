import { FaultStore } from '../faults/fault-store'
import { TokenStore } from '../oauth/token-store'
import type { AppRegistration, Clock, Installation, PortalState } from './types'

/** Thrown by control-side lookups; the control API turns it into a 404. */
export class EmulatorLookupError extends Error {}

/** Everything the emulator knows, plus the URL helpers that depend on where it is served. */
export class EmulatorState {
  readonly apps = new Map<string, AppRegistration>()
  readonly portals = new Map<string, PortalState>()
  readonly tokens: TokenStore
  readonly faults: FaultStore
  /** Extra time added to the injected clock by `advanceClock` and `POST /__emulator/clock`. */
  clockOffsetMs = 0
  /** `http://127.0.0.1:PORT`; set by `listen()`, by `publicUrl`, or by the first request that reaches the emulator. */
  origin: string | undefined
  readonly random: () => number
  readonly allowedAppOrigins: string[] | undefined
  readonly #clock: Clock
  #nextInstallationId = 1

  constructor(options: { clock: Clock; random: () => number; allowedAppOrigins?: string[]; publicUrl?: string }) {
    this.#clock = options.clock
    this.random = options.random
    this.allowedAppOrigins = options.allowedAppOrigins
    this.origin = options.publicUrl?.replace(/\/+$/, '')
    this.tokens = new TokenStore(() => this.now())
    this.faults = new FaultStore(options.random)
  }

  now(): number {
    return this.#clock() + this.clockOffsetMs
  }

  requireOrigin(): string {
    if (this.origin === undefined) {
      throw new Error('The emulator does not know its own URL yet: call listen() or pass publicUrl')
    }
    return this.origin
  }

  /** `127.0.0.1:PORT`: what frames get as DOMAIN, so the portal page's origin is `http://DOMAIN`. */
  host(): string {
    return new URL(this.requireOrigin()).host
  }

  /** `0` for http, `1` for https, as in the PROTOCOL query parameter (D:settings/oauth/simple-way). */
  protocolFlag(): '0' | '1' {
    return this.requireOrigin().startsWith('https:') ? '1' : '0'
  }

  portalDomain(portal: PortalState): string {
    return portal.domain ?? this.host()
  }

  /** Each portal gets its own REST root so tenants differ by `client_endpoint` while sharing one host. */
  clientEndpoint(portal: PortalState): string {
    return `${this.requireOrigin()}/portal/${portal.memberId}/rest/`
  }

  /** The OAuth server; the SDK refreshes at this URL minus `/rest/` plus `/oauth/token/`. */
  serverEndpoint(): string {
    return `${this.requireOrigin()}/rest/`
  }

  getPortal(memberId: string): PortalState {
    const portal = this.portals.get(memberId)
    if (portal === undefined) throw new EmulatorLookupError(`No portal with member_id ${memberId}`)
    return portal
  }

  /** The registered app with this client id, or the only one when none is named. */
  getApp(clientId?: string): AppRegistration {
    if (clientId === undefined || clientId === '') {
      const [only, ...others] = this.apps.values()
      if (only === undefined || others.length > 0) throw new EmulatorLookupError('Name the app: clientId is required')
      return only
    }
    const app = this.apps.get(clientId)
    if (app === undefined) throw new EmulatorLookupError(`No app with client_id ${clientId}`)
    return app
  }

  /** The live (not uninstalled) installation of an app on a portal. */
  findInstallation(memberId: string, clientId: string): Installation | undefined {
    const installation = this.portals.get(memberId)?.installations.get(clientId)
    return installation?.active === true ? installation : undefined
  }

  nextInstallationId(): number {
    return this.#nextInstallationId++
  }
}

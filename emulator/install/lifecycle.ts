import { findUser, firstAdmin } from '../core/portals'
import { randomHex } from '../core/random'
import type { EmulatorState } from '../core/state'
import type { Installation } from '../core/types'
import type { EventQueue } from '../events/event-queue'
import { launchFrame, type FrameLaunch } from './frame-launch'

export interface InstallOptions {
  clientId?: string
  /** The administrator who installs; defaults to the portal's first admin. */
  userId?: number
  /**
   * POST the installer page server-side, as the portal's iframe would (default true). Turn it off when a browser
   * opens the fake portal page instead, so the app does not see two installer hits.
   */
  postInstaller?: boolean
}

export interface InstallResult {
  installation: Installation
  /** The installer opening: its URL, POST fields (tokens, APPLICATION_TOKEN…) and init data. */
  launch: FrameLaunch
  /** HTTP status of the server-side installer POST, when it was sent. */
  installerStatus?: number
}

/** Install, installFinish and uninstall of apps on portals. */
export class AppLifecycle {
  readonly #state: EmulatorState
  readonly #events: EventQueue

  constructor(state: EmulatorState, events: EventQueue) {
    this.#state = state
    this.#events = events
  }

  /**
   * An admin installs the app: a new installation (new application_token) unless one is live, tokens for the
   * installer page, and ONAPPINSTALL to the install event URL (D:settings/app-installation/installation-finish).
   */
  async install(memberId: string, options: InstallOptions = {}): Promise<InstallResult> {
    const portal = this.#state.getPortal(memberId)
    const app = this.#state.getApp(options.clientId)
    const user = options.userId === undefined ? firstAdmin(portal) : findUser(portal, options.userId)
    if (user?.admin !== true) throw new Error('Only an administrator can install this app')
    let installation = this.#state.findInstallation(memberId, app.clientId)
    if (installation === undefined) {
      installation = {
        id: this.#state.nextInstallationId(),
        clientId: app.clientId,
        memberId,
        applicationToken: randomHex(32),
        installed: false,
        active: true,
        installedBy: user.id,
        appOptions: {},
        userOptions: {},
        eventBindings: [],
        placements: [],
      }
      portal.installations.set(app.clientId, installation)
      this.#events.emitInstall(portal, installation)
    }
    const launch = launchFrame(this.#state, portal, app, installation, { userId: user.id })
    if (options.postInstaller === false || launch.mode !== 'installer') return { installation, launch }
    const response = await fetch(launch.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(launch.fields).toString(),
    })
    await response.arrayBuffer()
    return { installation, launch, installerStatus: response.status }
  }

  /** What `installFinish()` in the frame does: events start flowing and placements appear. */
  finishInstall(memberId: string, clientId?: string): Installation {
    const app = this.#state.getApp(clientId)
    const installation = this.#state.findInstallation(memberId, app.clientId)
    if (installation === undefined) throw new Error(`${app.clientId} is not installed on ${memberId}`)
    installation.installed = true
    return installation
  }

  /**
   * Uninstall: ONAPPUNINSTALL (no tokens, with CLEAN) to bound handlers, then every token of the app on the
   * portal is revoked and its bindings dropped (D:api-reference/common/events/on-app-uninstall).
   */
  uninstall(memberId: string, options: { clientId?: string; clean?: boolean } = {}): void {
    const portal = this.#state.getPortal(memberId)
    const app = this.#state.getApp(options.clientId)
    const installation = this.#state.findInstallation(memberId, app.clientId)
    if (installation === undefined) return
    this.#events.emitUninstall(portal, installation, options.clean ?? false)
    this.#state.tokens.revokeInstallation(memberId, app.clientId)
    installation.active = false
    installation.eventBindings = []
    installation.placements = []
  }
}

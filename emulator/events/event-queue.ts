import qs from 'qs'
import type { EmulatorState } from '../core/state'
import type { EventDelivery, Installation, PortalState } from '../core/types'
import { crmEventPayload, installEventPayload, uninstallEventPayload, type ChangeOrigin } from './payloads'

/** CRM events the emulator raises. */
export type CrmEventName = 'ONCRMLEADADD' | 'ONCRMLEADUPDATE' | 'ONCRMDEALADD' | 'ONCRMDEALUPDATE'

/**
 * The queue server: events leave asynchronously after the change, as `application/x-www-form-urlencoded`
 * POSTs with bracket keys, and are never retried (D:api-reference/events/index).
 */
export class EventQueue {
  readonly #state: EmulatorState
  readonly #inFlight = new Set<Promise<void>>()

  constructor(state: EmulatorState) {
    this.#state = state
  }

  /** Installations whose bindings receive events: only after installFinish (D:settings/app-installation/installation-finish). */
  #listening(portal: PortalState): Installation[] {
    return [...portal.installations.values()].filter((installation) => installation.active && installation.installed)
  }

  emitCrm(portal: PortalState, event: CrmEventName, entityId: number, origin: ChangeOrigin): void {
    for (const installation of this.#listening(portal)) {
      const app = this.#state.apps.get(installation.clientId)
      if (app === undefined) continue
      for (const binding of installation.eventBindings.filter(
        (entry) => entry.event === event && entry.offline === 0,
      )) {
        const payload = crmEventPayload(this.#state, portal, app, installation, binding, entityId, origin)
        this.#send(portal, binding.handler, payload)
      }
    }
  }

  /** ONAPPINSTALL goes to the version card's install event URL and to bound handlers, before installFinish. */
  emitInstall(portal: PortalState, installation: Installation): void {
    const app = this.#state.apps.get(installation.clientId)
    if (app === undefined) return
    if (app.installEventUrl !== undefined) {
      this.#send(portal, app.installEventUrl, installEventPayload(this.#state, portal, app, installation, undefined))
    }
    for (const binding of installation.eventBindings.filter((entry) => entry.event === 'ONAPPINSTALL')) {
      this.#send(portal, binding.handler, installEventPayload(this.#state, portal, app, installation, binding.id))
    }
  }

  /** ONAPPUNINSTALL to bound handlers; like every event, only for an installation that was finished. */
  emitUninstall(portal: PortalState, installation: Installation, clean: boolean): void {
    if (!installation.installed) return
    for (const binding of installation.eventBindings.filter((entry) => entry.event === 'ONAPPUNINSTALL')) {
      this.#send(portal, binding.handler, uninstallEventPayload(this.#state, portal, installation, binding.id, clean))
    }
  }

  /** Resolves once every event queued so far has been delivered, failed or dropped. */
  async whenIdle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight])
  }

  #send(portal: PortalState, handler: string, payload: Record<string, unknown>): void {
    const delivery: EventDelivery = { event: String(payload.event), handler, payload, outcome: 'pending' }
    portal.deliveries.push(delivery)
    if (this.#state.faults.shouldDropEvent(portal.memberId)) {
      delivery.outcome = 'dropped'
      return
    }
    const task = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => post(handler, payload))
      .then((status) => {
        delivery.httpStatus = status
        delivery.outcome = status >= 200 && status < 300 ? 'delivered' : 'failed'
      })
      .catch((error: unknown) => {
        delivery.outcome = 'failed'
        delivery.error = error instanceof Error ? error.message : String(error)
      })
      .finally(() => this.#inFlight.delete(task))
    this.#inFlight.add(task)
  }
}

async function post(handler: string, payload: Record<string, unknown>): Promise<number> {
  const response = await fetch(handler, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: qs.stringify(payload),
    signal: AbortSignal.timeout(10_000),
  })
  await response.arrayBuffer()
  return response.status
}

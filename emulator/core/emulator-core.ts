import { CrmService } from '../crm/crm-service'
import { EventQueue } from '../events/event-queue'
import { AppLifecycle } from '../install/lifecycle'
import { EmulatorState } from './state'
import type { Clock } from './types'

/** The emulator's parts, wired once and shared by the REST router, the control API and the public handle. */
export interface EmulatorCore {
  state: EmulatorState
  events: EventQueue
  crm: CrmService
  lifecycle: AppLifecycle
}

export function createCore(options: {
  clock: Clock
  random: () => number
  allowedAppOrigins?: string[]
  publicUrl?: string
}): EmulatorCore {
  const state = new EmulatorState(options)
  const events = new EventQueue(state)
  return { state, events, crm: new CrmService(state, events), lifecycle: new AppLifecycle(state, events) }
}

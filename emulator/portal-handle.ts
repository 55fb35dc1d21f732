import type { EmulatorCore } from './core/emulator-core'
import { firstAdmin } from './core/portals'
import type { CrmEntityKind, CrmMode, EventDelivery, PortalState } from './core/types'
import { toV2Row } from './crm/items'
import type { ChangeOrigin } from './events/payloads'
import type { InstallOptions, InstallResult } from './install/lifecycle'

/** Who makes a UI change; defaults to the portal's first admin. `automation: true` means no tokens in the events. */
export type UiOrigin = Partial<ChangeOrigin>

/** Test-side handle on one portal: install the app, act as a person in the CRM UI, read what happened. */
export interface PortalHandle {
  readonly memberId: string
  /** Live state, for assertions. */
  readonly state: PortalState
  /** `http://127.0.0.1:PORT/portal/<memberId>/rest/` (needs the emulator's URL: listen() first or pass publicUrl). */
  clientEndpoint(): string
  /** The fake portal page of this portal. */
  pageUrl(): string
  /** Install the app (ONAPPINSTALL, installer POST with tokens); see InstallOptions. */
  install(options?: InstallOptions): Promise<InstallResult>
  /** What `installFinish()` in the installer frame does. */
  finishInstall(clientId?: string): void
  uninstall(options?: { clientId?: string; clean?: boolean }): void
  addLead(fields: Record<string, unknown>, origin?: UiOrigin): number
  addDeal(fields: Record<string, unknown>, origin?: UiOrigin): number
  /** Move a lead to a status in the UI; CONVERTED runs the conversion. Returns the new deal id if one was made. */
  moveLead(id: number, statusId: string, origin?: UiOrigin): number | undefined
  convertLead(id: number, origin?: UiOrigin): number
  moveDeal(id: number, stageId: string, origin?: UiOrigin): void
  /** The v2 row `crm.lead.get` would return, or undefined. */
  getLead(id: number): Record<string, unknown> | undefined
  getDeal(id: number): Record<string, unknown> | undefined
  setCrmMode(mode: CrmMode): void
  /** Every event queued for this portal and its outcome. */
  deliveries(): EventDelivery[]
  expireAccessTokens(): number
}

export function createPortalHandle(core: EmulatorCore, portal: PortalState): PortalHandle {
  const { state, crm, lifecycle } = core
  const originOf = (origin: UiOrigin = {}): ChangeOrigin => ({
    userId: origin.userId ?? firstAdmin(portal).id,
    automation: origin.automation,
  })
  const itemOf = (kind: CrmEntityKind, id: number) => {
    const item = (kind === 'lead' ? portal.leads : portal.deals).get(id)
    if (item === undefined) throw new Error(`No ${kind} ${id} on ${portal.memberId}`)
    return item
  }
  const rowOf = (kind: CrmEntityKind, id: number) => {
    const item = (kind === 'lead' ? portal.leads : portal.deals).get(id)
    return item === undefined ? undefined : toV2Row(portal, item)
  }
  return {
    memberId: portal.memberId,
    state: portal,
    clientEndpoint: () => state.clientEndpoint(portal),
    pageUrl: () => `${state.requireOrigin()}/portal/${portal.memberId}/crm/lead/`,
    install: (options) => lifecycle.install(portal.memberId, options),
    finishInstall: (clientId) => void lifecycle.finishInstall(portal.memberId, clientId),
    uninstall: (options) => lifecycle.uninstall(portal.memberId, options),
    addLead: (fields, origin) => crm.add(portal, 'lead', fields, originOf(origin)).id,
    addDeal: (fields, origin) => crm.add(portal, 'deal', fields, originOf(origin)).id,
    moveLead: (id, statusId, origin) => crm.move(portal, itemOf('lead', id), statusId, originOf(origin))?.id,
    convertLead: (id, origin) => crm.convertLead(portal, itemOf('lead', id), originOf(origin)).id,
    moveDeal: (id, stageId, origin) => void crm.move(portal, itemOf('deal', id), stageId, originOf(origin)),
    getLead: (id) => rowOf('lead', id),
    getDeal: (id) => rowOf('deal', id),
    setCrmMode: (mode) => {
      portal.crmMode = mode
    },
    deliveries: () => portal.deliveries,
    expireAccessTokens: () => state.tokens.expireAccessTokens(portal.memberId),
  }
}

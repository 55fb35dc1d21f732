import type { EmulatorState } from '../core/state'
import type { PortalState, StatusRow } from '../core/types'
import { stagesOf, toV2Row } from '../crm/items'

/** What the fake portal page (and a curious person) sees of a portal: CRM data as v2 rows plus installations. */
export function portalSnapshot(state: EmulatorState, portal: PortalState): Record<string, unknown> {
  const stage = (row: StatusRow) => ({
    id: row.statusId,
    name: row.name,
    color: row.color,
    semantic: row.semantics ?? 'P',
    category: row.categoryId ?? 0,
  })
  const dealStages = portal.statuses
    .filter((row) => row.entityId.startsWith('DEAL_STAGE'))
    .sort((a, b) => (a.categoryId ?? 0) - (b.categoryId ?? 0) || a.sort - b.sort)
  return {
    memberId: portal.memberId,
    domain: state.portalDomain(portal),
    clientEndpoint: state.clientEndpoint(portal),
    crmMode: portal.crmMode,
    lang: portal.lang,
    users: portal.users,
    autoSelectUserId: portal.autoSelectUserId ?? null,
    leadStages: stagesOf(portal, 'lead').map(stage),
    dealStages: dealStages.map(stage),
    leads: [...portal.leads.values()].map((item) => toV2Row(portal, item)),
    deals: [...portal.deals.values()].map((item) => toV2Row(portal, item)),
    apps: [...state.apps.values()].map((app) => {
      const installation = state.findInstallation(portal.memberId, app.clientId)
      return {
        clientId: app.clientId,
        handlerUrl: app.handlerUrl,
        installed: installation?.installed ?? false,
        present: installation !== undefined,
        placements: installation?.installed === true ? installation.placements : [],
        eventBindings: installation?.eventBindings ?? [],
      }
    }),
  }
}

/** A short list of portals for the portal picker. */
export function stateSummary(state: EmulatorState): Record<string, unknown> {
  return {
    portals: [...state.portals.values()].map((portal) => ({
      memberId: portal.memberId,
      domain: state.portalDomain(portal),
      crmMode: portal.crmMode,
      leads: portal.leads.size,
      deals: portal.deals.size,
    })),
    apps: [...state.apps.values()].map((app) => ({
      clientId: app.clientId,
      handlerUrl: app.handlerUrl,
      scopes: app.scopes,
    })),
  }
}

import type { AjaxResult, B24OAuth } from '@bitrix24/b24jssdk'
import { manifest } from '../../../manifests'
import type { PortalClients } from './portal-clients'

/** Bitrix24 answers at most 50 commands per batch and 50 rows per list page. */
export const CRM_BATCH_LIMIT = 50

/** Marks every lead the app creates (ORIGINATOR_ID); ORIGIN_ID then holds the reservation id. */
export const CRM_ORIGINATOR_ID = manifest.crm.originatorId
export const CRM_LEAD_SOURCE_ID = manifest.crm.leadSource.STATUS_ID
/** The status a lead is created in (the first status of Bitrix24's lead pipeline, a system one). */
export const CRM_NEW_LEAD_STATUS = 'NEW'
export const CRM_REQUEST_ID_FIELD = `UF_CRM_${manifest.crm.leadUserFields[0]?.FIELD_NAME ?? 'IMPL_REQUEST_ID'}`

/** The lead fields the app reads back; v2 prints every scalar as a string. */
export interface CrmLead {
  ID: string
  ORIGINATOR_ID?: string | null
  ORIGIN_ID?: string | null
  STATUS_ID?: string | null
  STATUS_SEMANTIC_ID?: string | null
  DATE_MODIFY?: string | null
  DATE_CLOSED?: string | null
}

export interface CrmDeal {
  ID: string
  LEAD_ID?: string | null
  STAGE_ID?: string | null
  STAGE_SEMANTIC_ID?: string | null
  DATE_MODIFY?: string | null
  CLOSEDATE?: string | null
}

const LEAD_SELECT = [
  'ID',
  'ORIGINATOR_ID',
  'ORIGIN_ID',
  'STATUS_ID',
  'STATUS_SEMANTIC_ID',
  'DATE_MODIFY',
  'DATE_CLOSED',
]
const DEAL_SELECT = ['ID', 'LEAD_ID', 'STAGE_ID', 'STAGE_SEMANTIC_ID', 'DATE_MODIFY', 'CLOSEDATE']

export type AddOutcome = { leadId: string } | { error: string }

/**
 * The CRM calls of lead sync, on the portal's stored tokens. Only this module talks to the SDK; callers get
 * plain rows. Whole-call failures (network, 503 after the SDK's own backoff, refresh failures) are thrown.
 */
export function crmGateway(clients: PortalClients) {
  return {
    /** Our leads carrying these ORIGIN_IDs: one batch of `crm.lead.list`, one command per 50 ids. */
    async findLeadsByOriginIds(portalId: string, originIds: string[]): Promise<Map<string, string>> {
      const client = await clients.forPortal(portalId)
      const calls = chunks(originIds, CRM_BATCH_LIMIT).map((ids) => ({
        method: 'crm.lead.list',
        params: { filter: { ORIGINATOR_ID: CRM_ORIGINATOR_ID, '@ORIGIN_ID': ids }, select: ['ID', 'ORIGIN_ID'] },
      }))
      const found = new Map<string, string>()
      for (const result of Object.values(await batch(client, calls, 'crm-sync:find'))) {
        for (const lead of resultOf<CrmLead[]>(result, 'crm.lead.list')) {
          if (lead.ORIGIN_ID && !found.has(lead.ORIGIN_ID)) found.set(lead.ORIGIN_ID, lead.ID)
        }
      }
      return found
    },

    /**
     * Adds leads in one batch (at most 50) on a client that never repeats a call after a network error: a
     * repeated add could create the lead twice. The caller looks the leads up by ORIGIN_ID before trying again.
     */
    async addLeads(portalId: string, leads: Map<string, Record<string, unknown>>): Promise<Map<string, AddOutcome>> {
      if (leads.size > CRM_BATCH_LIMIT) throw new Error(`at most ${CRM_BATCH_LIMIT} leads per batch`)
      const client = await clients.forPortal(portalId, { retryOnNetworkError: false })
      const keys = [...leads.keys()]
      const calls = keys.map((key) => ({
        method: 'crm.lead.add',
        params: { fields: leads.get(key), params: { REGISTER_SONET_EVENT: 'Y' } },
      }))
      const results = await batch(client, calls, 'crm-sync:add')
      const outcomes = new Map<string, AddOutcome>()
      keys.forEach((key, index) => {
        const result = results[index]
        const id = result?.isSuccess ? result.getData()?.result : undefined
        outcomes.set(
          key,
          typeof id === 'number' || typeof id === 'string' ? { leadId: String(id) } : { error: errorOf(result) },
        )
      })
      return outcomes
    },

    /** The lead or deal, or undefined when the portal no longer has it. */
    async getEntity<K extends 'lead' | 'deal'>(
      portalId: string,
      kind: K,
      id: string,
    ): Promise<(K extends 'lead' ? CrmLead : CrmDeal) | undefined> {
      const client = await clients.forPortal(portalId)
      const calls = [{ method: `crm.${kind}.list`, params: { filter: { ID: id }, select: select(kind) } }]
      const [result] = Object.values(await batch(client, calls, `crm-sync:get-${kind}`))
      return resultOf<(K extends 'lead' ? CrmLead : CrmDeal)[]>(result, `crm.${kind}.list`)[0]
    },

    /** Deals converted from these leads; every page. */
    async listDealsByLeadIds(portalId: string, leadIds: string[]): Promise<CrmDeal[]> {
      const deals: CrmDeal[] = []
      for (const ids of chunks(leadIds, CRM_BATCH_LIMIT)) {
        deals.push(...(await listAll<CrmDeal>(clients, portalId, 'crm.deal.list', { '@LEAD_ID': ids })))
      }
      return deals
    },

    /**
     * Our leads (ORIGINATOR_ID) changed since a time; every page. Leads still in the status they were created in
     * are left out: they carry no news, and after a large push they would be most of the list.
     */
    listOurLeadsChangedSince(portalId: string, since: Date): Promise<CrmLead[]> {
      const filter = { ORIGINATOR_ID: CRM_ORIGINATOR_ID, '!STATUS_ID': CRM_NEW_LEAD_STATUS }
      return listAll<CrmLead>(clients, portalId, 'crm.lead.list', filter, since)
    },

    /** Deals changed since a time that came from a lead; the caller keeps those of its own leads. */
    listDealsFromLeadsChangedSince(portalId: string, since: Date): Promise<CrmDeal[]> {
      return listAll<CrmDeal>(clients, portalId, 'crm.deal.list', { '>LEAD_ID': 0 }, since)
    },
  }
}
export type CrmGateway = ReturnType<typeof crmGateway>

const select = (kind: 'lead' | 'deal') => (kind === 'lead' ? LEAD_SELECT : DEAL_SELECT)

async function listAll<T>(
  clients: PortalClients,
  portalId: string,
  method: 'crm.lead.list' | 'crm.deal.list',
  filter: Record<string, unknown>,
  since?: Date,
): Promise<T[]> {
  const client = await clients.forPortal(portalId)
  const result = await client.actions.v2.callList.make<T>({
    method,
    params: {
      filter: since ? { ...filter, '>=DATE_MODIFY': since.toISOString() } : filter,
      select: method === 'crm.lead.list' ? LEAD_SELECT : DEAL_SELECT,
    },
    requestId: `crm-sync:${method}`,
  })
  if (!result.isSuccess) throw new Error(`${method}: ${result.getErrorMessages().join('; ')}`)
  return result.getData() ?? []
}

/** Runs one batch without halting; results come back in the order of `calls`. */
async function batch(
  client: B24OAuth,
  calls: { method: string; params: object }[],
  requestId: string,
): Promise<AjaxResult[]> {
  if (calls.length === 0) return []
  const response = await client.actions.v2.batch.make({
    calls,
    options: { isHaltOnError: false, returnAjaxResult: true, requestId },
  })
  const data = response.getData() as unknown
  if (!Array.isArray(data)) throw new Error(`batch: ${response.getErrorMessages().join('; ') || 'no results'}`)
  return data as AjaxResult[]
}

function resultOf<T>(result: AjaxResult | undefined, method: string): T {
  const data = result?.isSuccess ? (result.getData()?.result as T | undefined) : undefined
  if (data === undefined) throw new Error(`${method}: ${errorOf(result)}`)
  return data
}

/** A failed command's reason; Bitrix24 leaves the error code empty for many CRM errors. */
function errorOf(result: AjaxResult | undefined): string {
  if (!result) return 'no answer for this command'
  const messages = result.getErrorMessages()
  return messages.length > 0 ? messages.join('; ') : 'the command failed without a reason'
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = []
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size))
  return result
}

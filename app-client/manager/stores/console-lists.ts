import type { z } from 'zod'
import type { AuditEntrySchema } from '@shared/schemas/manager.schema'
import {
  PARTNER_SORTS,
  REQUEST_SORTS,
  type LeadSyncFailureSchema,
  type PartnerRow,
  type RequestRow,
  type ReturnQueueItemSchema,
} from '@shared/schemas/console.schema'
import type { ManagedClientFeedbackSchema } from '@shared/schemas/request-status.schema'
import { managerApi } from '../api/manager-api'
import { defineListStore } from '../lists/define-list-store'
import { withInstants, type ListSpec } from '../lists/list-query'

// The console's lists. Each spec names the filters kept in the URL; the query the API receives is built from
// them, so a filter unknown to the API never reaches it. The casts hand URL strings to the contract client, whose
// schemas validate them on the server (a bad value is a 400 problem the screen shows).

export const PARTNER_LIST: ListSpec = {
  filters: [
    'search',
    'country',
    'location',
    'status',
    'eligible',
    'suspended',
    'portalLinked',
    'scoreMin',
    'scoreMax',
    'tier',
  ],
  sorts: PARTNER_SORTS,
  defaultSort: 'companyName',
  defaultOrder: 'asc',
  paging: 'offset',
  pageSize: 25,
}
export const usePartnerListStore = defineListStore<PartnerRow>('console-partners', PARTNER_LIST, (query) =>
  managerApi.listPartnerTable({ query: query as never }),
)

export const REQUEST_DAYS = { from: ['createdFrom'], to: ['createdTo'] } as const
export const REQUEST_LIST: ListSpec = {
  filters: ['country', 'type', 'status', 'closeReason', 'createdFrom', 'createdTo', 'slotsMin', 'slotsMax', 'reported'],
  sorts: REQUEST_SORTS,
  defaultSort: 'createdAt',
  defaultOrder: 'desc',
  paging: 'cursor',
  pageSize: 25,
}
export const useRequestListStore = defineListStore<RequestRow>('console-requests', REQUEST_LIST, (query) =>
  managerApi.listRequestTable({ query: withInstants(query, REQUEST_DAYS) as never }),
)

export type ReturnQueueItem = z.infer<typeof ReturnQueueItemSchema>
export const RETURN_LIST: ListSpec = { filters: ['status'], paging: 'cursor', pageSize: 25 }
export const useReturnListStore = defineListStore<ReturnQueueItem>('console-returns', RETURN_LIST, (query) =>
  managerApi.listReturnQueue({ query: query as never }),
)

export type LeadSyncFailure = z.infer<typeof LeadSyncFailureSchema>
export const LEAD_SYNC_LIST: ListSpec = { filters: ['portalId'], paging: 'cursor', pageSize: 50 }
export const useLeadSyncListStore = defineListStore<LeadSyncFailure>('console-lead-sync', LEAD_SYNC_LIST, (query) =>
  managerApi.listLeadSyncFailures({ query: query as never }),
)

export type AuditEntry = z.infer<typeof AuditEntrySchema>
export const AUDIT_DAYS = { from: ['from'], to: ['to'] } as const
export const AUDIT_LIST: ListSpec = {
  filters: ['actorType', 'actorId', 'entityType', 'entityId', 'action', 'from', 'to'],
  paging: 'cursor',
  pageSize: 50,
}
export const useAuditListStore = defineListStore<AuditEntry>('console-audit', AUDIT_LIST, (query) =>
  managerApi.listAuditLog({ query: withInstants(query, AUDIT_DAYS) as never }),
)

export type ClientFeedback = z.infer<typeof ManagedClientFeedbackSchema>
export const FEEDBACK_LIST: ListSpec = { filters: ['partnerId'], paging: 'cursor', pageSize: 50 }
export const useFeedbackListStore = defineListStore<ClientFeedback>('console-feedback', FEEDBACK_LIST, (query) =>
  managerApi.listClientFeedback({ query: query as never }),
)

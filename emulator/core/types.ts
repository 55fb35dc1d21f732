/**
 * The emulator's in-memory model of Bitrix24: portals, their users and CRM data, and the apps installed on them.
 * Field names follow the REST docs (https://apidocs.bitrix24.com) where the value is exposed over REST.
 */

/** Milliseconds since the Unix epoch; injectable so tests can expire tokens and drain buckets on demand. */
export type Clock = () => number

/** App status letters: L local, F free, D demo, T trial, P paid (D:api-reference/common/system/app-info). */
export type AppStatus = 'L' | 'F' | 'D' | 'T' | 'P'

/** 1 = classic CRM, 2 = simple CRM "without leads" (D:api-reference/crm/crm-settings-mode-get). */
export type CrmMode = 1 | 2

/** Success / failure / in progress, as in STATUS_SEMANTIC_ID and STAGE_SEMANTIC_ID. */
export type Semantic = 'S' | 'F' | 'P'

export interface PortalUser {
  id: number
  name: string
  lastName: string
  email: string
  admin: boolean
  /** `M`, `F` or empty, as in `profile` (D:api-reference/common/users/profile). */
  gender: '' | 'M' | 'F'
  timeZone: string
  position: string
}

/** A row of `crm.status.list` (D:api-reference/crm/status/crm-status-list). */
export interface StatusRow {
  id: number
  entityId: string
  statusId: string
  /** Deal pipeline of a DEAL_STAGE / DEAL_STAGE_n row; null for other directories. */
  categoryId: number | null
  name: string
  sort: number
  system: boolean
  color: string | null
  /** `S`/`F` for final stages, null while in progress. */
  semantics: 'S' | 'F' | null
  /** `process`, `success`, `failure` or `apology` (EXTRA.SEMANTICS); null for directories without stages. */
  extraSemantics: string | null
}

export type MultiFieldType = 'PHONE' | 'EMAIL' | 'WEB' | 'IM'

/** One value of a multi-field (D:api-reference/crm/data-types#crm_multifield). */
export interface MultiFieldRow {
  id: number
  valueType: string
  value: string
}

export type CrmEntityKind = 'lead' | 'deal'

/** A lead or a deal. `values` holds the writable scalar fields as the caller sent them; output formatting is separate. */
export interface CrmItem {
  kind: CrmEntityKind
  id: number
  values: Record<string, unknown>
  multi: Partial<Record<MultiFieldType, MultiFieldRow[]>>
  userFields: Record<string, unknown>
  createdAt: number
  modifiedAt: number
  movedAt: number
  closedAt: number | null
  createdBy: number
  modifiedBy: number
  movedBy: number
}

/** A lead user field created with `crm.lead.userfield.add`. */
export interface UserFieldRecord {
  id: number
  entityId: 'CRM_LEAD' | 'CRM_DEAL'
  fieldName: string
  userTypeId: string
  xmlId: string | null
  sort: number
  multiple: boolean
  mandatory: boolean
  showFilter: boolean
  showInList: boolean
  editInList: boolean
  isSearchable: boolean
  settings: Record<string, unknown>
  labels: Record<string, Record<string, string>>
  list: Record<string, unknown>[]
}

/** An app as registered in the vendor console / local-app form. */
export interface AppRegistration {
  clientId: string
  clientSecret: string
  /** "Application URL": opened in the iframe once installed. */
  handlerUrl: string
  /** "Application installer URL": opened in the iframe until installFinish. Defaults to handlerUrl. */
  installUrl?: string
  /** "Installation event handler URL": receives ONAPPINSTALL. */
  installEventUrl?: string
  scopes: string[]
  status: AppStatus
  version: string
}

/** A handler registered with `event.bind` (D:api-reference/events/event-get). */
export interface EventBinding {
  id: number
  event: string
  handler: string
  authType: number
  offline: 0 | 1
}

/** A widget registered with `placement.bind` (D:api-reference/widgets/placement-get). */
export interface PlacementBinding {
  placement: string
  handler: string
  title: string
  description: string
  groupName: string
  langAll: Record<string, Record<string, string>>
  options: Record<string, unknown>
  userId: number
}

/** One app on one portal. Tokens live in the token store, keyed by member id and client id. */
export interface Installation {
  id: number
  clientId: string
  memberId: string
  applicationToken: string
  /** False until the installer calls installFinish: no events, no placements (D:settings/app-installation/installation-finish). */
  installed: boolean
  /** False after uninstall: every token is revoked. */
  active: boolean
  installedBy: number
  appOptions: Record<string, unknown>
  userOptions: Record<string, Record<string, unknown>>
  eventBindings: EventBinding[]
  placements: PlacementBinding[]
}

export interface RateLimitSettings {
  /** X in D:limits: the counter value above which requests are refused. */
  burst: number
  /** Y in D:limits: how much the counter drops per second. */
  drainPerSecond: number
}

/** What happened to one outgoing event POST; kept for assertions and the demo page. */
export interface EventDelivery {
  event: string
  handler: string
  payload: Record<string, unknown>
  outcome: 'pending' | 'delivered' | 'failed' | 'dropped'
  httpStatus?: number
  error?: string
}

export interface PortalState {
  memberId: string
  /** Reported domain; undefined means "the emulator's own host", which is what frames need. */
  domain?: string
  crmMode: CrmMode
  lang: string
  /** Offset used in DATE_* values, e.g. 120 for `+02:00`. */
  utcOffsetMinutes: number
  currency: string
  users: PortalUser[]
  rateLimit: RateLimitSettings
  bucket: { level: number; updatedAt: number }
  statuses: StatusRow[]
  leads: Map<number, CrmItem>
  deals: Map<number, CrmItem>
  userFields: UserFieldRecord[]
  installations: Map<string, Installation>
  nextId: { lead: number; deal: number; multi: number; userField: number; eventBinding: number }
  deliveries: EventDelivery[]
  /** When set, the fake portal page answers `selectUser` with this user instead of showing the picker. */
  autoSelectUserId?: number
}

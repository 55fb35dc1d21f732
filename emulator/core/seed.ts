import type { PortalUser, StatusRow } from './types'

type StatusSeed = [statusId: string, name: string, sort: number, color: string | null, extra: string | null]

/**
 * Lead stages (ENTITY_ID `STATUS`). Names, sorts and colours of NEW/CONVERTED/JUNK are the ones in the
 * `crm.status.list` answer of D:tutorials/crm/how-to-get-lists/how-to-get-stages-with-semantics.
 */
const LEAD_STATUSES: StatusSeed[] = [
  ['NEW', 'Not Processed', 10, '#00FFFF', 'process'],
  ['IN_PROCESS', 'In progress', 20, '#FFA900', 'process'],
  ['PROCESSED', 'Processed', 30, '#2FC6F6', 'process'],
  ['CONVERTED', 'Converted', 50, '#37B44A', 'success'],
  ['JUNK', 'Low-Quality Lead', 60, '#F54819', 'failure'],
]

/** Deal stages of the default pipeline (ENTITY_ID `DEAL_STAGE`), copied from D:api-reference/crm/status/crm-status-list. */
const DEAL_STAGES: StatusSeed[] = [
  ['NEW', 'New', 10, '#39A8EF', 'process'],
  ['PREPARATION', 'Document preparation', 20, '#2FC6F6', 'process'],
  ['PREPAYMENT_INVOICE', 'Prepayment invoice', 30, '#55D0E0', 'process'],
  ['EXECUTING', 'In progress', 40, '#47E4C2', 'process'],
  ['FINAL_INVOICE', 'Final invoice', 50, '#FFA900', 'process'],
  ['WON', 'Deal successful', 60, '#7BD500', 'success'],
  ['LOSE', 'Deal failed', 70, '#FF5752', 'failure'],
  ['APOLOGY', 'Failure reason analysis', 80, '#FF5752', 'apology'],
]

/** Default sources (ENTITY_ID `SOURCE`), as listed under SOURCE_ID in D:api-reference/crm/leads/crm-lead-update. */
const SOURCES: StatusSeed[] = [
  ['CALL', 'Call', 10, null, null],
  ['EMAIL', 'E-mail', 20, null, null],
  ['WEB', 'Website', 30, null, null],
  ['ADVERTISING', 'Advertising', 40, null, null],
  ['PARTNER', 'Existing client', 50, null, null],
  ['RECOMMENDATION', 'By recommendation', 60, null, null],
  ['TRADE_SHOW', 'Trade show', 70, null, null],
  ['WEBFORM', 'CRM form', 80, null, null],
  ['CALLBACK', 'Callback', 90, null, null],
  ['RC_GENERATOR', 'Sales generator', 100, null, null],
  ['STORE', 'Online store', 110, null, null],
  ['OTHER', 'Other', 120, null, null],
]

const SYSTEM_STATUS_IDS = new Set(['NEW', 'CONVERTED', 'JUNK', 'WON', 'LOSE'])
const isSystem = (statusId: string) => SYSTEM_STATUS_IDS.has(statusId.replace(/^C\d+:/, ''))

function toRows(entityId: string, seeds: StatusSeed[], firstId: number, categoryId: number | null = null): StatusRow[] {
  return seeds.map(([statusId, name, sort, color, extra], index) => ({
    id: firstId + index * 2,
    entityId,
    statusId,
    categoryId,
    name,
    sort,
    system: isSystem(statusId),
    color,
    semantics: extra === 'success' ? 'S' : extra === 'failure' || extra === 'apology' ? 'F' : null,
    extraSemantics: extra,
  }))
}

/**
 * A fresh copy of the default STATUS, DEAL_STAGE and SOURCE directories, plus one DEAL_STAGE_n directory per
 * extra pipeline, whose stage ids carry the `C{n}:` prefix (D:api-reference/crm/status/crm-status-list).
 */
export function defaultStatuses(extraDealCategories: number[] = []): StatusRow[] {
  const pipelines = extraDealCategories.flatMap((category, index) => {
    const prefixed: StatusSeed[] = DEAL_STAGES.map(([id, ...rest]) => [`C${category}:${id}`, ...rest])
    return toRows(`DEAL_STAGE_${category}`, prefixed, 1001 + index * 100, category)
  })
  return [
    ...toRows('STATUS', LEAD_STATUSES, 1),
    ...toRows('DEAL_STAGE', DEAL_STAGES, 101, 0),
    ...pipelines,
    ...toRows('SOURCE', SOURCES, 201),
  ]
}

/** One administrator and two ordinary employees. */
export function defaultUsers(): PortalUser[] {
  return [
    {
      id: 1,
      name: 'Anna',
      lastName: 'Admin',
      email: 'anna@example.test',
      admin: true,
      gender: 'F',
      timeZone: '',
      position: 'Director',
    },
    {
      id: 2,
      name: 'Boris',
      lastName: 'Sales',
      email: 'boris@example.test',
      admin: false,
      gender: 'M',
      timeZone: '',
      position: 'Sales manager',
    },
    {
      id: 3,
      name: 'Clara',
      lastName: 'Support',
      email: 'clara@example.test',
      admin: false,
      gender: 'F',
      timeZone: '',
      position: 'Account manager',
    },
  ]
}

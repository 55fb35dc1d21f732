import type { PortalState, StatusRow } from '../../core/types'
import { RestError } from '../errors'
import type { MethodTable } from '../method-types'
import { objectParam } from '../params'

/** Directories that exist on every portal besides the ones seeded with rows. */
const KNOWN_DIRECTORIES = [
  'STATUS',
  'SOURCE',
  'DEAL_STAGE',
  'DEAL_TYPE',
  'CONTACT_TYPE',
  'COMPANY_TYPE',
  'INDUSTRY',
  'HONORIFIC',
]

const emptyCodeError = (description: string) => new RestError(400, '', description)

/**
 * `crm.status.add` (D:api-reference/crm/status/crm-status-add): CRM administrators only; STATUS_ID unique in its
 * directory; stages of pipeline n get the `Cn:` prefix; no DEAL_STAGE stage may sort after the successful one.
 */
function addStatus(portal: PortalState, isAdmin: boolean, fields: Record<string, unknown>): number {
  const text = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '')
  const entityId = text(fields.ENTITY_ID)
  const missing = [
    entityId === '' && 'The field ENTITY_ID is required.',
    text(fields.STATUS_ID) === '' && 'The field STATUS_ID is required.',
  ]
  if (missing.some(Boolean)) throw emptyCodeError(missing.filter(Boolean).join(' '))
  if (!isAdmin) throw emptyCodeError('Access denied.')
  const pipeline = /^DEAL_STAGE_(\d+)$/.exec(entityId)?.[1]
  const exists = KNOWN_DIRECTORIES.includes(entityId) || portal.statuses.some((row) => row.entityId === entityId)
  if (!exists) throw emptyCodeError('Specified entity type is not supported.')
  if (text(fields.NAME) === '') throw emptyCodeError('The field Title is required.')
  const rawId = text(fields.STATUS_ID)
  const statusId = pipeline === undefined || rawId.startsWith(`C${pipeline}:`) ? rawId : `C${pipeline}:${rawId}`
  const directory = portal.statuses.filter((row) => row.entityId === entityId)
  if (directory.some((row) => row.statusId === statusId)) {
    throw new RestError(400, 'ERROR_CORE', 'The specified status ID already exists.')
  }
  const sort = Number(fields.SORT ?? 10) || 10
  const semantics = fields.SEMANTICS === 'S' || fields.SEMANTICS === 'F' ? fields.SEMANTICS : null
  const isStage = entityId === 'STATUS' || entityId.startsWith('DEAL_STAGE')
  const success = directory.find((row) => row.semantics === 'S')
  if (entityId === 'DEAL_STAGE' && semantics === null && success !== undefined && sort > success.sort) {
    throw emptyCodeError(
      'Cannot create more stages after the final stage because the final successful stage already exists. Try using sort order values less than that of the final stage.',
    )
  }
  const id = Math.max(0, ...portal.statuses.map((row) => row.id)) + 1
  const extraSemantics = semantics === 'S' ? 'success' : semantics === 'F' ? 'failure' : 'process'
  portal.statuses.push({
    id,
    entityId,
    statusId,
    categoryId: pipeline === undefined ? (entityId === 'DEAL_STAGE' ? 0 : null) : Number(pipeline),
    name: text(fields.NAME),
    sort,
    system: false,
    color: typeof fields.COLOR === 'string' ? fields.COLOR : null,
    semantics,
    extraSemantics: isStage ? extraSemantics : null,
  })
  return id
}

/** A `crm.status.list` row (D:api-reference/crm/status/crm-status-list). */
function formatStatus(row: StatusRow): Record<string, unknown> {
  return {
    ID: String(row.id),
    ENTITY_ID: row.entityId,
    STATUS_ID: row.statusId,
    NAME: row.name,
    NAME_INIT: row.system ? row.name : '',
    SORT: String(row.sort),
    SYSTEM: row.system ? 'Y' : 'N',
    CATEGORY_ID: row.categoryId === null || row.categoryId === 0 ? null : String(row.categoryId),
    COLOR: row.color,
    SEMANTICS: row.semantics,
    ...(row.extraSemantics === null ? {} : { EXTRA: { SEMANTICS: row.extraSemantics, COLOR: row.color } }),
  }
}

/** Plain equality on the printed row; the directory is small and this is all its callers use. */
function filterRows(rows: Record<string, unknown>[], filter: Record<string, unknown>) {
  const conditions = Object.entries(filter).map(([key, value]) => [key.replace(/^=/, '').toUpperCase(), value] as const)
  return rows.filter((row) => conditions.every(([field, value]) => String(row[field]) === String(value)))
}

function sortBy(rows: Record<string, unknown>[], order: Record<string, unknown>, fallback: string[]) {
  const keys = Object.keys(order).length > 0 ? Object.entries(order) : fallback.map((field) => [field, 'ASC'] as const)
  const numeric = (value: unknown) => (Number.isFinite(Number(value)) ? Number(value) : String(value))
  return [...rows].sort((a, b) => {
    for (const [field, direction] of keys) {
      const left = numeric(a[field.toUpperCase()])
      const right = numeric(b[field.toUpperCase()])
      if (left !== right) return (left < right ? -1 : 1) * (String(direction).toUpperCase() === 'DESC' ? -1 : 1)
    }
    return 0
  })
}

export const crmDirectoryMethods: MethodTable = {
  /** Stages and directories; `filter[ENTITY_ID]=STATUS|DEAL_STAGE|SOURCE`; default order SORT ASC. */
  'crm.status.list': {
    scopes: ['crm'],
    handler: ({ portal, params }) => {
      const rows = filterRows(portal.statuses.map(formatStatus), objectParam(params, 'filter'))
      const sorted = sortBy(rows, objectParam(params, 'order'), ['SORT', 'ID'])
      return { result: sorted, total: sorted.length }
    },
  },

  'crm.status.add': {
    scopes: ['crm'],
    handler: ({ portal, user, params }) => ({
      result: addStatus(portal, user.admin, objectParam(params, 'fields', true)),
    }),
  },

  /** 1 classic, 2 simple (D:api-reference/crm/crm-settings-mode-get). */
  'crm.settings.mode.get': {
    scopes: ['crm'],
    handler: ({ portal }) => ({ result: portal.crmMode }),
  },
}

export { sortBy as sortDirectoryRows, filterRows as filterDirectoryRows }

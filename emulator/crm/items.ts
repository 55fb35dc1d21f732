import type { CrmEntityKind, CrmItem, PortalState, Semantic } from '../core/types'
import { fieldSpec, fieldsOf, MULTI_FIELDS, stageField } from './fields'
import { applyMultiField, formatMultiField } from './multi-fields'
import { coerceUserFieldValue, formatUserFields, userFieldsOf } from './user-fields'
import { coerceInput, formatOutput } from './values'

/** Who writes and when; every write stamps MODIFY_BY_ID/DATE_MODIFY with these. */
export interface WriteContext {
  portal: PortalState
  now: number
  actorId: number
}

const DAY_MS = 24 * 3600 * 1000

/** Lead statuses, or the stages of one deal pipeline (DEAL_STAGE for 0, DEAL_STAGE_n with `Cn:` ids otherwise). */
export function stagesOf(portal: PortalState, kind: CrmEntityKind, categoryId = 0) {
  const entityId = kind === 'lead' ? 'STATUS' : categoryId === 0 ? 'DEAL_STAGE' : `DEAL_STAGE_${categoryId}`
  return portal.statuses.filter((row) => row.entityId === entityId).sort((a, b) => a.sort - b.sort)
}

export function categoryOf(item: CrmItem): number {
  return item.kind === 'deal' ? Number(item.values.CATEGORY_ID ?? 0) : 0
}

/** P unless the stage's directory row says S or F (D:api-reference/crm/status/crm-status-list, SEMANTICS). */
export function semanticOf(portal: PortalState, kind: CrmEntityKind, stageId: unknown, categoryId = 0): Semantic {
  return stagesOf(portal, kind, categoryId).find((row) => row.statusId === stageId)?.semantics ?? 'P'
}

export function stageOf(item: CrmItem): string {
  return String(item.values[stageField(item.kind)] ?? '')
}

/** Moves to a stage of the item's own pipeline, stamping MOVED_* and DATE_CLOSED; other stage ids are ignored. */
export function setStage(context: WriteContext, item: CrmItem, stageId: string): boolean {
  const { portal, now, actorId } = context
  const known = stagesOf(portal, item.kind, categoryOf(item)).some((row) => row.statusId === stageId)
  if (!known || stageOf(item) === stageId) return false
  item.values[stageField(item.kind)] = stageId
  item.movedAt = now
  item.movedBy = actorId
  item.closedAt = semanticOf(portal, item.kind, stageId, categoryOf(item)) === 'P' ? null : now
  return true
}

/**
 * Applies add/update `fields`: known writable fields are coerced, declared UF_* and multi-fields stored,
 * anything else ignored ("An incorrect field in fields will be ignored", D:api-reference/crm/leads/crm-lead-update).
 */
export function applyFields(context: WriteContext, item: CrmItem, fields: Record<string, unknown>): void {
  const { portal } = context
  const userFields = userFieldsOf(portal, item.kind)
  for (const [rawName, raw] of Object.entries(fields)) {
    const name = rawName.toUpperCase()
    // A deal's pipeline is chosen at creation only, see createItem.
    if (name === 'CATEGORY_ID') continue
    if (name === stageField(item.kind)) {
      setStage(context, item, String(raw))
      continue
    }
    const spec = fieldSpec(item.kind, name)
    const userField = userFields.find((field) => field.fieldName === name)
    const multiField = MULTI_FIELDS[item.kind].find((type) => type === name)
    if (spec?.writable === true) item.values[name] = coerceInput(spec.type, raw, portal.utcOffsetMinutes)
    else if (userField !== undefined)
      item.userFields[name] = coerceUserFieldValue(userField, raw, portal.utcOffsetMinutes)
    else if (multiField !== undefined) applyMultiField(portal, item, multiField, raw)
  }
  item.modifiedAt = context.now
  item.modifiedBy = context.actorId
}

function defaults(context: WriteContext, kind: CrmEntityKind, categoryId: number): Record<string, unknown> {
  const { portal, now, actorId } = context
  const common = {
    CURRENCY_ID: portal.currency,
    OPPORTUNITY: 0,
    IS_MANUAL_OPPORTUNITY: 'N',
    OPENED: 'Y',
    ASSIGNED_BY_ID: actorId,
  }
  if (kind === 'lead') return { ...common, STATUS_ID: stagesOf(portal, 'lead')[0]?.statusId ?? 'NEW' }
  const startOfDay = now - ((now + portal.utcOffsetMinutes * 60_000) % DAY_MS)
  return {
    ...common,
    TYPE_ID: 'SALE',
    STAGE_ID: stagesOf(portal, 'deal', categoryId)[0]?.statusId ?? 'NEW',
    CATEGORY_ID: categoryId,
    TAX_VALUE: 0,
    BEGINDATE: startOfDay,
    CLOSEDATE: startOfDay + 7 * DAY_MS,
    IS_RECURRING: 'N',
    IS_RETURN_CUSTOMER: 'N',
    IS_REPEATED_APPROACH: 'N',
  }
}

/** Creates a lead or deal with the portal's defaults (first stage, portal currency, caller as responsible). */
export function createItem(context: WriteContext, kind: CrmEntityKind, fields: Record<string, unknown>): CrmItem {
  const { portal, now, actorId } = context
  const id = kind === 'lead' ? portal.nextId.lead++ : portal.nextId.deal++
  // A deal's pipeline is picked when it is created; an unknown CATEGORY_ID falls back to the default pipeline.
  const requested = Number(fields.CATEGORY_ID ?? fields.category_id ?? 0)
  const categoryId = kind === 'deal' && stagesOf(portal, 'deal', requested).length > 0 ? requested : 0
  const item: CrmItem = {
    kind,
    id,
    values: defaults(context, kind, categoryId),
    multi: {},
    userFields: {},
    createdAt: now,
    modifiedAt: now,
    movedAt: now,
    closedAt: null,
    createdBy: actorId,
    modifiedBy: actorId,
    movedBy: actorId,
  }
  applyFields(context, item, fields)
  if (item.values.TITLE === undefined || item.values.TITLE === null || item.values.TITLE === '') {
    item.values.TITLE = `${kind === 'lead' ? 'Lead' : 'Deal'} #${id}`
  }
  item.closedAt = semanticOf(portal, kind, stageOf(item), categoryId) === 'P' ? null : now
  ;(kind === 'lead' ? portal.leads : portal.deals).set(id, item)
  return item
}

function computed(portal: PortalState, item: CrmItem): Record<string, unknown> {
  const semantic = semanticOf(portal, item.kind, stageOf(item), categoryOf(item))
  const hasAny = (type: 'PHONE' | 'EMAIL') => ((item.multi[type]?.length ?? 0) > 0 ? 'Y' : 'N')
  return {
    ID: item.id,
    CREATED_BY_ID: item.createdBy,
    MODIFY_BY_ID: item.modifiedBy,
    MOVED_BY_ID: item.movedBy,
    LAST_ACTIVITY_BY: item.createdBy,
    DATE_CREATE: item.createdAt,
    DATE_MODIFY: item.modifiedAt,
    MOVED_TIME: item.movedAt,
    LAST_ACTIVITY_TIME: item.createdAt,
    DATE_CLOSED: item.closedAt,
    STATUS_SEMANTIC_ID: semantic,
    STAGE_SEMANTIC_ID: semantic,
    CLOSED: semantic === 'P' ? 'N' : 'Y',
    IS_NEW: stageOf(item) === stagesOf(portal, item.kind, categoryOf(item))[0]?.statusId ? 'Y' : 'N',
    HAS_PHONE: hasAny('PHONE'),
    HAS_EMAIL: hasAny('EMAIL'),
    HAS_IMOL: 'N',
    IS_RETURN_CUSTOMER:
      item.kind === 'lead' ? (item.values.COMPANY_ID || item.values.CONTACT_ID ? 'Y' : 'N') : undefined,
  }
}

/** The full v2 row: every standard field, then UF_*, then the non-empty multi-fields. */
export function toV2Row(portal: PortalState, item: CrmItem): Record<string, unknown> {
  const extra = computed(portal, item)
  const row: Record<string, unknown> = {}
  for (const spec of fieldsOf(item.kind)) {
    const value = spec.writable ? item.values[spec.name] : (extra[spec.name] ?? item.values[spec.name])
    row[spec.name] = formatOutput(spec.type, value, portal.utcOffsetMinutes)
  }
  Object.assign(row, formatUserFields(portal, item.kind, item.userFields))
  for (const type of MULTI_FIELDS[item.kind]) {
    const rows = item.multi[type] ?? []
    if (rows.length > 0) row[type] = formatMultiField(type, rows)
  }
  return row
}

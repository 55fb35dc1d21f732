import type { CrmEntityKind, CrmItem } from '../../core/types'
import { toV2Row } from '../../crm/items'
import { matchesFilter, parseFilter, projectRow, sortRows } from '../../crm/query'
import { crmNotFound } from '../errors'
import type { CallContext, MethodTable } from '../method-types'
import { idParam, listParam, objectParam, paginate, startParam } from '../params'

function findItem({ portal, params }: CallContext, kind: CrmEntityKind): CrmItem {
  const id = idParam(params)
  const item = (kind === 'lead' ? portal.leads : portal.deals).get(id)
  if (item === undefined) throw crmNotFound()
  return item
}

/**
 * `crm.{lead|deal}.add|get|update|list` (v2, UPPER_CASE fields). Pages:
 * D:api-reference/crm/leads/crm-lead-{add,get,update,list}, D:api-reference/crm/deals/crm-deal-{add,get,update,list}.
 */
export function crmEntityMethods(kind: CrmEntityKind): MethodTable {
  const prefix = `crm.${kind}`
  return {
    /** `result` is the new id as a number, not a string. */
    [`${prefix}.add`]: {
      scopes: ['crm'],
      handler: ({ portal, params, user, services }) => {
        const fields = objectParam(params, 'fields', true)
        objectParam(params, 'params')
        return { result: services.crm.add(portal, kind, fields, { userId: user.id }).id }
      },
    },

    [`${prefix}.get`]: {
      scopes: ['crm'],
      handler: (context) => ({ result: toV2Row(context.portal, findItem(context, kind)) }),
    },

    [`${prefix}.update`]: {
      scopes: ['crm'],
      handler: (context) => {
        const item = findItem(context, kind)
        const fields = objectParam(context.params, 'fields')
        objectParam(context.params, 'params')
        context.services.crm.update(context.portal, item, fields, { userId: context.user.id })
        return { result: true }
      },
    },

    /** Filter, order, select (`*`, `UF_*`, named multi-fields) and 50-row pages with `total`/`next`. */
    [`${prefix}.list`]: {
      scopes: ['crm'],
      handler: ({ portal, params }) => {
        const conditions = parseFilter(objectParam(params, 'filter'))
        const order = objectParam(params, 'order')
        const select = listParam(params, 'select')
        const items = [...(kind === 'lead' ? portal.leads : portal.deals).values()]
        const rows = items
          .map((item) => toV2Row(portal, item))
          .filter((row) => matchesFilter(portal, kind, row, conditions))
        const { page, total, next } = paginate(sortRows(portal, kind, rows, order), startParam(params))
        return { result: page.map((row) => projectRow(kind, row, select)), total, next }
      },
    },
  }
}

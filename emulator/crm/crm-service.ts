import type { EmulatorState } from '../core/state'
import type { CrmEntityKind, CrmItem, PortalState } from '../core/types'
import type { CrmEventName, EventQueue } from '../events/event-queue'
import type { ChangeOrigin } from '../events/payloads'
import { applyFields, createItem, setStage, stageOf, type WriteContext } from './items'

/** CRM writes plus the events they raise; shared by REST methods and the control API (a user in the portal UI). */
export class CrmService {
  readonly #state: EmulatorState
  readonly #events: EventQueue

  constructor(state: EmulatorState, events: EventQueue) {
    this.#state = state
    this.#events = events
  }

  #context(portal: PortalState, origin: ChangeOrigin): WriteContext {
    return { portal, now: this.#state.now(), actorId: origin.userId }
  }

  #emit(portal: PortalState, kind: CrmEntityKind, action: 'ADD' | 'UPDATE', id: number, origin: ChangeOrigin): void {
    this.#events.emitCrm(portal, `ONCRM${kind.toUpperCase()}${action}` as CrmEventName, id, origin)
  }

  /**
   * Creates a lead or deal. In simple CRM mode a new lead with a first name is converted at once: a deal with
   * LEAD_ID appears and the lead becomes CONVERTED (D:tutorials/crm/how-to-add-crm-objects/how-to-add-objects-with-crm-mode:
   * "In simple mode, the system converts a lead into a deal when the first name is filled in").
   */
  add(portal: PortalState, kind: CrmEntityKind, fields: Record<string, unknown>, origin: ChangeOrigin): CrmItem {
    const item = createItem(this.#context(portal, origin), kind, fields)
    this.#emit(portal, kind, 'ADD', item.id, origin)
    const hasFirstName = typeof item.values.NAME === 'string' && item.values.NAME.trim() !== ''
    if (kind === 'lead' && portal.crmMode === 2 && hasFirstName) this.convertLead(portal, item, origin)
    return item
  }

  update(portal: PortalState, item: CrmItem, fields: Record<string, unknown>, origin: ChangeOrigin): void {
    applyFields(this.#context(portal, origin), item, fields)
    this.#emit(portal, item.kind, 'UPDATE', item.id, origin)
  }

  /**
   * A user moving a card to another stage in the CRM UI. Choosing CONVERTED for a lead runs the conversion,
   * as the portal's own UI does; REST updates to STATUS_ID only change the status.
   */
  move(portal: PortalState, item: CrmItem, stageId: string, origin: ChangeOrigin): CrmItem | undefined {
    if (item.kind === 'lead' && stageId === 'CONVERTED') return this.convertLead(portal, item, origin)
    const context = this.#context(portal, origin)
    if (!setStage(context, item, stageId)) return undefined
    item.modifiedAt = context.now
    item.modifiedBy = context.actorId
    this.#emit(portal, item.kind, 'UPDATE', item.id, origin)
    return undefined
  }

  /** Lead → deal: the deal carries LEAD_ID and the lead's title, amount and source; the lead becomes CONVERTED. */
  convertLead(portal: PortalState, lead: CrmItem, origin: ChangeOrigin): CrmItem {
    const copied = [
      'TITLE',
      'OPPORTUNITY',
      'CURRENCY_ID',
      'ASSIGNED_BY_ID',
      'SOURCE_ID',
      'SOURCE_DESCRIPTION',
      'COMMENTS',
    ]
    const fields: Record<string, unknown> = { LEAD_ID: lead.id }
    for (const name of copied) if (lead.values[name] !== undefined) fields[name] = lead.values[name]
    const deal = createItem(this.#context(portal, origin), 'deal', fields)
    this.#emit(portal, 'deal', 'ADD', deal.id, origin)
    if (stageOf(lead) !== 'CONVERTED') {
      const context = this.#context(portal, origin)
      setStage(context, lead, 'CONVERTED')
      lead.modifiedAt = context.now
      lead.modifiedBy = context.actorId
      this.#emit(portal, 'lead', 'UPDATE', lead.id, origin)
    }
    return deal
  }
}

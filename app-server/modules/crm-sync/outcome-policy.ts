import type { CrmDeal, CrmLead } from '../bitrix24'
import type { LeadOutcome } from '../../../shared/domain/reservation-columns'

export interface Outcome {
  outcome: LeadOutcome
  /** When the CRM says the entity closed; its last change when it does not say. */
  at: Date
}

export interface OutcomeDecision {
  outcome: Outcome | undefined
  /** The deal that decided, or the open one the lead became. */
  dealId: string | undefined
}

const dateOf = (...values: (string | null | undefined)[]) => {
  for (const value of values) {
    const time = value ? Date.parse(value) : Number.NaN
    if (!Number.isNaN(time)) return new Date(time)
  }
  return undefined
}

/**
 * Won or lost from the CRM (STATUS_SEMANTIC_ID / STAGE_SEMANTIC_ID: P in progress, S success, F failure).
 * A junk lead is lost. A converted lead is only a step, also in simple CRM mode where every lead is converted at
 * once: its deals decide. One won deal wins; lost needs every deal lost; anything else is still open.
 */
export function decideOutcome(lead: CrmLead | undefined, deals: CrmDeal[], now: Date): OutcomeDecision {
  const closed = (outcome: Outcome['outcome'], ...dates: (string | null | undefined)[]): Outcome => ({
    outcome,
    at: dateOf(...dates) ?? now,
  })
  const won = deals.find((deal) => deal.STAGE_SEMANTIC_ID === 'S')
  if (won) return { outcome: closed('won', won.CLOSEDATE, won.DATE_MODIFY), dealId: won.ID }
  const latest = [...deals].sort((a, b) => Number(b.ID) - Number(a.ID))[0]
  if (latest && deals.every((deal) => deal.STAGE_SEMANTIC_ID === 'F')) {
    return { outcome: closed('lost', latest.CLOSEDATE, latest.DATE_MODIFY), dealId: latest.ID }
  }
  if (deals.length === 0 && lead?.STATUS_SEMANTIC_ID === 'F') {
    return { outcome: closed('lost', lead.DATE_CLOSED, lead.DATE_MODIFY), dealId: undefined }
  }
  return { outcome: undefined, dealId: latest?.ID }
}

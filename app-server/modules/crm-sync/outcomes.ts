import { z } from 'zod'
import type { AppContext } from '../../context'
import { withTransaction } from '../../db/transaction'
import { emit } from '../../events'
import { CRM_ORIGINATOR_ID, saveReconcileCursor, type CrmDeal, type CrmGateway, type CrmLead } from '../bitrix24'
import { storeLeadId } from '../reservations'
import {
  findByLeadIds,
  findReservation,
  openLeadIds,
  readCursor,
  recordOutcome,
  type ReservationRow,
} from './crm-sync.repository'
import { decideOutcome, type OutcomeDecision } from './outcome-policy'
import { runOutcomeSteps } from './outcome-steps'

/** Reconciliation re-reads this much before its cursor: changes saved out of order around a run are not missed. */
const RECONCILE_OVERLAP_MS = 5 * 60_000

/**
 * Reads the lead or deal an event named and stores the reservation's outcome. Entities the app did not create
 * (no ORIGINATOR_ID of ours, or a deal from a lead that is not ours) are ignored.
 */
export async function fetchOutcome(
  ctx: AppContext,
  gateway: CrmGateway,
  change: { portalId: string; entity: 'lead' | 'deal'; id: string },
): Promise<void> {
  const { portalId } = change
  if (change.entity === 'lead') {
    const lead = await gateway.getEntity(portalId, 'lead', change.id)
    const reservation = lead ? await reservationOfLead(ctx, portalId, lead) : undefined
    if (!lead || !reservation) return
    const deals = lead.STATUS_SEMANTIC_ID === 'S' ? await gateway.listDealsByLeadIds(portalId, [lead.ID]) : []
    return apply(ctx, reservation, decideOutcome(lead, deals, ctx.clock.now()), leadProgressed(lead))
  }
  const deal = await gateway.getEntity(portalId, 'deal', change.id)
  if (!deal?.LEAD_ID) return
  const [reservation] = await findByLeadIds(ctx.db, portalId, [deal.LEAD_ID])
  if (!reservation) return
  // Every deal of the lead, not only this one: one won deal wins, lost needs all of them lost.
  const deals = await gateway.listDealsByLeadIds(portalId, [deal.LEAD_ID])
  await apply(ctx, reservation, decideOutcome(undefined, deals, ctx.clock.now()))
}

/**
 * Repairs what missed events left behind in one portal: lists our leads and the deals of our open leads changed
 * since the last run, stores lead ids a crashed push did not, and stores every outcome. The cursor is the newest
 * DATE_MODIFY seen, in the portal's own clock, so skew between the two clocks cannot hide a change.
 */
export async function reconcilePortal(ctx: AppContext, gateway: CrmGateway, portalId: string): Promise<void> {
  const cursor = await readCursor(ctx.db, portalId)
  if (!cursor) return
  const since = new Date(cursor.getTime() - RECONCILE_OVERLAP_MS)
  const leads = await gateway.listOurLeadsChangedSince(portalId, since)
  const byLead = new Map<string, { lead?: CrmLead; reservation: ReservationRow }>()
  for (const lead of leads) {
    const reservation = await reservationOfLead(ctx, portalId, lead)
    if (reservation) byLead.set(lead.ID, { lead, reservation })
  }
  const watched = new Set([...(await openLeadIds(ctx.db, portalId)), ...byLead.keys()])
  // One list of recently changed deals (usually short) instead of a call per 50 open leads.
  const changedDeals = (await gateway.listDealsFromLeadsChangedSince(portalId, since)).filter(
    (deal) => deal.LEAD_ID && watched.has(deal.LEAD_ID),
  )
  const leadsOfChangedDeals = [...new Set(changedDeals.flatMap((deal) => (deal.LEAD_ID ? [deal.LEAD_ID] : [])))]
  for (const reservation of await findByLeadIds(ctx.db, portalId, leadsOfChangedDeals)) {
    if (reservation.crmLeadId && !byLead.has(reservation.crmLeadId)) byLead.set(reservation.crmLeadId, { reservation })
  }
  const allDeals = await gateway.listDealsByLeadIds(portalId, leadsOfChangedDeals)
  for (const [leadId, { lead, reservation }] of byLead) {
    const deals = allDeals.filter((deal) => deal.LEAD_ID === leadId)
    await apply(ctx, reservation, decideOutcome(lead, deals, ctx.clock.now()), leadProgressed(lead))
  }
  await saveReconcileCursor(ctx.db, portalId, newest(cursor, [...leads, ...changedDeals]), ctx.clock.now())
  ctx.logger.info({ portalId, leads: leads.length, deals: changedDeals.length }, 'portal reconciled')
}

/** The reservation a lead of ours belongs to (ORIGIN_ID is its id); stores the lead id if a push did not. */
async function reservationOfLead(
  ctx: AppContext,
  portalId: string,
  lead: CrmLead,
): Promise<ReservationRow | undefined> {
  if (lead.ORIGINATOR_ID !== CRM_ORIGINATOR_ID) return undefined
  const [byLeadId] = await findByLeadIds(ctx.db, portalId, [lead.ID])
  if (byLeadId) return byLeadId
  const originId = z.uuid().safeParse(lead.ORIGIN_ID)
  const reservation = originId.success ? await findReservation(ctx.db, originId.data) : undefined
  if (reservation?.portalId !== portalId || reservation.crmLeadId) return undefined
  await storeLeadId(ctx.db, reservation.id, lead.ID, ctx.clock.now())
  return findReservation(ctx.db, reservation.id)
}

/** A lead moved on from the stage it was created in ("NEW"): the partner is working it. */
const leadProgressed = (lead: CrmLead | undefined) => Boolean(lead?.STATUS_ID && lead.STATUS_ID !== 'NEW')

async function apply(
  ctx: AppContext,
  reservation: ReservationRow,
  decision: OutcomeDecision,
  progressed = false,
): Promise<void> {
  const { outcome } = decision
  const changed = await withTransaction(ctx.db, async (tx) => {
    const stored = await recordOutcome(tx, reservation, {
      ...decision,
      leadProgressed: progressed,
      now: ctx.clock.now(),
    })
    // The same outcome learnt twice (event and reconciliation) is stored, and emitted, once.
    if (stored && outcome) {
      // The rating counts it in this transaction (outcome-steps.ts): no moment shows it neither open nor counted.
      await runOutcomeSteps(tx, {
        reservationId: reservation.id,
        partnerId: reservation.partnerId,
        now: ctx.clock.now(),
      })
      await emit(tx, 'reservation.outcome_recorded', {
        reservationId: reservation.id,
        partnerId: reservation.partnerId,
        outcome: outcome.outcome,
        occurredAt: outcome.at.toISOString(),
      })
    }
    return stored
  })
  if (changed) {
    ctx.logger.info({ reservationId: reservation.id, outcome: decision.outcome?.outcome }, 'reservation outcome stored')
  }
}

function newest(cursor: Date | undefined, rows: (CrmLead | CrmDeal)[]): Date | undefined {
  let latest = cursor?.getTime() ?? Number.NEGATIVE_INFINITY
  for (const row of rows) {
    const time = row.DATE_MODIFY ? Date.parse(row.DATE_MODIFY) : Number.NaN
    if (!Number.isNaN(time) && time > latest) latest = time
  }
  return Number.isFinite(latest) ? new Date(latest) : undefined
}

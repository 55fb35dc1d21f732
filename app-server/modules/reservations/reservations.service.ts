import { and, eq } from 'drizzle-orm'
import { z } from 'zod'
import { timestamp } from '../../../shared/schemas/timestamp'
import { earlyAccessEnds, laterTierAccess, visibleAt } from '../../../shared/domain/rating'
import { releaseDecision } from '../../../shared/domain/reservation-abilities'
import { reserveDecision } from '../../../shared/domain/reserve-decision'
import type { FeedQuery } from '../../../shared/schemas/feed.schema'
import type { ReservationListQuery } from '../../../shared/schemas/reservation.schema'
import type { AppContext } from '../../context'
import type { Executor, Tx } from '../../db/client'
import { requests, reservations } from '../../db/schema'
import { withTransaction } from '../../db/transaction'
import { emit } from '../../events'
import { forbidden, notFound, type AppError } from '../../errors'
import type { PartnerActor } from '../../http/auth/actors'
import { fetchLimit, keysetCursor } from '../../http/keyset-page'
import { recordReveals } from '../audit'
import { assertEligible, eligibilityFactsOf, presentProfile } from '../partners'
import type { RequestRow } from '../requests'
import { listRestrictedCountries } from '../territories'
import { endReservation } from './end-reservation'
import { countNotYetVisible, selectFeed } from './feed.repository'
import { loadPartnerFacts, type PartnerFacts, type RequestFacts } from './partner-facts.repository'
import { loadRatingLimits, type RatingLimits } from './rating-limits'
import { returnWindowEnd } from './rating.policy'
import { releaseRefusalError } from './reservation-refusals'
import { reserveRefusalError } from './reserve-refusal'
import { feedRowSummary, presentFeedItem, presentReservation } from './reservations.presenter'
import { selectMyReservations, type ReservationRow, type ReturnRow } from './reservations.repository'
import { takeSlot } from './take-slot.repository'

const feedCursor = keysetCursor({ createdAt: timestamp(), id: z.uuid() })

/** The partner's own profile: status, eligibility, locations and how much of the reservation quota is used. */
export async function getMyProfile(ctx: AppContext, actor: PartnerActor) {
  const now = ctx.clock.now()
  const facts = await sessionFacts(ctx.db, actor.partnerId)
  const limits = await loadRatingLimits(ctx.db, ctx, actor.partnerId, now)
  // The locations screen explains restricted countries instead of letting the partner choose one in vain.
  const restricted = await listRestrictedCountries(ctx.db)
  return presentProfile(
    facts.partner,
    now,
    limits.open,
    restricted.items.map((item) => item.country),
  )
}

/** @throws AppError `partner_not_found` (404) when the session's partner no longer exists. */
async function sessionFacts(
  executor: Executor,
  partnerId: string,
  options: Parameters<typeof loadPartnerFacts>[2] = {},
) {
  const facts = await loadPartnerFacts(executor, partnerId, options)
  if (!facts) throw notFound('partner_not_found', 'The partner account of this session no longer exists.')
  return facts
}

/** One partner's side of every reserve decision it meets on a page: who it is, its limits, the time. */
interface PartnerSide {
  facts: PartnerFacts
  limits: RatingLimits
  now: Date
}

/** The reserve decision for one request, and until when the partner's tier has the request ahead of lower ones. */
function partnerView(side: PartnerSide, request: RequestFacts, mine: 'active' | 'released' | null) {
  const { facts, limits, now } = side
  const decision = reserveDecision({
    now,
    partner: eligibilityFactsOf(facts.partner),
    coverage: facts.coverage,
    existing: mine,
    quota: { tier: limits.tier.id, open: limits.open, monthly: limits.monthly },
    earlyAccessHours: limits.tier.earlyAccessHours,
    request,
  })
  return {
    decision,
    earlyAccessUntil: earlyAccessEnds(request.createdAt, limits.tier, limits.tiers, now),
    laterTiers: laterTierAccess(request.createdAt, limits.tier, limits.tiers, now),
  }
}

const requestFactsOf = (
  row: Pick<RequestRow, 'country' | 'status' | 'closeReason' | 'reservedCount' | 'createdAt'>,
) => ({
  country: row.country.trim(),
  status: row.status,
  closeReason: row.closeReason,
  reservedCount: row.reservedCount,
  createdAt: row.createdAt,
})

/** The partner's side for presenting its reservations (the view of their requests). */
async function loadPartnerSide(ctx: AppContext, executor: Executor, partnerId: string): Promise<PartnerSide> {
  const now = ctx.clock.now()
  const facts = await sessionFacts(executor, partnerId)
  return { facts, limits: await loadRatingLimits(executor, ctx, partnerId, now), now }
}

/**
 * Open requests in the partner's locations, newest first, with contact details masked (rules 5.2).
 * @throws AppError the eligibility codes (403), `territory_not_covered` (403) for a country filter outside them.
 */
export async function listFeed(ctx: AppContext, actor: PartnerActor, query: FeedQuery) {
  const now = ctx.clock.now()
  const facts = await sessionFacts(ctx.db, actor.partnerId)
  const { partner, coverage } = facts
  assertEligible(partner, now)
  if (query.country && !coverage.includes(query.country)) {
    throw forbidden('territory_not_covered', `${query.country} is not one of your locations.`)
  }
  const before = feedCursor.decode(query.cursor)
  const limits = await loadRatingLimits(ctx.db, ctx, partner.id, now)
  const countries = query.country ? [query.country] : coverage
  // Early access: higher tiers see a new request first, lower ones after their tier's delay.
  const visibleFrom = publishedBefore(now, limits.tier.earlyAccessHours)
  const rows = await selectFeed(ctx.db, {
    partnerId: partner.id,
    countries,
    type: query.type,
    before: before ? { createdAt: new Date(before.createdAt), id: before.id } : undefined,
    publishedBefore: visibleFrom,
    limit: fetchLimit(query.limit),
  })
  // The requests still hidden by early access: the feed says how many are coming and when the next appears.
  const waiting = visibleFrom
    ? await countNotYetVisible(ctx.db, { countries, type: query.type, publishedAfter: visibleFrom })
    : { count: 0, oldest: null }
  const side = { facts, limits, now }
  const page = feedCursor.page(rows, query.limit, (row) => ({
    createdAt: new Date(row.created_at).toISOString(),
    id: row.id,
  }))
  return {
    items: page.items.map((row) =>
      presentFeedItem(
        row,
        partnerView(side, requestFactsOf({ ...feedRowSummary(row), status: 'open', closeReason: null }), row.my_status),
      ),
    ),
    nextCursor: page.nextCursor,
    upcoming: {
      count: waiting.count,
      nextVisibleAt: waiting.oldest ? visibleAt(waiting.oldest, limits.tier).toISOString() : null,
    },
  }
}

export type ReserveResult = { created: boolean; reservation: ReturnType<typeof presentReservation> }

/**
 * Reserves a request for the partner and reveals the client's contacts (rules 5.2). Whether it may is
 * `reserveDecision`'s answer; at most 5 partners hold one request, which the slot-taking statement enforces in
 * this transaction whatever the concurrency. Repeating is harmless: the same reservation comes back.
 * @throws AppError `request_not_found` (404); the refusals of `reserveDecision`: eligibility codes,
 *   `territory_not_covered`, `reservation_quota_exceeded`, `early_access_pending` (403);
 *   `request_fully_reserved`, `request_closed`, `reservation_previously_released` (409).
 */
export async function reserveRequest(
  ctx: AppContext,
  actor: PartnerActor,
  requestId: string,
  options: { assignTo?: string | undefined } = {},
): Promise<ReserveResult> {
  return withTransaction(ctx.db, async (tx) => {
    const now = ctx.clock.now()
    // The partner row lock serialises this partner's reservations, so its quota holds under concurrency.
    const facts = await sessionFacts(tx, actor.partnerId, { forUpdate: true, requestId })
    if (!facts.request) throw notFound('request_not_found', 'No request has this id.')
    const side = { facts, limits: await loadRatingLimits(tx, ctx, actor.partnerId, now), now }
    const { decision } = partnerView(side, facts.request, facts.existing?.status ?? null)
    if (!decision.allowed && decision.code === 'already_reserved' && facts.existing) {
      const [request] = await tx.select().from(requests).where(eq(requests.id, requestId))
      const [reservation] = await tx.select().from(reservations).where(eq(reservations.id, facts.existing.id))
      return { created: false, reservation: present(ctx, side, reservation!, request!) }
    }
    if (!decision.allowed) throw reserveRefusalError(decision)
    const taken = await takeSlot(tx, {
      requestId,
      partnerId: actor.partnerId,
      userId: actor.userId,
      portalId: actor.portalId,
      assignedUserId: options.assignTo ?? actor.userId,
      now,
    })
    if (!taken) throw await refusalAfterRace(tx, side, requestId)
    // Reactions (the lead in the partner's CRM) happen only if this transaction commits: the outbox.
    await emit(tx, 'reservation.created', {
      reservationId: taken.reservation.id,
      requestId,
      partnerId: actor.partnerId,
      portalId: taken.reservation.portalId,
    })
    return { created: true, reservation: present(ctx, side, taken.reservation, taken.request) }
  })
}

/** The newest publication time a partner with this delay may see; no bound without a delay. */
const publishedBefore = (now: Date, delayHours: number) =>
  delayHours > 0 ? new Date(now.getTime() - delayHours * 3_600_000) : undefined

/**
 * Another transaction took the last slot or closed the request between the decision and the statement: the
 * decision again, on the request as it is now, says which.
 */
async function refusalAfterRace(tx: Tx, side: PartnerSide, requestId: string): Promise<AppError> {
  const [request] = await tx.select().from(requests).where(eq(requests.id, requestId))
  if (!request) return notFound('request_not_found', 'No request has this id.')
  const { decision } = partnerView(side, requestFactsOf(request), null)
  return decision.allowed
    ? reserveRefusalError({ allowed: false, code: 'request_closed' })
    : reserveRefusalError(decision)
}

function present(
  ctx: AppContext,
  side: PartnerSide,
  reservation: ReservationRow,
  request: RequestRow,
  returned?: ReturnRow | null,
) {
  const view = partnerView(side, requestFactsOf(request), reservation.status)
  return presentReservation(reservation, request, { config: ctx.config, now: side.now, returned, request: view })
}

/**
 * Releases the partner's reservation: the slot frees for another partner and the contacts are no longer shown.
 * Only an undecided lead may be released (`releaseDecision`): a Won or Lost one stays with the partner.
 * @throws AppError `reservation_not_found` (404) when the partner holds no active reservation of the request;
 *   `lead_outcome_final` (409) when its lead is Won or Lost in the CRM.
 */
export async function releaseReservation(ctx: AppContext, actor: PartnerActor, requestId: string) {
  return withTransaction(ctx.db, async (tx) => {
    const side = await loadPartnerSide(ctx, tx, actor.partnerId)
    // Locked, so an outcome arriving from the CRM meanwhile waits for this release or sees it.
    const [held] = await tx
      .select()
      .from(reservations)
      .where(
        and(
          eq(reservations.requestId, requestId),
          eq(reservations.partnerId, actor.partnerId),
          eq(reservations.status, 'active'),
        ),
      )
      .for('update')
    if (!held) throw notFound('reservation_not_found', 'You hold no active reservation of this request.')
    const decision = releaseDecision({
      now: side.now,
      status: held.status,
      outcome: held.outcome,
      returnUntil: returnWindowEnd(held.reservedAt, ctx.config),
    })
    if (!decision.allowed) throw releaseRefusalError(decision)
    const ended = await endReservation(tx, {
      where: { reservationId: held.id },
      reason: 'partner',
      now: side.now,
      actor: { type: 'partner', id: actor.partnerId },
    })
    if (!ended) throw notFound('reservation_not_found', 'You hold no active reservation of this request.')
    return present(ctx, side, ended.reservation, ended.request)
  })
}

const reservedCursor = keysetCursor({ reservedAt: timestamp(), id: z.uuid() })

/** The partner's reservations, newest first; showing contacts is recorded in the audit log. */
export async function listMyReservations(ctx: AppContext, actor: PartnerActor, query: ReservationListQuery) {
  const side = await loadPartnerSide(ctx, ctx.db, actor.partnerId)
  const before = reservedCursor.decode(query.cursor)
  const rows = await selectMyReservations(ctx.db, {
    partnerId: actor.partnerId,
    status: query.status,
    before: before ? { reservedAt: new Date(before.reservedAt), id: before.id } : undefined,
    limit: query.limit,
  })
  const page = reservedCursor.page(rows, query.limit, (row) => ({
    reservedAt: row.reservation.reservedAt.toISOString(),
    id: row.reservation.id,
  }))
  const now = side.now
  const items = page.items.map((row) => present(ctx, side, row.reservation, row.request, row.returned))
  const revealed = items.filter((item) => item.contact !== null)
  await recordReveals(
    ctx.db,
    revealed.map((item) => ({
      at: now,
      actor: { type: 'partner', id: actor.partnerId },
      action: 'contacts.revealed',
      entity: { type: 'request', id: item.request.id },
      after: { reservationId: item.id },
    })),
  )
  return { items, nextCursor: page.nextCursor }
}

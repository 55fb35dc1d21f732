import { eq } from 'drizzle-orm'
import { z } from 'zod'
import { MAX_RESERVATIONS_PER_REQUEST } from '../../../shared/domain/reservation-rules'
import type { FeedQuery } from '../../../shared/schemas/feed.schema'
import type { ReservationListQuery } from '../../../shared/schemas/reservation.schema'
import type { AppContext } from '../../context'
import type { Executor, Tx } from '../../db/client'
import { requests, reservations } from '../../db/schema'
import { withTransaction } from '../../db/transaction'
import { AppError, conflict, forbidden, notFound } from '../../errors'
import { visibleAt, type RatingTier } from '../../../shared/domain/rating'
import type { PartnerActor } from '../../http/auth/actors'
import { decodeCursor, encodeCursor } from '../../http/cursor'
import { recordAudits } from '../audit'
import { assertEligible, presentProfile } from '../partners'
import { assertReservationAllowed, loadRatingLimits, reservationsLeft } from '../rating'
import { listRestrictedCountries } from '../territories'
import { endReservation } from './end-reservation'
import { selectFeed } from './feed.repository'
import { enqueueLeadPush } from './lead-push.job'
import { presentFeedItem, presentReservation } from './reservations.presenter'
import { loadPartnerFacts } from './partner-facts.repository'
import { selectMyReservations } from './reservations.repository'
import { takeSlot } from './take-slot.repository'

const FeedCursorSchema = z.object({ createdAt: z.iso.datetime(), id: z.uuid() })

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

/**
 * Open requests in the partner's locations, newest first, with contact details masked (rules 5.2).
 * @throws AppError the eligibility codes (403), `territory_not_covered` (403) for a country filter outside them.
 */
export async function listFeed(ctx: AppContext, actor: PartnerActor, query: FeedQuery) {
  const now = ctx.clock.now()
  const { partner, coverage } = await sessionFacts(ctx.db, actor.partnerId)
  assertEligible(partner, now)
  if (query.country && !coverage.includes(query.country)) {
    throw forbidden('territory_not_covered', `${query.country} is not one of your locations.`)
  }
  const before = query.cursor ? decodeCursor(query.cursor, FeedCursorSchema) : undefined
  const limits = await loadRatingLimits(ctx.db, ctx, partner.id, now)
  const rows = await selectFeed(ctx.db, {
    partnerId: partner.id,
    countries: query.country ? [query.country] : coverage,
    type: query.type,
    before: before ? { createdAt: new Date(before.createdAt), id: before.id } : undefined,
    // Early access: higher tiers see a new request first, lower ones after their tier's delay.
    publishedBefore: publishedBefore(now, limits.tier.earlyAccessHours),
    limit: query.limit + 1,
  })
  const quotaLeft = reservationsLeft(limits)
  const page = rows.slice(0, query.limit)
  const last = page.at(-1)
  return {
    items: page.map((row) => presentFeedItem(row, quotaLeft)),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor({ createdAt: new Date(last.created_at).toISOString(), id: last.id })
        : null,
  }
}

export type ReserveResult = { created: boolean; reservation: ReturnType<typeof presentReservation> }

/**
 * Reserves a request for the partner and reveals the client's contacts (rules 5.2). At most 5 partners
 * hold one request: the slot is taken by a conditional UPDATE in this transaction. Repeating is harmless.
 * @throws AppError eligibility codes, `territory_not_covered`, `reservation_quota_exceeded` (403);
 *   `request_fully_reserved`, `reservation_previously_released` (409); `request_not_found` (404).
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
    assertEligible(facts.partner, now)
    if (facts.existing?.status === 'active') {
      const [request] = await tx.select().from(requests).where(eq(requests.id, requestId))
      const [reservation] = await tx.select().from(reservations).where(eq(reservations.id, facts.existing.id))
      // An active reservation has no bad-lead return: returning one releases it.
      return { created: false, reservation: presentReservation(reservation!, request!, { config: ctx.config, now }) }
    }
    if (facts.existing) {
      throw conflict(
        'reservation_previously_released',
        'You released this request earlier; it went back to other partners.',
      )
    }
    const limits = await loadRatingLimits(tx, ctx, actor.partnerId, now)
    assertReservationAllowed(limits)
    const published = publishedBefore(now, limits.tier.earlyAccessHours)
    const taken = await takeSlot(tx, {
      requestId,
      partnerId: actor.partnerId,
      userId: actor.userId,
      portalId: actor.portalId,
      assignedUserId: options.assignTo ?? actor.userId,
      coverage: facts.coverage,
      publishedBefore: published,
      now,
    })
    if (!taken) throw await refusalFor(tx, requestId, facts.coverage, published, limits.tier)
    // The lead is written to the partner's CRM only if this transaction commits (the outbox).
    if (taken.reservation.portalId) await enqueueLeadPush(tx, taken.reservation.id)
    return {
      created: true,
      reservation: presentReservation(taken.reservation, taken.request, { config: ctx.config, now }),
    }
  })
}

/** The newest publication time a partner with this delay may see; no bound without a delay. */
const publishedBefore = (now: Date, delayHours: number) =>
  delayHours > 0 ? new Date(now.getTime() - delayHours * 3_600_000) : undefined

/** Why no slot was taken, read after the attempt so that slots taken meanwhile by others count. */
async function refusalFor(
  tx: Tx,
  requestId: string,
  coverage: string[],
  published: Date | undefined,
  tier: RatingTier,
): Promise<AppError> {
  const [request] = await tx.select().from(requests).where(eq(requests.id, requestId))
  if (!request) return notFound('request_not_found', 'No open request has this id.')
  if (!coverage.includes(request.country)) {
    return forbidden('territory_not_covered', 'The request comes from a country outside your locations.')
  }
  if (request.reservedCount >= MAX_RESERVATIONS_PER_REQUEST || request.closeReason === 'fully_served') {
    return conflict('request_fully_reserved', `${MAX_RESERVATIONS_PER_REQUEST} partners hold this request already.`, {
      limit: MAX_RESERVATIONS_PER_REQUEST,
    })
  }
  if (published && request.status === 'open' && request.createdAt.getTime() > published.getTime()) {
    const at = visibleAt(request.createdAt, tier)
    return new AppError({
      status: 403,
      code: 'early_access_pending',
      title: 'Forbidden',
      detail: `Partners in higher tiers see new requests first; your ${tier.id} tier may reserve this one from ${at.toISOString()}.`,
      extensions: { visibleAt: at.toISOString(), tier: tier.id },
    })
  }
  return notFound('request_not_found', 'No open request has this id.')
}

/**
 * Releases the partner's reservation: the slot frees for another partner and the contacts are no longer shown.
 * @throws AppError `reservation_not_found` (404) when the partner holds no active reservation of the request.
 */
export async function releaseReservation(ctx: AppContext, actor: PartnerActor, requestId: string) {
  return withTransaction(ctx.db, async (tx) => {
    const now = ctx.clock.now()
    const ended = await endReservation(tx, {
      where: { requestId, partnerId: actor.partnerId },
      reason: 'partner',
      now,
      actor: { type: 'partner', id: actor.partnerId },
    })
    if (!ended) throw notFound('reservation_not_found', 'You hold no active reservation of this request.')
    return presentReservation(ended.reservation, ended.request, { config: ctx.config, now })
  })
}

const ReservationCursorSchema = z.object({ reservedAt: z.iso.datetime(), id: z.uuid() })

/** The partner's reservations, newest first; showing contacts is recorded in the audit log. */
export async function listMyReservations(ctx: AppContext, actor: PartnerActor, query: ReservationListQuery) {
  await sessionFacts(ctx.db, actor.partnerId)
  const before = query.cursor ? decodeCursor(query.cursor, ReservationCursorSchema) : undefined
  const rows = await selectMyReservations(ctx.db, {
    partnerId: actor.partnerId,
    status: query.status,
    before: before ? { reservedAt: new Date(before.reservedAt), id: before.id } : undefined,
    limit: query.limit,
  })
  const page = rows.slice(0, query.limit)
  const now = ctx.clock.now()
  const items = page.map((row) =>
    presentReservation(row.reservation, row.request, { config: ctx.config, now, returned: row.returned }),
  )
  const revealed = items.filter((item) => item.contact !== null)
  await recordAudits(
    ctx.db,
    revealed.map((item) => ({
      at: now,
      actorType: 'partner' as const,
      actorId: actor.partnerId,
      action: 'contacts.revealed',
      entityType: 'request',
      entityId: item.request.id,
      after: { reservationId: item.id },
    })),
  )
  const last = page.at(-1)
  return {
    items,
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor({ reservedAt: last.reservation.reservedAt.toISOString(), id: last.reservation.id })
        : null,
  }
}

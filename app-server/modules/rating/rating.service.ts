import { and, desc, eq, gte, isNull, gt, lt, or, sql } from 'drizzle-orm'
import { ratingOutcomeKind, reservationState } from '../../../shared/domain/reservation-state'
import type { CreateAdjustmentBody } from '../../../shared/schemas/rating'
import type { AppContext } from '../../context'
import { queryRows, type Executor } from '../../db/client'
import { partners, ratingAdjustments, ratingChanges, ratingSnapshots, reservations } from '../../db/schema'
import { withTransaction } from '../../db/transaction'
import { notFound, unprocessable } from '../../errors'
import type { ManagerActor } from '../../http/auth/actors'
import { recordAudit } from '../audit'
import { loadRatingLimits, type RatingLimits } from '../reservations'
import { ratingHistory } from './rating-history'
import { presentAdjustment, presentRating } from './rating.presenter'

const HISTORY_DAYS = 180
/** A partner with more changes than this in the window sees the latest ones. */
const HISTORY_MAX_CHANGES = 2000
const DAY_MS = 86_400_000

/** The partner's rating: score, tier, limits and their use, counts, adjustments, the next tier, history. */
export async function getPartnerRating(ctx: AppContext, partnerId: string) {
  const now = ctx.clock.now()
  const limits = await loadRatingLimits(ctx.db, ctx, partnerId, now)
  const activeAdjustments = await ctx.db
    .select()
    .from(ratingAdjustments)
    .where(
      and(
        eq(ratingAdjustments.partnerId, partnerId),
        or(isNull(ratingAdjustments.expiresAt), gt(ratingAdjustments.expiresAt, now)),
      ),
    )
    .orderBy(desc(ratingAdjustments.createdAt))
  const history = await loadHistory(ctx.db, partnerId, now, limits)
  return presentRating({
    limits,
    activeAdjustments,
    history,
    earlyAccessHours: limits.tier.earlyAccessHours,
    now,
  })
}

/** Every change of the score in the window, from the stored changes, the daily snapshots and the adjustments. */
async function loadHistory(db: Executor, partnerId: string, now: Date, limits: RatingLimits) {
  const since = new Date(now.getTime() - HISTORY_DAYS * DAY_MS)
  const changes = await db
    .select()
    .from(ratingChanges)
    .where(and(eq(ratingChanges.partnerId, partnerId), gte(ratingChanges.at, since)))
    .orderBy(desc(ratingChanges.at))
    .limit(HISTORY_MAX_CHANGES)
  // The state when the window opens: the last change before it.
  const before = await db
    .select()
    .from(ratingChanges)
    .where(and(eq(ratingChanges.partnerId, partnerId), lt(ratingChanges.at, since)))
    .orderBy(desc(ratingChanges.at))
    .limit(1)
  const snapshots = await db
    .select()
    .from(ratingSnapshots)
    .where(and(eq(ratingSnapshots.partnerId, partnerId), gte(ratingSnapshots.day, since.toISOString().slice(0, 10))))
  const adjustments = await db
    .select({
      delta: ratingAdjustments.delta,
      createdAt: ratingAdjustments.createdAt,
      expiresAt: ratingAdjustments.expiresAt,
    })
    .from(ratingAdjustments)
    .where(eq(ratingAdjustments.partnerId, partnerId))
  const weightsOf = (row: { wonWeight: number; lostWeight: number; weightsAt: Date }) => ({
    won: row.wonWeight,
    lost: row.lostWeight,
    weightsAt: row.weightsAt,
  })
  return ratingHistory({
    entries: [
      ...[...changes, ...before].map((row) => ({ at: row.at, weights: weightsOf(row) })),
      ...snapshots.map((row) => ({ at: row.takenAt, weights: weightsOf(row) })),
    ],
    adjustments,
    since,
    now,
    current: { score: limits.score, tier: limits.tier },
    tiers: limits.tiers,
  })
}

async function assertPartnerExists(db: Executor, partnerId: string) {
  const [partner] = await db.select({ id: partners.id }).from(partners).where(eq(partners.id, partnerId))
  if (!partner) throw notFound('partner_not_found', 'No partner has this id.')
}

/** What a manager sees: the partner's view, every adjustment, and the latest reservations with how they ended. */
export async function getRatingForManager(ctx: AppContext, partnerId: string) {
  await assertPartnerExists(ctx.db, partnerId)
  const now = ctx.clock.now()
  const rating = await getPartnerRating(ctx, partnerId)
  const adjustments = await ctx.db
    .select()
    .from(ratingAdjustments)
    .where(eq(ratingAdjustments.partnerId, partnerId))
    .orderBy(desc(ratingAdjustments.createdAt))
  const latest = await ctx.db
    .select({
      id: reservations.id,
      requestId: reservations.requestId,
      status: reservations.status,
      crmStatus: reservations.crmStatus,
      outcome: reservations.outcome,
      releaseReason: reservations.releaseReason,
      ratingCounted: reservations.ratingCounted,
      ratingExcluded: reservations.ratingExcluded,
      reservedAt: reservations.reservedAt,
      releasedAt: reservations.releasedAt,
      outcomeAt: reservations.outcomeAt,
    })
    .from(reservations)
    .where(eq(reservations.partnerId, partnerId))
    .orderBy(desc(reservations.reservedAt))
    .limit(100)
  return {
    partnerId,
    rating,
    adjustments: adjustments.map((row) => presentAdjustment(row, now)),
    outcomes: latest.map((row) => {
      const at = row.outcomeAt ?? row.releasedAt ?? row.reservedAt
      return {
        reservationId: row.id,
        requestId: row.requestId,
        state: reservationState(row),
        kind: ratingOutcomeKind(row),
        at: at.toISOString(),
      }
    }),
  }
}

/**
 * Adds a manager's adjustment to a partner's score, audited.
 * @throws AppError `partner_not_found` (404), `adjustment_expiry_in_past` (422).
 */
export async function adjustRating(
  ctx: AppContext,
  actor: ManagerActor,
  partnerId: string,
  body: CreateAdjustmentBody,
) {
  return withTransaction(ctx.db, async (tx) => {
    const now = ctx.clock.now()
    await assertPartnerExists(tx, partnerId)
    const expiresAt = body.expiresAt ? new Date(body.expiresAt) : null
    if (expiresAt && expiresAt.getTime() <= now.getTime()) {
      throw unprocessable('adjustment_expiry_in_past', 'The adjustment would have ended already; pick a later time.')
    }
    const [created] = await tx
      .insert(ratingAdjustments)
      .values({
        partnerId,
        delta: body.delta,
        reason: body.reason,
        expiresAt,
        createdBy: actor.managerId,
        createdAt: now,
      })
      .returning()
    await recordAudit(tx, {
      at: now,
      actor: { type: 'manager', id: actor.managerId },
      action: 'rating.adjusted',
      entity: { type: 'partner', id: partnerId },
      after: { adjustmentId: created!.id, delta: body.delta, reason: body.reason, expiresAt: body.expiresAt ?? null },
    })
    return presentAdjustment(created!, now)
  })
}

/**
 * Stores today's state of every partner with a rating or an adjustment, for the history chart. Run hourly, the
 * last run of a day stays as that day's snapshot. One statement, whatever the number of partners.
 * @returns how many snapshots were written.
 */
export async function snapshotRatings(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now()
  const day = now.toISOString().slice(0, 10)
  const at = now.toISOString()
  const written = await queryRows<{ one: number }>(
    ctx.db,
    sql`insert into rating_snapshots (partner_id, day, won_weight, lost_weight, weights_at, adjustment_total, taken_at)
        select p.id, ${day}::date, coalesce(pr.won_weight, 0), coalesce(pr.lost_weight, 0),
               coalesce(pr.weights_at, ${at}::timestamptz),
               coalesce((select sum(a.delta)::int from rating_adjustments a where a.partner_id = p.id
                         and (a.expires_at is null or a.expires_at > ${at}::timestamptz)), 0),
               ${at}::timestamptz
        from partners p
        left join partner_ratings pr on pr.partner_id = p.id
        where pr.partner_id is not null or exists (select 1 from rating_adjustments a where a.partner_id = p.id)
        on conflict (partner_id, day) do update set
          won_weight = excluded.won_weight, lost_weight = excluded.lost_weight, weights_at = excluded.weights_at,
          adjustment_total = excluded.adjustment_total, taken_at = excluded.taken_at
        returning 1 as one`,
  )
  return written.length
}

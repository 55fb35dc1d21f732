import { sql } from 'drizzle-orm'
import {
  EMPTY_WEIGHTS,
  RESERVATION_WINDOW_DAYS,
  ratingScore,
  tierFor,
  type RatingTier,
  type RatingWeights,
} from '../../../shared/domain/rating'
import type { AppContext } from '../../context'
import { queryRows, type Executor } from '../../db/client'
import { ratingTiers, reservationWindowStart } from './rating.policy'

const DAY_MS = 86_400_000

/**
 * A partner's rating as the limits see it, read in one round trip. The limits live with reservations, which
 * enforce them on every reserve and feed; the rating module, above, shows them on its screens.
 */
export interface RatingLimits {
  weights: RatingWeights
  adjustmentDeltas: number[]
  score: number
  tier: RatingTier
  tiers: RatingTier[]
  open: { limit: number; used: number }
  monthly: { limit: number; used: number; resetsAt: Date | null }
  /**
   * What the rating counted, read in the same statement as the open reservations: an outcome is counted in the
   * transaction that stores it, so one snapshot never shows a reservation as neither open nor counted.
   */
  counted: { won: number; lost: number; expired: number; returned: number; returnPending: number }
}

interface LimitsRow {
  won_weight: number | null
  lost_weight: number | null
  weights_at: string | Date | null
  deltas: number[]
  won_count: number | null
  lost_count: number | null
  expired_count: number | null
  returned_count: number | null
  return_pending_count: number
  open_count: number
  window_count: number
}

/**
 * The partner's score, tier and how much of each limit is used. Reads the partner's own rows only (its rating
 * row, its active adjustments, its reservations of the last 30 days through the partner index). A reservation the
 * rating excludes (a confirmed bad lead, a request rejected as spam) counts against no limit.
 */
export async function loadRatingLimits(
  executor: Executor,
  ctx: AppContext,
  partnerId: string,
  now: Date,
): Promise<RatingLimits> {
  const since = reservationWindowStart(now).toISOString()
  const [row] = await queryRows<LimitsRow>(
    executor,
    sql`select pr.won_weight, pr.lost_weight, pr.weights_at,
          pr.won_count, pr.lost_count, pr.expired_count, pr.returned_count,
          coalesce((select array_agg(a.delta) from rating_adjustments a
                    where a.partner_id = ${partnerId}::uuid
                      and (a.expires_at is null or a.expires_at > ${now.toISOString()}::timestamptz)), '{}') as deltas,
          (select count(*)::int from reservations r
            where r.partner_id = ${partnerId}::uuid and r.status = 'active' and r.outcome is null
              and not r.rating_excluded) as open_count,
          (select count(*)::int from reservation_returns rr
            where rr.partner_id = ${partnerId}::uuid and rr.status = 'pending') as return_pending_count,
          (select count(*)::int from reservations r
            where r.partner_id = ${partnerId}::uuid and r.reserved_at > ${since}::timestamptz
              and not r.rating_excluded) as window_count
        from (select 1) one
        left join partner_ratings pr on pr.partner_id = ${partnerId}::uuid`,
  )
  const weights: RatingWeights =
    row && row.weights_at !== null
      ? { won: Number(row.won_weight), lost: Number(row.lost_weight), weightsAt: new Date(row.weights_at) }
      : EMPTY_WEIGHTS(now)
  const adjustmentDeltas = (row?.deltas ?? []).map(Number)
  const tiers = ratingTiers(ctx.config)
  const score = ratingScore(weights, adjustmentDeltas, now)
  const tier = tierFor(score, tiers)
  const used = row?.window_count ?? 0
  const freeing =
    used >= tier.monthlyLimit ? await nextFreeing(executor, partnerId, since, used - tier.monthlyLimit) : undefined
  return {
    weights,
    adjustmentDeltas,
    score,
    tier,
    tiers,
    open: { limit: tier.openLimit, used: row?.open_count ?? 0 },
    monthly: {
      limit: tier.monthlyLimit,
      used,
      resetsAt: freeing ? new Date(new Date(freeing).getTime() + RESERVATION_WINDOW_DAYS * DAY_MS) : null,
    },
    counted: {
      won: row?.won_count ?? 0,
      lost: row?.lost_count ?? 0,
      expired: row?.expired_count ?? 0,
      returned: row?.returned_count ?? 0,
      // A returned lead waits for a manager between open and returned (or lost): counted here meanwhile.
      returnPending: row?.return_pending_count ?? 0,
    },
  }
}

/**
 * With `used` reservations in the window and room for `limit`, one more fits when the (used - limit + 1)-th
 * oldest leaves the window: read only when the limit is reached.
 */
async function nextFreeing(executor: Executor, partnerId: string, since: string, skip: number) {
  const [row] = await queryRows<{ reserved_at: string | Date }>(
    executor,
    sql`select r.reserved_at from reservations r
        where r.partner_id = ${partnerId}::uuid and r.reserved_at > ${since}::timestamptz and not r.rating_excluded
        order by r.reserved_at asc offset ${skip} limit 1`,
  )
  return row?.reserved_at
}

import { RESERVATION_WINDOW_DAYS } from '../../../shared/domain/rating'
import type { ReserveRefusal } from '../../../shared/domain/reserve-decision'
import { MAX_RESERVATIONS_PER_REQUEST } from '../../../shared/domain/reservation-rules'
import { AppError, conflict, forbidden } from '../../errors'
import { eligibilityError } from '../partners'

/** The problem the API answers for a refusal of `reserveDecision`: its code, status, words and extensions. */
export function reserveRefusalError(refusal: ReserveRefusal): AppError {
  switch (refusal.code) {
    case 'partner_not_approved':
    case 'tutorial_not_completed':
    case 'partner_suspended':
      return eligibilityError(refusal)
    case 'already_reserved':
      return conflict(refusal.code, 'You hold a reservation of this request already.')
    case 'reservation_previously_released':
      return conflict(refusal.code, 'You released this request earlier; it went back to other partners.')
    case 'reservation_quota_exceeded':
      return new AppError({
        status: 403,
        code: refusal.code,
        title: 'Forbidden',
        detail:
          refusal.quota === 'open'
            ? `You hold ${refusal.used} open reservations, the most your ${refusal.tier} tier allows at once (${refusal.limit}). ` +
              'Release one or record its outcome in your CRM first.'
            : `You made ${refusal.used} reservations in the last ${RESERVATION_WINDOW_DAYS} days, the most your ${refusal.tier} tier allows (${refusal.limit}).`,
        extensions: {
          quota: refusal.quota,
          tier: refusal.tier,
          limit: refusal.limit,
          used: refusal.used,
          resetsAt: refusal.resetsAt?.toISOString() ?? null,
        },
      })
    case 'territory_not_covered':
      return forbidden(refusal.code, 'The request comes from a country outside your locations.')
    case 'request_fully_reserved':
      return conflict(refusal.code, `${MAX_RESERVATIONS_PER_REQUEST} partners hold this request already.`, {
        limit: refusal.limit,
      })
    case 'request_closed':
      return conflict(refusal.code, 'The request is closed and takes no new reservations.')
    case 'early_access_pending':
      return new AppError({
        status: 403,
        code: refusal.code,
        title: 'Forbidden',
        detail: `Partners in higher tiers see new requests first; your ${refusal.tier} tier may reserve this one from ${refusal.visibleAt.toISOString()}.`,
        extensions: { visibleAt: refusal.visibleAt.toISOString(), tier: refusal.tier },
      })
  }
}

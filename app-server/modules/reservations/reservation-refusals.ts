import type { ReleaseDecision, ReturnDecision } from '../../../shared/domain/reservation-abilities'
import type { AppError } from '../../errors'
import { conflict, notFound, unprocessable } from '../../errors'

type Refused<D> = Exclude<D, { allowed: true }>

const NOT_HELD = 'You hold no active reservation of this request.'

/** The problem the API answers when `releaseDecision` refuses. */
export function releaseRefusalError(refusal: Refused<ReleaseDecision>): AppError {
  if (refusal.code === 'reservation_not_found') return notFound(refusal.code, NOT_HELD)
  return conflict(
    refusal.code,
    refusal.outcome === 'won'
      ? 'This lead is Won in your CRM: the client is yours, so the reservation and its contacts stay with you.'
      : 'This lead is Lost in your CRM: it is finished and counted, so there is nothing to release.',
    { outcome: refusal.outcome },
  )
}

/** The problem the API answers when `returnDecision` refuses. */
export function returnRefusalError(refusal: Refused<ReturnDecision>, windowDays: number): AppError {
  switch (refusal.code) {
    case 'reservation_not_found':
      return notFound(refusal.code, NOT_HELD)
    case 'won_cannot_be_returned':
      return unprocessable(refusal.code, 'This lead is Won in your CRM; it was not a bad lead.')
    case 'return_window_closed':
      return unprocessable(
        refusal.code,
        `Bad leads can be returned within ${windowDays} days of reserving; this one until ${refusal.returnUntil.toISOString()}.`,
        { returnUntil: refusal.returnUntil.toISOString() },
      )
  }
}

import { and, eq } from 'drizzle-orm'
import type { ReleaseReason } from '../../../shared/domain/rating'
import type { Executor } from '../../db/client'
import { reservations } from '../../db/schema'
import { recordAudit, type AuditActor } from '../audit'
import { releaseSlot } from '../requests'
import type { ReservationRow } from './reservations.repository'

export interface EndReservationInput {
  /** Which reservation: by its id, or by the request and the partner holding it. */
  where: { reservationId: string } | { requestId: string; partnerId: string }
  reason: ReleaseReason
  now: Date
  actor: AuditActor
}

/**
 * Ends an active reservation in the caller's transaction: the slot frees for another partner, the partner's
 * access to the contacts ends, and the audit log says why. The same path serves a partner's release, an
 * expiry for no progress and a bad-lead return.
 * @returns the released reservation and its request, or undefined when no active reservation matched.
 */
export async function endReservation(tx: Executor, input: EndReservationInput) {
  const { where, now } = input
  const match =
    'reservationId' in where
      ? eq(reservations.id, where.reservationId)
      : and(eq(reservations.requestId, where.requestId), eq(reservations.partnerId, where.partnerId))
  const [released] = await tx
    .update(reservations)
    .set({ status: 'released', releasedAt: now, releaseReason: input.reason })
    .where(and(match, eq(reservations.status, 'active')))
    .returning()
  if (!released) return undefined
  const request = await releaseSlot(tx, released.requestId, now)
  await recordAudit(tx, {
    at: now,
    actor: { type: input.actor.type, id: input.actor.id },
    action: input.reason === 'partner' ? 'reservation.released' : `reservation.${input.reason}`,
    entity: { type: 'reservation', id: released.id },
    before: { status: 'active' },
    after: { status: 'released', reason: input.reason, requestId: released.requestId },
  })
  return { reservation: released as ReservationRow, request }
}

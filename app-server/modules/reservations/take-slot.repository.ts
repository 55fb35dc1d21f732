import { eq, sql } from 'drizzle-orm'
import { queryRows, type Executor } from '../../db/client'
import { reservations } from '../../db/schema'
import type { AuditAction } from '../audit'
import { currentRequestId } from '../../request-context'
import { takeSlotUpdate, type RequestRow } from '../requests'

export interface TakeSlotInput {
  requestId: string
  partnerId: string
  userId: string | null
  /** The portal the partner reserved from; its CRM will receive the lead. */
  portalId: string | null
  /** The Bitrix24 user the lead goes to; the reserving user by default. */
  assignedUserId: string | null
  now: Date
}

type RawRow = Record<string, unknown>

// The statement below writes its own audit rows; their actions still come from the audit log's vocabulary.
const RESERVATION_CREATED = 'reservation.created' satisfies AuditAction
const CONTACTS_REVEALED = 'contacts.revealed' satisfies AuditAction

/**
 * Takes one of the request's 5 slots, records the reservation and its audit entries, in one statement: the one
 * place outside their owners that writes `requests` and `audit_log`, so that the reserve hot path is one round
 * trip. The request's part comes from the requests module's lifecycle (`takeSlotUpdate`: the conditional UPDATE
 * that is the 5-partner cap under concurrency, and the close as fully served); the audit rows follow the audit
 * module's columns. Whether the partner may reserve at all was decided before (`reserveDecision`); the statement
 * re-checks only what another transaction can change meanwhile, the request's status and free slots. The request's
 * country and publication time never change, and the partner's coverage and tier were read in this transaction
 * under its row lock, so checking territory or early access again here would guard nothing.
 * @returns the updated request and the new reservation, or undefined when no slot was taken.
 */
export async function takeSlot(executor: Executor, input: TakeSlotInput) {
  const now = input.now.toISOString()
  const [row] = await queryRows<RawRow>(
    executor,
    sql`with slot as (
          ${takeSlotUpdate(input.requestId, input.now)}
        ), reservation as (
          insert into reservations (request_id, partner_id, reserved_by_user_id, portal_id, reserved_at,
                                    assigned_user_id, crm_status)
          select id, ${input.partnerId}::uuid, ${input.userId}, ${input.portalId}::uuid, ${now}::timestamptz,
                 ${input.assignedUserId ?? input.userId},
                 case when ${input.portalId}::uuid is null then 'not_synced' else 'pending' end
          from slot
          returning id, request_id
        ), audit as (
          insert into audit_log (at, actor_type, actor_id, action, entity_type, entity_id, after, request_id)
          select ${now}::timestamptz, 'partner', ${input.partnerId}, ${RESERVATION_CREATED}::text, 'reservation', r.id::text,
                 jsonb_build_object('requestId', r.request_id, 'userId', ${input.userId}::text), ${currentRequestId() ?? null}
          from reservation r
          union all
          select ${now}::timestamptz, 'partner', ${input.partnerId}, ${CONTACTS_REVEALED}::text, 'request', r.request_id::text,
                 jsonb_build_object('reservationId', r.id), ${currentRequestId() ?? null}
          from reservation r
        )
        select slot.*, r.id as r_id from slot, reservation r`,
  )
  if (!row) return undefined
  // Read back through Drizzle, so the reservation has one mapping of its many columns.
  const [reservation] = await executor
    .select()
    .from(reservations)
    .where(eq(reservations.id, row.r_id as string))
  return { request: toRequestRow(row), reservation: reservation! }
}

const date = (value: unknown) => new Date(value as string | Date)
const optionalDate = (value: unknown) => (value === null || value === undefined ? null : date(value))

/** Maps a raw `requests` row (snake_case, driver-typed) to the shape Drizzle selects. */
export function toRequestRow(row: RawRow): RequestRow {
  return {
    id: row.id as string,
    country: row.country as string,
    city: row.city as string,
    types: row.types as string[],
    description: row.description as string,
    usersCount: row.users_count as number,
    preferredLanguage: row.preferred_language as string,
    contactName: row.contact_name as string,
    contactCompany: (row.contact_company as string | null) ?? null,
    contactEmail: row.contact_email as string,
    contactPhone: row.contact_phone as string,
    consentedAt: date(row.consented_at),
    status: row.status as RequestRow['status'],
    closeReason: (row.close_reason as RequestRow['closeReason']) ?? null,
    reservedCount: row.reserved_count as number,
    statusTokenHash: row.status_token_hash as string,
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
    expiresAt: date(row.expires_at),
    closedAt: optionalDate(row.closed_at),
    erasedAt: optionalDate(row.erased_at),
  }
}

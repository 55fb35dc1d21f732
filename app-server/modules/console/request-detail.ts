import { eq, sql } from 'drizzle-orm'
import { maskContactDetails } from '../../../shared/domain/mask-contacts'
import type { AppContext } from '../../context'
import { queryRows } from '../../db/client'
import { requests } from '../../db/schema'
import { notFound } from '../../errors'
import type { ManagerActor } from '../../http/auth/actors'
import { recordReveals } from '../audit'
import { presentReservation, selectReservations } from './console-reservations'
import { presentRequestRow } from './request-table'

/** Requests have at most 5 active reservations, but released ones stay; this bounds the page. */
const MAX_RESERVATIONS_SHOWN = 200

async function findRequest(ctx: AppContext, id: string) {
  const [row] = await ctx.db.select().from(requests).where(eq(requests.id, id))
  if (!row) throw notFound('request_not_found', 'No request has this id.')
  return row
}

/** A request without contact details, with every reservation of it and how each ended. */
export async function getRequestDetail(ctx: AppContext, id: string) {
  const row = await findRequest(ctx, id)
  const reservationRows = await selectReservations(ctx.db, sql`res.request_id = ${id}::uuid`, MAX_RESERVATIONS_SHOWN)
  const [returns] = await queryRows<{ n: number }>(
    ctx.db,
    sql`select count(*)::int as n from reservation_returns where request_id = ${id}::uuid`,
  )
  return {
    ...presentRequestRow({
      id: row.id,
      country: row.country,
      city: row.city,
      types: row.types,
      users_count: row.usersCount,
      status: row.status,
      close_reason: row.closeReason,
      reserved_count: row.reservedCount,
      created_at: row.createdAt,
      closed_at: row.closedAt,
      erased: row.erasedAt !== null,
      returns: returns?.n ?? 0,
    }),
    description: maskContactDetails(row.description),
    preferredLanguage: row.preferredLanguage,
    expiresAt: row.expiresAt.toISOString(),
    reservations: reservationRows.map(presentReservation),
  }
}

/**
 * The client's contact details for a manager whose role may see them (checked by the route), recorded as
 * `contacts.revealed` once per request, manager and day. The audit entry holds no contact value.
 */
export async function revealRequestContacts(ctx: AppContext, actor: ManagerActor, id: string) {
  const row = await findRequest(ctx, id)
  await recordReveals(ctx.db, [
    {
      at: ctx.clock.now(),
      actor: { type: 'manager', id: actor.managerId },
      action: 'contacts.revealed',
      entity: { type: 'request', id },
      after: { via: 'console' },
    },
  ])
  return {
    requestId: row.id,
    name: row.contactName,
    company: row.contactCompany,
    email: row.contactEmail,
    phone: row.contactPhone,
    description: row.description,
    erased: row.erasedAt !== null,
  }
}

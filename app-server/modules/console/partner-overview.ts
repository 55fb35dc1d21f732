import { desc, eq, sql } from 'drizzle-orm'
import type { AppContext } from '../../context'
import { queryRows } from '../../db/client'
import { portalLinkCodes, portals } from '../../db/schema'
import { listAudit } from '../audit'
import { getPartner } from '../partners'
import { getRatingForManager } from '../rating'
import { listClientFeedback } from '../requests'
import { presentReservation, selectReservations } from './console-reservations'

const RESERVATIONS_SHOWN = 50
const LINK_CODES_SHOWN = 20
const FEEDBACK_SHOWN = 20
const AUDIT_SHOWN = 30

/**
 * The partner page in one answer, built from the same services as the separate endpoints (partner, rating,
 * client feedback, audit log), plus what only this page shows: reservations with their CRM state, portals and
 * the link codes issued (their state only: a code is stored as a hash and shown once, when issued).
 * @throws AppError `partner_not_found` (404).
 */
export async function getPartnerOverview(ctx: AppContext, partnerId: string) {
  const partner = await getPartner(ctx, partnerId)
  const now = ctx.clock.now()
  const [rating, reservationRows, counted, portalRows, codes, feedback, audit] = await Promise.all([
    getRatingForManager(ctx, partnerId),
    selectReservations(ctx.db, sql`res.partner_id = ${partnerId}::uuid`, RESERVATIONS_SHOWN),
    queryRows<{ n: number }>(
      ctx.db,
      sql`select count(*)::int as n from reservations where partner_id = ${partnerId}::uuid`,
    ),
    ctx.db.select().from(portals).where(eq(portals.partnerId, partnerId)).orderBy(desc(portals.installedAt)),
    ctx.db
      .select()
      .from(portalLinkCodes)
      .where(eq(portalLinkCodes.partnerId, partnerId))
      .orderBy(desc(portalLinkCodes.createdAt))
      .limit(LINK_CODES_SHOWN),
    listClientFeedback(ctx, { partnerId, limit: FEEDBACK_SHOWN }),
    partnerAudit(ctx, partnerId),
  ])
  return {
    partner,
    rating,
    reservations: reservationRows.map(presentReservation),
    reservationCount: counted[0]?.n ?? 0,
    portals: portalRows.map((row) => ({
      id: row.id,
      memberId: row.memberId,
      domain: row.domain,
      status: row.status,
      partnerId: row.partnerId,
      crmMode: row.crmMode,
      lastError: row.lastError,
      installedAt: row.installedAt.toISOString(),
      uninstalledAt: row.uninstalledAt ? row.uninstalledAt.toISOString() : null,
    })),
    linkCodes: codes.map((code) => ({
      id: code.id,
      createdAt: code.createdAt.toISOString(),
      expiresAt: code.expiresAt.toISOString(),
      usedAt: code.usedAt ? code.usedAt.toISOString() : null,
      usedByPortalId: code.usedByPortalId,
      state: code.usedAt ? ('used' as const) : code.expiresAt <= now ? ('expired' as const) : ('active' as const),
    })),
    feedback,
    audit,
  }
}

/** The latest entries about the partner (changes by managers) and by it (reservations, returns), newest first. */
async function partnerAudit(ctx: AppContext, partnerId: string) {
  const [about, by] = await Promise.all([
    listAudit(ctx.db, { entityType: 'partner', entityId: partnerId, limit: AUDIT_SHOWN }),
    listAudit(ctx.db, { actorType: 'partner', actorId: partnerId, limit: AUDIT_SHOWN }),
  ])
  const items = [...about.items, ...by.items].sort((a, b) => b.id - a.id).slice(0, AUDIT_SHOWN)
  return { items, nextCursor: null }
}

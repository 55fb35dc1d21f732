import { sql } from 'drizzle-orm'
import { z } from 'zod'
import type { PortalStatus } from '../../../shared/domain/portal-statuses'
import { timestamp } from '../../../shared/schemas/timestamp'
import type { AppContext } from '../../context'
import { queryRows, type Executor } from '../../db/client'
import { fetchLimit, keysetCursor } from '../../http/keyset-page'
import { LEAD_PUSH_JOB } from '../crm-sync'
import { at, iso, isoOrNull } from './console-sql'

interface FailureRow {
  reservation_id: string
  request_id: string
  partner_id: string
  partner_name: string
  portal_id: string | null
  portal_domain: string | null
  reserved_at: Date | string
  last_error: string | null
  attempts: number | null
}

export const failureCursor = keysetCursor({ reservedAt: timestamp(), id: z.uuid() })
type Cursor = NonNullable<ReturnType<typeof failureCursor.decode>>

/** Failed lead pushes, oldest first (`reservations_crm_pending_idx`), with the portal, partner and last error. */
export function selectFailures(db: Executor, portalId: string | undefined, after: Cursor | undefined, limit: number) {
  const portal = portalId ? sql`and res.portal_id = ${portalId}::uuid` : sql``
  const page = after
    ? sql`and (res.reserved_at, res.id) > (${at(new Date(after.reservedAt))}, ${after.id}::uuid)`
    : sql``
  return queryRows<FailureRow>(
    db,
    sql`select res.id as reservation_id, res.request_id, res.partner_id, p.company_name as partner_name,
          res.portal_id, po.domain as portal_domain, res.reserved_at,
          coalesce(res.crm_last_error, j.last_error) as last_error, j.attempts
        from reservations res
        join partners p on p.id = res.partner_id
        left join portals po on po.id = res.portal_id
        left join jobs j on j.name = ${LEAD_PUSH_JOB.name} and j.key = res.id::text
        where res.crm_status = 'failed' ${portal} ${page}
        order by res.reserved_at, res.id
        limit ${limit}`,
  )
}

export function presentFailure(row: FailureRow) {
  return {
    reservationId: row.reservation_id,
    requestId: row.request_id,
    partnerId: row.partner_id,
    partnerName: row.partner_name,
    portalId: row.portal_id,
    portalDomain: row.portal_domain,
    reservedAt: iso(row.reserved_at),
    lastError: row.last_error,
    attempts: row.attempts ?? 0,
  }
}

export const failureKeys = (row: FailureRow) => ({ reservedAt: iso(row.reserved_at), id: row.reservation_id })

/** @throws AppError `invalid_cursor` (400). */
export async function listLeadSyncFailures(
  ctx: AppContext,
  query: { portalId?: string | undefined; cursor?: string | undefined; limit: number },
) {
  const rows = await selectFailures(ctx.db, query.portalId, failureCursor.decode(query.cursor), fetchLimit(query.limit))
  const page = failureCursor.page(rows, query.limit, failureKeys)
  const byPortal = await queryRows<{ portal_id: string | null; portal_domain: string | null; failures: number }>(
    ctx.db,
    sql`select res.portal_id, po.domain as portal_domain, count(*)::int as failures
        from reservations res left join portals po on po.id = res.portal_id
        where res.crm_status = 'failed'
        group by res.portal_id, po.domain
        order by failures desc, po.domain`,
  )
  return {
    items: page.items.map(presentFailure),
    byPortal: byPortal.map((row) => ({
      portalId: row.portal_id,
      portalDomain: row.portal_domain,
      failures: row.failures,
    })),
    nextCursor: page.nextCursor,
  }
}

interface PortalStateRow {
  id: string
  domain: string
  member_id: string
  status: PortalStatus
  partner_id: string | null
  partner_name: string | null
  app_version: number | null
  last_event_at: Date | string | null
  last_error: string | null
  installed_at: Date | string
  uninstalled_at: Date | string | null
  failed_leads: number
}

/** Every portal the app was installed on, newest install first, with its state and failed leads. */
export async function listPortalStates(ctx: AppContext, query: { status?: PortalStatus | undefined }) {
  const status = query.status ? sql`where po.status = ${query.status}` : sql``
  const rows = await queryRows<PortalStateRow>(
    ctx.db,
    sql`select po.id, po.domain, po.member_id, po.status, po.partner_id, p.company_name as partner_name,
          po.app_version, po.last_event_at, po.last_error, po.installed_at, po.uninstalled_at,
          coalesce(f.failed, 0)::int as failed_leads
        from portals po
        left join partners p on p.id = po.partner_id
        left join (select portal_id, count(*) as failed from reservations
                   where crm_status = 'failed' group by portal_id) f on f.portal_id = po.id
        ${status}
        order by po.installed_at desc, po.id`,
  )
  return {
    items: rows.map((row) => ({
      id: row.id,
      domain: row.domain,
      memberId: row.member_id,
      status: row.status,
      partnerId: row.partner_id,
      partnerName: row.partner_name,
      appVersion: row.app_version,
      lastEventAt: isoOrNull(row.last_event_at),
      lastError: row.last_error,
      installedAt: iso(row.installed_at),
      uninstalledAt: isoOrNull(row.uninstalled_at),
      failedLeads: row.failed_leads,
    })),
  }
}

import { eq } from 'drizzle-orm'
import request from 'supertest'
import { expect } from 'vitest'
import { reservations } from '../../app-server/db/schema'
import type { PortalEmulator, PortalHandle } from '../../emulator'
import type { linkedPortal } from './emulated-portal'
import { givenRequest } from './factories'
import type { TestApp } from './test-app'

type LinkedPortal = Awaited<ReturnType<typeof linkedPortal>>

/** Each linked portal's partner reserves `perPortal` new requests; the reservation ids by portal member id. */
export async function reserveThroughPortals(
  t: TestApp,
  portals: LinkedPortal[],
  perPortal: number,
): Promise<Map<string, string[]>> {
  const reservationIds = new Map<string, string[]>()
  for (const { portal, headers } of portals) {
    const ids: string[] = []
    for (let i = 0; i < perPortal; i++) {
      const target = await givenRequest(t)
      const reserved = await request(t.app).post(`/api/partner/requests/${target.id}/reservation`).set(headers)
      expect(reserved.status).toBe(201)
      ids.push(reserved.body.id as string)
    }
    reservationIds.set(portal.memberId, ids)
  }
  return reservationIds
}

/** 10% each of overload (503), operating-time limit (429) and internal errors (500): about 30% of calls fail. */
export function failThirtyPercentOfCalls(emulator: PortalEmulator): void {
  emulator.faults.errorRate({
    rate: 0.1,
    status: 503,
    body: { error: 'QUERY_LIMIT_EXCEEDED', error_description: 'Too many requests' },
  })
  emulator.faults.errorRate({
    rate: 0.1 / 0.9,
    status: 429,
    body: { error: 'OPERATION_TIME_LIMIT', error_description: 'Method is blocked due to operation time limit.' },
  })
  emulator.faults.errorRate({
    rate: 0.1 / 0.8,
    status: 500,
    body: { error: 'INTERNAL_SERVER_ERROR', error_description: 'Internal server error' },
  })
}

/** Every reservation has exactly one lead in its portal's CRM, carrying its id, and knows that lead. */
export async function expectEachLeadOnce(
  t: TestApp,
  portals: { portal: PortalHandle }[],
  reservationIds: Map<string, string[]>,
): Promise<void> {
  for (const { portal } of portals) {
    const ids = reservationIds.get(portal.memberId)!
    const origins = [...portal.state.leads.values()].map((lead) => String(lead.values.ORIGIN_ID))
    expect(origins.sort()).toEqual([...ids].sort())
    for (const id of ids) {
      const [row] = await t.database.db.select().from(reservations).where(eq(reservations.id, id))
      expect(row?.crmStatus).toBe('in_crm')
      expect(portal.getLead(Number(row?.crmLeadId))?.ORIGIN_ID).toBe(id)
    }
  }
}

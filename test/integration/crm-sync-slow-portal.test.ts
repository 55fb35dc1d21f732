import { eq } from 'drizzle-orm'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reservations } from '../../app-server/db/schema'
import { crmGateway, PortalClients, TokenCipher } from '../../app-server/modules/bitrix24'
import { leadPusher } from '../../app-server/modules/crm-sync/push-leads'
import type { PortalEmulator, PortalHandle } from '../../emulator'
import { linkedPortal as linkPortal, startAppWithEmulator, type EmulatedSetup } from '../support/emulated-portal'
import { givenRequest } from '../support/factories'
import type { TestApp } from '../support/test-app'

// Short stand-ins for the SDK's 30 s and the portal's 60 s, so a slow answer costs seconds.
const CALL_TIMEOUT_MS = 1_000
const EXECUTION_LIMIT_MS = 3_000
const SLOW_ADD_MS = 2_000

describe('lead sync with a portal that answers slowly', () => {
  let setup: EmulatedSetup
  let emulator: PortalEmulator
  let t: TestApp

  beforeAll(async () => {
    setup = await startAppWithEmulator('app.test0005.implreq', {
      B24_CALL_TIMEOUT_SECONDS: String(CALL_TIMEOUT_MS / 1_000),
      B24_EXECUTION_LIMIT_SECONDS: String(EXECUTION_LIMIT_MS / 1_000),
    })
    ;({ emulator, t } = setup)
  })
  afterAll(() => setup.close())

  const reserveNew = async (headers: Record<string, string>) =>
    (
      await request(t.app)
        .post(`/api/partner/requests/${(await givenRequest(t)).id}/reservation`)
        .set(headers)
    ).body.id as string
  const leadsWithOrigin = (portal: PortalHandle, origin: string) =>
    [...portal.state.leads.keys()].map((id) => portal.getLead(id)!).filter((lead) => lead.ORIGIN_ID === origin)

  it('when a lead add is answered after the client gave up and another reservation is pushed meanwhile, then the lead exists once', async () => {
    const { portal, headers } = await linkedPortal()
    const push = leadPusher(t.ctx, crmGateway(new PortalClients(t.ctx, new TokenCipher(t.ctx.appSecret))))
    const slow = await reserveNew(headers)
    emulator.faults.latency({ memberId: portal.memberId, method: 'batch', ms: SLOW_ADD_MS })
    await expect(push(slow)).rejects.toThrow()
    // The portal is still running the add; the next reservation's push comes at once and the portal is fast again.
    emulator.faults.clear()
    const next = await reserveNew(headers)
    await push(next)
    expect(leadsWithOrigin(portal, next)).toHaveLength(1)
    await new Promise((resolve) => setTimeout(resolve, SLOW_ADD_MS))
    expect(leadsWithOrigin(portal, slow)).toHaveLength(1)

    // Once the portal's own limit has passed, the lead is looked up, found, and not added again.
    t.clock.advance(EXECUTION_LIMIT_MS + 1_000)
    await push(slow)
    const [row] = await t.database.db.select().from(reservations).where(eq(reservations.id, slow))
    expect(leadsWithOrigin(portal, slow)).toHaveLength(1)
    expect(row).toMatchObject({ crmStatus: 'in_crm', crmLeadId: String(leadsWithOrigin(portal, slow)[0]!.ID) })
  }, 60_000)

  function linkedPortal() {
    return linkPortal(setup, {})
  }
})

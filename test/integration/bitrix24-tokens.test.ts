import { eq } from 'drizzle-orm'
import request from 'supertest'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { portals } from '../../app-server/db/schema'
import { PortalClients, TokenCipher } from '../../app-server/modules/bitrix24'
import type { PortalEmulator, PortalHandle } from '../../emulator'
import { startAppWithEmulator, type EmulatedSetup } from '../support/emulated-portal'
import { givenManager } from '../support/factories'
import type { TestApp } from '../support/test-app'
import '../support/provided-context'

// Terminating backends needs a PostgreSQL server; PGlite lives inside the process.
const onPostgres = inject('testDatabaseDriver') === 'postgres'

const CLIENT_ID = 'app.test0002.implreq'

describe('portal tokens: one refresh at a time, re-authorisation when the grant is gone', () => {
  let setup: EmulatedSetup
  let emulator: PortalEmulator
  let t: TestApp
  let portal: PortalHandle
  let portalId: string

  beforeAll(async () => {
    setup = await startAppWithEmulator(CLIENT_ID)
    ;({ emulator, t } = setup)
    portal = emulator.addPortal()
    await portal.install()
    const [row] = await t.database.db.select().from(portals).where(eq(portals.memberId, portal.memberId))
    portalId = row!.id
  })
  afterAll(() => setup.close())

  it('when two processes find the access token expired at once, then the refresh token is used exactly once', async () => {
    const cipher = new TokenCipher(t.ctx.appSecret)
    // Two PortalClients stand for two processes: each has its own SDK client and in-memory state.
    const processes = [new PortalClients(t.ctx, cipher), new PortalClients(t.ctx, cipher)]
    const clients = await Promise.all(processes.map((clients) => clients.forPortal(portalId)))
    const before = emulator.usedRefreshTokens(portal.memberId, CLIENT_ID)
    portal.expireAccessTokens()
    const calls = clients.flatMap((client) =>
      Array.from({ length: 4 }, () => client.actions.v2.call.make({ method: 'profile', requestId: 'test:profile' })),
    )
    const results = await Promise.all(calls)
    expect(results.every((result) => result.isSuccess)).toBe(true)
    expect(emulator.usedRefreshTokens(portal.memberId, CLIENT_ID) - before).toBe(1)
  })

  it.skipIf(!onPostgres)(
    'when the database connections are terminated while the OAuth server answers a refresh, then the new pair is stored and the portal keeps working',
    async () => {
      const cipher = new TokenCipher(t.ctx.appSecret)
      const client = await new PortalClients(t.ctx, cipher).forPortal(portalId)
      const admin = new pg.Client({ connectionString: inject('postgresUrl') })
      await admin.connect()
      try {
        emulator.faults.latency({ memberId: portal.memberId, method: 'oauth.token', ms: 1_500 })
        portal.expireAccessTokens()
        const before = emulator.usedRefreshTokens(portal.memberId, CLIENT_ID)
        const call = client.actions.v2.call.make({ method: 'profile', requestId: 'test:profile' })
        // The OAuth server has spent the old refresh token and is about to answer: every connection goes away.
        await new Promise((resolve) => setTimeout(resolve, 700))
        await admin.query(
          'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
        )
        expect((await call).isSuccess).toBe(true)
        expect(emulator.usedRefreshTokens(portal.memberId, CLIENT_ID) - before).toBe(1)
        emulator.faults.clear()

        // The pair stored is the one the OAuth server issued last: the next refresh, by a fresh process, works.
        portal.expireAccessTokens()
        const fresh = await new PortalClients(t.ctx, cipher).forPortal(portalId)
        expect((await fresh.actions.v2.call.make({ method: 'profile', requestId: 'test:profile' })).isSuccess).toBe(
          true,
        )
        const [row] = await t.database.db.select().from(portals).where(eq(portals.id, portalId))
        expect(row).toMatchObject({ status: 'installed', refreshLeaseUntil: null })
      } finally {
        emulator.faults.clear()
        await admin.end()
      }
    },
  )

  it('when the grant is gone (invalid_grant), then the portal is marked as needing re-authorisation, visible to managers', async () => {
    const cipher = new TokenCipher(t.ctx.appSecret)
    await t.database.db
      .update(portals)
      .set({ refreshTokenEnc: cipher.encrypt('revoked-refresh-token'), expiresAt: new Date(0) })
      .where(eq(portals.id, portalId))
    const client = await new PortalClients(t.ctx, cipher).forPortal(portalId)
    await expect(client.actions.v2.call.make({ method: 'profile', requestId: 'test:profile' })).rejects.toThrow()
    const manager = await givenManager(t)
    const listed = await request(t.app).get('/api/manager/portals').set(manager.headers)
    expect(listed.body.items.find((item: { id: string }) => item.id === portalId)).toMatchObject({
      status: 'needs_reauth',
      lastError: expect.stringContaining('invalid_grant'),
    })
    await expect(new PortalClients(t.ctx, cipher).forPortal(portalId)).rejects.toMatchObject({
      code: 'portal_unavailable',
    })
  })
})

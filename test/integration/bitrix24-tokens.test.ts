import { eq } from 'drizzle-orm'
import request from 'supertest'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { openDatabase } from '../../app-server/db/client'
import { portals } from '../../app-server/db/schema'
import { PortalClients, TokenCipher } from '../../app-server/modules/bitrix24'
import type { PortalEmulator, PortalHandle } from '../../emulator'
import { startAppWithEmulator, type EmulatedSetup } from '../support/emulated-portal'
import { givenManager } from '../support/factories'
import type { TestApp } from '../support/test-app'
import '../support/provided-context'

// Terminating backends needs a PostgreSQL server; PGlite lives inside the process.
const onPostgres = inject('testDatabaseDriver') === 'postgres'
const REFRESH_CONNECTIONS = 'token-refresh-test'

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
      // Other test files share this database: the refresh runs on connections of its own, and only those go away.
      const url = new URL(inject('postgresUrl'))
      url.searchParams.set('application_name', REFRESH_CONNECTIONS)
      const own = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 })
      const ctx = { ...t.ctx, db: own.db }
      const client = await new PortalClients(ctx, cipher).forPortal(portalId)
      const admin = new pg.Client({ connectionString: inject('postgresUrl') })
      await admin.connect()
      try {
        emulator.faults.latency({ memberId: portal.memberId, method: 'oauth.token', ms: 1_500 })
        portal.expireAccessTokens()
        const before = emulator.usedRefreshTokens(portal.memberId, CLIENT_ID)
        const call = client.actions.v2.call.make({ method: 'profile', requestId: 'test:profile' })
        // The OAuth server has spent the old refresh token and is about to answer: every connection goes away.
        await new Promise((resolve) => setTimeout(resolve, 700))
        const terminated = await admin.query(
          'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
          [REFRESH_CONNECTIONS],
        )
        expect(terminated.rowCount).toBeGreaterThan(0)
        expect((await call).isSuccess).toBe(true)
        expect(emulator.usedRefreshTokens(portal.memberId, CLIENT_ID) - before).toBe(1)
        emulator.faults.clear()

        // The pair stored is the one the OAuth server issued last: the next refresh, by a fresh process, works.
        portal.expireAccessTokens()
        const fresh = await new PortalClients(ctx, cipher).forPortal(portalId)
        expect((await fresh.actions.v2.call.make({ method: 'profile', requestId: 'test:profile' })).isSuccess).toBe(
          true,
        )
        const [row] = await t.database.db.select().from(portals).where(eq(portals.id, portalId))
        expect(row).toMatchObject({ status: 'installed', refreshLeaseUntil: null })
      } finally {
        emulator.faults.clear()
        await admin.end()
        await own.close()
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

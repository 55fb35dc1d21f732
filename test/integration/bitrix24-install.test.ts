import { looksLikeLinkCode } from '../../shared/domain/link-code'
import { eq } from 'drizzle-orm'
import request from 'supertest'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { portals } from '../../app-server/db/schema'
import type { PortalEmulator, PortalHandle } from '../../emulator'
import { startAppWithEmulator, type EmulatedSetup } from '../support/emulated-portal'
import { givenManager, givenPartner } from '../support/factories'
import type { TestApp } from '../support/test-app'

const CLIENT_ID = 'app.test0001.implreq'

describe('installing the app on a Bitrix24 portal, sessions and linking (emulated portal)', () => {
  let setup: EmulatedSetup
  let emulator: PortalEmulator
  let t: TestApp
  let appUrl: string
  let portal: PortalHandle

  beforeAll(async () => {
    setup = await startAppWithEmulator(CLIENT_ID)
    ;({ emulator, t, appUrl } = setup)
    portal = emulator.addPortal()
  })
  afterAll(() => setup.close())

  const storedPortal = async () => {
    const [row] = await t.database.db.select().from(portals).where(eq(portals.memberId, portal.memberId))
    return row
  }
  const installation = () => [...portal.state.installations.values()][0]!

  it('when an admin installs the app, then the portal is stored with encrypted tokens and the manifest is applied once', async () => {
    const result = await portal.install()
    expect(result.installerStatus).toBe(200)
    expect(await (await fetch(`${appUrl}/partner/`)).text()).toContain('partner app')
    const row = await storedPortal()
    expect(row).toMatchObject({ status: 'installed', crmMode: 1, domain: new URL(portal.clientEndpoint()).host })
    expect(row?.clientEndpoint).toBe(portal.clientEndpoint())
    expect(row?.accessTokenEnc).not.toContain(result.launch.fields.AUTH_ID)
    expect(row?.applicationTokenEnc).not.toContain(installation().applicationToken)
    expect(
      installation()
        .eventBindings.map((binding) => binding.event)
        .sort(),
    ).toEqual(['ONAPPUNINSTALL', 'ONCRMDEALADD', 'ONCRMDEALUPDATE', 'ONCRMLEADUPDATE'])
    expect(
      installation()
        .placements.map((placement) => placement.placement)
        .sort(),
    ).toEqual(['CRM_DEAL_DETAIL_TAB', 'CRM_LEAD_DETAIL_TAB'])
    expect(portal.state.statuses.some((status) => status.statusId === 'IMPL_REQUEST')).toBe(true)
    expect(portal.state.userFields.map((field) => field.fieldName)).toContain('UF_CRM_IMPL_REQUEST_ID')

    portal.finishInstall()
    await portal.install()
    await emulator.whenEventsDelivered()
    expect(installation().eventBindings).toHaveLength(4)
    expect(installation().placements).toHaveLength(2)
    expect(portal.state.userFields.filter((field) => field.fieldName === 'UF_CRM_IMPL_REQUEST_ID')).toHaveLength(1)
  })

  it('when an installer POST carries a grant Bitrix24 did not issue, then it is refused and nothing is stored', async () => {
    const response = await request(t.app)
      .post('/partner/install?DOMAIN=evil.example')
      .type('form')
      .send({ member_id: 'forged0000000000000000000000000', REFRESH_ID: 'not-a-real-grant', APPLICATION_TOKEN: 'x' })
    expect(response.status).toBe(403)
    expect(response.body.code).toBe('install_not_verified')
    const [row] = await t.database.db
      .select()
      .from(portals)
      .where(eq(portals.memberId, 'forged0000000000000000000000000'))
    expect(row).toBeUndefined()
  })

  it('when the frame sends its token, then the portal confirms the user and an unlinked session is issued', async () => {
    const { launch } = await portal.install({ postInstaller: false })
    const response = await request(t.app)
      .post('/api/session')
      .send({ domain: 'anything.example', memberId: portal.memberId, accessToken: launch.fields.AUTH_ID })
    expect(response.status).toBe(201)
    expect(response.body).toMatchObject({ portal: { linked: false }, user: { id: '1', isAdmin: true } })
    const feed = await request(t.app).get('/api/partner/requests').set('Authorization', `Bearer ${response.body.token}`)
    expect(feed.status).toBe(403)
    expect(feed.body.code).toBe('portal_not_linked')
  })

  it('when the token is wrong or the portal unknown, then 401 with a code', async () => {
    const wrong = await request(t.app)
      .post('/api/session')
      .send({ domain: 'x', memberId: portal.memberId, accessToken: 'nope' })
    expect(wrong.status).toBe(401)
    expect(wrong.body.code).toBe('invalid_portal_token')
    const unknown = await request(t.app)
      .post('/api/session')
      .send({ domain: 'x', memberId: 'unknown-portal', accessToken: 'nope' })
    expect(unknown.body.code).toBe('portal_not_installed')
  })

  it('when an admin enters the link code a manager issued, then the portal belongs to that partner; a code works once', async () => {
    const partner = await givenPartner(t)
    const manager = await givenManager(t)
    const issued = await request(t.app).post(`/api/manager/partners/${partner.id}/link-code`).set(manager.headers)
    expect(issued.status).toBe(201)
    expect(issued.body.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/)
    // The partner app's example has the format of the codes managers hand out.
    expect(looksLikeLinkCode(issued.body.code)).toBe(true)
    const { launch } = await portal.install({ postInstaller: false })
    const session = await request(t.app)
      .post('/api/session')
      .send({ domain: 'x', memberId: portal.memberId, accessToken: launch.fields.AUTH_ID })
    const auth = { Authorization: `Bearer ${session.body.token}` }
    const wrong = await request(t.app).post('/api/portal/link').set(auth).send({ code: 'AAAA-BBBB-CCCC' })
    expect(wrong.body.code).toBe('link_code_invalid')
    const linked = await request(t.app)
      .post('/api/portal/link')
      .set(auth)
      .send({ code: issued.body.code.toLowerCase() })
    expect(linked.status).toBe(200)
    expect(linked.body.portal.linked).toBe(true)
    const me = await request(t.app).get('/api/partner/me').set('Authorization', `Bearer ${linked.body.token}`)
    expect(me.body.id).toBe(partner.id)
    expect((await request(t.app).post('/api/portal/link').set(auth).send({ code: issued.body.code })).body.code).toBe(
      'portal_already_linked',
    )
  })

  it('when an uninstall event carries a wrong application token, then nothing changes; the real one uninstalls and a reinstall works', async () => {
    await request(t.app)
      .post('/b24/events')
      .type('form')
      .send({ event: 'ONAPPUNINSTALL', 'auth[member_id]': portal.memberId, 'auth[application_token]': 'forged' })
    await expect.poll(async () => (await storedPortal())?.status).toBe('installed')
    // A forged event is not noted as the portal's last event.
    expect((await storedPortal())?.lastEvent).not.toBe('ONAPPUNINSTALL')
    const partnerBefore = (await storedPortal())?.partnerId
    portal.uninstall()
    await emulator.whenEventsDelivered()
    await expect.poll(async () => (await storedPortal())?.status).toBe('uninstalled')
    expect((await storedPortal())?.accessTokenEnc).toBeNull()
    expect(await storedPortal()).toMatchObject({ lastEvent: 'ONAPPUNINSTALL', lastEventAt: expect.any(Date) })
    await portal.install()
    await emulator.whenEventsDelivered()
    expect(await storedPortal()).toMatchObject({ status: 'installed', partnerId: partnerBefore })
    // The install event reports the app version, which the managers' portal list shows.
    await expect.poll(async () => (await storedPortal())?.lastEvent).toBe('ONAPPINSTALL')
    expect((await storedPortal())?.appVersion).toEqual(expect.any(Number))
  })
})

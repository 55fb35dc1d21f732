import { createHmac } from 'node:crypto'
import type { PortalEmulator } from '../../emulator'
import type { AppContext } from '../context'
import type { ManagerRole } from '../../shared/domain/manager-roles'
import { createManager } from '../modules/managers'
import { seedHistory } from './seed-history'
import {
  DEMO_CLIENT_ID,
  DEMO_MANAGERS,
  DEMO_RESTRICTED_COUNTRY,
  DEMO_PARTNERS,
  DEMO_REQUESTS,
  DEMO_UNLINKED_PARTNER,
  DEMO_UNLINKED_PORTAL,
  type DemoPartner,
} from './demo-data'

const DAY_MS = 86_400_000

/** What the demo page shows after seeding. */
export interface DemoSeed {
  /** The console's accounts, one per role, with their passwords. */
  managers: { role: ManagerRole; email: string; password: string }[]
  /** The one-time code that links the onboarding portal, issued for the newcomer partner. */
  unlinkedLinkCode: string
}

interface Api {
  call<T = Record<string, unknown>>(method: string, path: string, options?: CallOptions): Promise<T>
}
interface CallOptions {
  body?: unknown
  token?: string
  /** Each seeded client submits from its own address, as real clients do (the form limits submissions per address). */
  forwardedFor?: string
  /** Statuses that count as done, e.g. 409 for something seeded already. */
  accept?: number[]
}

/** Talks to the running app over HTTP, so the demo data goes through the same rules as everything else. */
function httpApi(appUrl: string): Api {
  return {
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { Accept: 'application/json' }
      if (options.body !== undefined) headers['Content-Type'] = 'application/json'
      if (options.token) headers.Authorization = `Bearer ${options.token}`
      if (options.forwardedFor) headers['X-Forwarded-For'] = options.forwardedFor
      const response = await fetch(`${appUrl}${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
      })
      const text = await response.text()
      const body = (text ? JSON.parse(text) : {}) as never
      if (!response.ok && !options.accept?.includes(response.status)) {
        throw new Error(`Demo seeding: ${method} ${path} answered ${response.status} ${text.slice(0, 300)}`)
      }
      return body
    },
  }
}

/**
 * Seeds the demo through the real flows: a manager creates the partners, each partner's portal installs the app
 * (installer POST, manifest, installFinish) and is linked with a manager's link code, clients submit requests,
 * and peer partners reserve some of them. Running it again on the same database changes nothing that exists.
 */
export async function seedDemo(
  ctx: AppContext,
  emulator: PortalEmulator,
  urls: { app: string; emulator: string },
): Promise<DemoSeed> {
  const api = httpApi(urls.app)
  const control = emulatorControl(urls.emulator)
  // Derived from the app secret: unguessable, and the same for every seeding of the same database.
  const managers = DEMO_MANAGERS.map((account) => ({
    role: account.role,
    email: account.email,
    password: createHmac('sha256', ctx.appSecret).update(`demo ${account.role}`).digest('base64url').slice(0, 20),
  }))
  for (const [index, account] of managers.entries()) {
    const newManager = { ...account, name: DEMO_MANAGERS[index]!.name }
    await createManager(ctx.db, newManager, ctx.config.PASSWORD_HASH_COST).catch((error: unknown) => {
      if ((error as { code?: string }).code !== 'manager_exists') throw error
    })
  }
  const seeder = managers.find((account) => account.role === 'manager')!
  const manager = await api.call<{ token: string }>('POST', '/api/manager/session', {
    body: { email: seeder.email, password: seeder.password },
  })
  const asManager = { token: manager.token }
  // One restricted country, so the Locations screen shows how they are explained (rules 2.4). Setting it again
  // only repeats the same reason.
  await api.call('PUT', `/api/manager/restricted-countries/${DEMO_RESTRICTED_COUNTRY}`, {
    ...asManager,
    body: { reason: 'Sanctions: Bitrix24 products are not distributed there.' },
  })

  const partnerIds = new Map<string, string>()
  for (const partner of DEMO_PARTNERS)
    partnerIds.set(partner.partnerCode, await ensurePartner(api, asManager.token, partner))
  const newcomerId = await ensurePartner(api, asManager.token, {
    ...DEMO_UNLINKED_PARTNER,
    additional: [],
    approved: true,
    tutorialDone: true,
    portal: { memberId: DEMO_UNLINKED_PORTAL, role: 'unlinked' },
  })

  const sessions = new Map<string, string>()
  for (const partner of DEMO_PARTNERS) {
    const partnerId = partnerIds.get(partner.partnerCode)!
    sessions.set(partner.partnerCode, await installAndLink(api, control, emulator, asManager.token, partnerId, partner))
  }
  // The onboarding portal: installed by its administrator, who has not opened the app yet.
  if (!emulator.portals.has(DEMO_UNLINKED_PORTAL)) {
    const portal = emulator.addPortal({ memberId: DEMO_UNLINKED_PORTAL })
    await portal.install({ clientId: DEMO_CLIENT_ID, postInstaller: false })
  }
  const linkCode = await api.call<{ code: string }>('POST', `/api/manager/partners/${newcomerId}/link-code`, asManager)

  await seedRequests(api, sessions)
  if (ctx.config.DEMO_HISTORY === 'on') await seedHistory(ctx)
  return { managers, unlinkedLinkCode: linkCode.code }
}

async function ensurePartner(api: Api, token: string, partner: DemoPartner): Promise<string> {
  const found = await api.call<{ items: { id: string; partnerCode: string }[] }>(
    'GET',
    `/api/manager/partners?search=${encodeURIComponent(partner.partnerCode)}`,
    { token },
  )
  const existing = found.items.find((item) => item.partnerCode === partner.partnerCode)
  if (existing) return existing.id
  const created = await api.call<{ id: string }>('POST', '/api/manager/partners', {
    token,
    body: {
      partnerCode: partner.partnerCode,
      companyName: partner.companyName,
      registeredCountry: partner.registeredCountry,
      ...(partner.declaredStatus ? { declaredStatus: partner.declaredStatus } : {}),
      approved: partner.approved,
      tutorialCompletedAt: partner.tutorialDone ? new Date(Date.now() - 30 * DAY_MS).toISOString() : null,
      contactName: 'Demo contact',
      contactEmail: `${partner.partnerCode}@partners.demo.example`,
    },
  })
  if (partner.additional.length > 0) {
    await api.call('PUT', `/api/manager/partners/${created.id}/locations`, {
      token,
      body: { additional: partner.additional },
    })
  }
  if (partner.suspendedForDays) {
    await api.call('PUT', `/api/manager/partners/${created.id}/suspension`, {
      token,
      body: {
        until: new Date(Date.now() + partner.suspendedForDays * DAY_MS).toISOString(),
        reason: 'Demo: repeated complaints from clients',
      },
    })
  }
  if (partner.ratingAdjustment) {
    await api.call('POST', `/api/manager/partners/${created.id}/rating/adjustments`, {
      token,
      body: { delta: partner.ratingAdjustment, reason: 'Demo: an established partner with a good record' },
    })
  }
  return created.id
}

/** Install (installer POST, manifest, installFinish), then link with a manager's code; returns a partner session. */
async function installAndLink(
  api: Api,
  control: EmulatorControl,
  emulator: PortalEmulator,
  managerToken: string,
  partnerId: string,
  partner: DemoPartner,
): Promise<string> {
  const memberId = partner.portal.memberId
  const portal = emulator.portals.has(memberId)
    ? undefined
    : emulator.addPortal({ memberId, lang: partner.portal.lang ?? 'en' })
  if (portal) {
    await portal.install({ clientId: DEMO_CLIENT_ID })
    portal.finishInstall(DEMO_CLIENT_ID)
  }
  const frame = await control<{ AUTH_ID: string }>(`/portals/${memberId}/frame-auth`, {
    clientId: DEMO_CLIENT_ID,
    userId: 1,
  })
  const session = await api.call<{ token: string; portal: { linked: boolean } }>('POST', '/api/session', {
    body: { domain: 'demo', memberId, accessToken: frame.AUTH_ID },
  })
  if (session.portal.linked) return session.token
  const code = await api.call<{ code: string }>('POST', `/api/manager/partners/${partnerId}/link-code`, {
    token: managerToken,
  })
  const linked = await api.call<{ token: string }>('POST', '/api/portal/link', {
    token: session.token,
    body: { code: code.code },
  })
  return linked.token
}

type EmulatorControl = <T>(path: string, body: unknown) => Promise<T>

/** The emulator's control API, where a frame's fresh token for a portal user comes from. */
function emulatorControl(emulatorUrl: string): EmulatorControl {
  return async <T>(path: string, body: unknown): Promise<T> => {
    const response = await fetch(`${emulatorUrl}/__emulator${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
    if (!response.ok) throw new Error(`Demo seeding: emulator ${path} answered ${response.status}`)
    return (await response.json()) as T
  }
}

async function seedRequests(api: Api, sessions: Map<string, string>): Promise<void> {
  const peers = DEMO_PARTNERS.filter((partner) => partner.portal.role === 'filler').map((partner) =>
    sessions.get(partner.partnerCode)!,
  )
  for (const [index, request] of DEMO_REQUESTS.entries()) {
    // A repeated submission (same e-mail, country and types) stores nothing and is answered with an id that opens
    // nothing (404 on reserving it): the first seeding made those reservations, so seeding twice is harmless.
    const created = await api.call<{ id: string }>('POST', '/api/public/requests', {
      forwardedFor: `198.51.100.${index + 10}`,
      body: {
        contact: request.contact,
        country: request.country,
        city: request.city,
        types: request.types,
        description: request.description,
        usersCount: request.usersCount,
        preferredLanguage: request.preferredLanguage,
        consentToShareContacts: true,
      },
    })
    for (const token of peers.slice(0, request.peerReservations)) {
      await api.call('POST', `/api/partner/requests/${created.id}/reservation`, { token, accept: [404, 409] })
    }
  }
}

import { randomUUID } from 'node:crypto'
import request from 'supertest'
import { partnerLocations, partners, requests } from '../../app-server/db/schema'
import { signPartnerSession } from '../../app-server/http/auth/session-token'
import { createManager } from '../../app-server/modules/managers'
import { newStatusToken } from '../../app-server/modules/requests/status-token'
import type { ManagerRole } from '../../shared/domain/manager-roles'
import type { CreateRequestBody } from '../../shared/schemas/request.schema'
import type { TestApp } from './test-app'

let sequence = 0
let phoneSequence = Math.floor(Math.random() * 1_000_000)

// Berlin numbers with a per-process prefix and a running suffix: unique across the files sharing a database.
const phonePrefix = 100 + Math.floor(Math.random() * 900)
function uniquePhone(): string {
  phoneSequence = (phoneSequence + 1) % 1_000_000
  return `+4930${phonePrefix}${String(phoneSequence).padStart(6, '0')}`
}
const next = () => `${Date.now().toString(36)}${(sequence++).toString(36)}${Math.random().toString(36).slice(2, 6)}`

export type PartnerOverrides = Partial<typeof partners.$inferInsert> & { additional?: string[] }

/** An eligible partner (approved, tutorial done, not suspended) unless overridden. */
export async function givenPartner(t: TestApp, overrides: PartnerOverrides = {}) {
  const { additional = [], ...fields } = overrides
  const now = t.clock.now()
  const [partner] = await t.database.db
    .insert(partners)
    .values({
      partnerCode: `P-${next()}`,
      companyName: `Partner ${next()}`,
      registeredCountry: 'DE',
      declaredStatus: 'silver',
      approved: true,
      tutorialCompletedAt: new Date(now.getTime() - 86_400_000),
      createdAt: now,
      updatedAt: now,
      ...fields,
    })
    .returning()
  if (additional.length > 0) {
    await t.database.db
      .insert(partnerLocations)
      .values(additional.map((country) => ({ partnerId: partner!.id, country })))
  }
  return partner!
}

/** A partner session token minted with the same signing code the session endpoint uses. */
export function partnerToken(
  t: TestApp,
  partnerId: string,
  options: { userId?: string; portalId?: string } = {},
): string {
  return signPartnerSession(
    t.ctx.appSecret,
    { partnerId, portalId: options.portalId ?? null, userId: options.userId ?? '1', isAdmin: true },
    t.clock.now(),
    t.config.PARTNER_SESSION_TTL_SECONDS,
  )
}

export function asPartner(t: TestApp, partnerId: string) {
  return { Authorization: `Bearer ${partnerToken(t, partnerId)}` }
}

/** A valid public request body; every test makes its own e-mail so duplicates are deliberate. */
export function requestBody(overrides: Partial<CreateRequestBody> = {}): CreateRequestBody {
  return {
    contact: {
      name: 'Anna Schmidt',
      company: 'Schmidt GmbH',
      email: `anna.${next()}@example.com`,
      phone: '030 12345678',
    },
    country: 'DE',
    city: 'Berlin',
    types: ['cloud_subscription', 'training'],
    description: 'We need Bitrix24 for 40 people, CRM and tasks, with training for the sales team.',
    usersCount: 40,
    preferredLanguage: 'de',
    consentToShareContacts: true,
    ...overrides,
  }
}

/** Inserts an open request directly (fast set-up for feed and race tests). */
export async function givenRequest(t: TestApp, overrides: Partial<typeof requests.$inferInsert> = {}) {
  const now = t.clock.now()
  const [row] = await t.database.db
    .insert(requests)
    .values({
      country: 'DE',
      city: 'Berlin',
      types: ['cloud_subscription'],
      description: 'Need a CRM for 10 people.',
      usersCount: 10,
      preferredLanguage: 'en',
      contactName: `Client ${next()}`,
      contactCompany: 'Client Ltd',
      contactEmail: `client.${next()}@example.com`,
      contactPhone: uniquePhone(),
      consentedAt: now,
      statusTokenHash: newStatusToken().hash,
      createdAt: now,
      updatedAt: now,
      expiresAt: new Date(now.getTime() + 30 * 86_400_000),
      ...overrides,
    })
    .returning()
  return row!
}

/** A manager account and a signed-in session token. */
export async function givenManager(t: TestApp, role: ManagerRole = 'manager') {
  const email = `${role}.${next()}@example.com`
  const password = `correct horse ${randomUUID()}`
  const manager = await createManager(t.database.db, { email, name: 'Mia Manager', password, role }, 'fast')
  const response = await request(t.app)
    .post('/api/manager/session')
    .set('X-Forwarded-For', `10.9.${sequence % 250}.${sequence++ % 250}`)
    .send({ email, password })
  if (response.status !== 201)
    throw new Error(`manager sign-in failed: ${response.status} ${JSON.stringify(response.body)}`)
  return { manager, email, password, headers: { Authorization: `Bearer ${response.body.token as string}` } }
}

/** A distinct client address per call, so per-address rate limits do not couple tests. */
export function clientAddress(): string {
  const n = sequence++
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`
}

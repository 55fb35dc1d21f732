import { randomHex } from './random'
import { defaultStatuses, defaultUsers } from './seed'
import type { EmulatorState } from './state'
import type { CrmMode, PortalState, PortalUser, RateLimitSettings } from './types'

/** A portal user as given to `addPortal`; only the name is required. */
export interface PortalUserInput {
  id?: number
  name: string
  lastName?: string
  email?: string
  admin?: boolean
  gender?: '' | 'M' | 'F'
  timeZone?: string
  position?: string
}

export interface AddPortalInput {
  /** Stable portal id (32 hex in real life); generated when omitted. */
  memberId?: string
  /** Reported domain; defaults to the emulator's host, which is what the fake portal page and frames need. */
  domain?: string
  /** 1 classic (default) or 2 simple CRM. */
  crmMode?: CrmMode
  lang?: string
  /** Defaults to one admin (id 1) and two ordinary users. */
  users?: PortalUserInput[]
  /** Leaky bucket per portal; defaults to burst 50, drain 2/s (D:limits, non-Enterprise plans). */
  rateLimit?: RateLimitSettings
  /** Offset of DATE_* values in minutes; default 120 (`+02:00`). */
  utcOffsetMinutes?: number
  currency?: string
  /** Extra deal pipelines besides the default one (0), e.g. `[1]` gives stages `C1:NEW`…`C1:WON`. */
  dealCategories?: number[]
}

function toUsers(input: PortalUserInput[] | undefined): PortalUser[] {
  if (input === undefined || input.length === 0) return defaultUsers()
  return input.map((user, index) => ({
    id: user.id ?? index + 1,
    name: user.name,
    lastName: user.lastName ?? '',
    email: user.email ?? '',
    admin: user.admin ?? false,
    gender: user.gender ?? '',
    timeZone: user.timeZone ?? '',
    position: user.position ?? '',
  }))
}

export function createPortal(state: EmulatorState, input: AddPortalInput = {}): PortalState {
  const memberId = input.memberId ?? randomHex(32)
  if (state.portals.has(memberId)) throw new Error(`A portal with member_id ${memberId} already exists`)
  const portal: PortalState = {
    memberId,
    domain: input.domain,
    crmMode: input.crmMode ?? 1,
    lang: input.lang ?? 'en',
    utcOffsetMinutes: input.utcOffsetMinutes ?? 120,
    currency: input.currency ?? 'USD',
    users: toUsers(input.users),
    rateLimit: input.rateLimit ?? { burst: 50, drainPerSecond: 2 },
    bucket: { level: 0, updatedAt: state.now() },
    statuses: defaultStatuses(input.dealCategories),
    leads: new Map(),
    deals: new Map(),
    userFields: [],
    installations: new Map(),
    nextId: { lead: 1, deal: 1, multi: 1, userField: 1, eventBinding: 1 },
    deliveries: [],
  }
  state.portals.set(memberId, portal)
  return portal
}

export function findUser(portal: PortalState, userId: number): PortalUser | undefined {
  return portal.users.find((user) => user.id === userId)
}

/** The first administrator: who installs apps and whom UI actions default to. */
export function firstAdmin(portal: PortalState): PortalUser {
  const admin = portal.users.find((user) => user.admin) ?? portal.users[0]
  if (admin === undefined) throw new Error(`Portal ${portal.memberId} has no users`)
  return admin
}

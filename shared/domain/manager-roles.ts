/**
 * What a partner manager's account may do in the console and the manager API.
 * - `admin`: everything, plus managing manager accounts and the sign-in policy;
 * - `manager`: every partner, request and rating action;
 * - `viewer`: reads everything and changes nothing.
 */
export const MANAGER_ROLES = ['admin', 'manager', 'viewer'] as const
export type ManagerRole = (typeof MANAGER_ROLES)[number]

/** Named abilities, so screens and routes ask what a role may do instead of comparing role names. */
export interface ManagerAbilities {
  /** Any change to partners, requests, ratings, returns, territories, lead sync. */
  change: boolean
  /** Reveal a client's contacts (audited) and export contact columns (audited). */
  seeContacts: boolean
  /** Create, deactivate and reset manager accounts; require two-factor sign-in. */
  manageManagers: boolean
}

export type ManagerAbilityName = keyof ManagerAbilities
export const MANAGER_ABILITY_NAMES = [
  'change',
  'seeContacts',
  'manageManagers',
] as const satisfies readonly ManagerAbilityName[]

const ABILITIES: Record<ManagerRole, ManagerAbilities> = {
  admin: { change: true, seeContacts: true, manageManagers: true },
  manager: { change: true, seeContacts: true, manageManagers: false },
  viewer: { change: false, seeContacts: false, manageManagers: false },
}

/** The abilities of a role; the server enforces them and the console hides what they deny. */
export function managerAbilities(role: ManagerRole): ManagerAbilities {
  return ABILITIES[role]
}

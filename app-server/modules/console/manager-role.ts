import type { Response } from 'express'
import { managerAbilities, type ManagerAbilities, type ManagerRole } from '../../../shared/domain/manager-roles'
import { forbidden } from '../../errors'
import { managerOf } from '../../http/auth/actors'

/**
 * The role of the signed-in manager. Sessions made before manager accounts had roles carry none; those accounts
 * were all full administrators, so a missing role reads as `admin`.
 */
export function managerRoleOf(res: Response): ManagerRole {
  const manager = managerOf(res) as { role?: ManagerRole }
  return manager.role ?? 'admin'
}

export const abilitiesOf = (res: Response): ManagerAbilities => managerAbilities(managerRoleOf(res))

/** @throws AppError `contacts_not_allowed` (403) for a role that may not see client contacts. */
export function assertMaySeeContacts(res: Response): void {
  if (!abilitiesOf(res).seeContacts) {
    throw forbidden('contacts_not_allowed', 'Your role may not see client contact details.')
  }
}

import type { RequestHandler } from 'express'
import { needsCsrfCheck, requiredManagerAbility, type Contract } from '../../../shared/contracts/contract'
import { managerAbilities } from '../../../shared/domain/manager-roles'
import { AppError } from '../../errors'
import { managerOf } from './actors'
import { assertSameOrigin } from './same-origin'

/**
 * The one gate of every operation behind a manager session, run by the router after the route's own
 * authentication: a change sent with the cookie must come from this site, and the manager's role must have the
 * ability the contract needs (`requiredManagerAbility`: any non-GET needs `change` unless declared otherwise).
 * A route that forgot to authenticate is refused here too.
 */
export function managerAccessGuard(contract: Contract, publicUrl: string | undefined): RequestHandler {
  const ability = requiredManagerAbility(contract)
  const checkOrigin = needsCsrfCheck(contract)
  return (req, res, next) => {
    const manager = managerOf(res)
    if (checkOrigin && manager.via === 'cookie') assertSameOrigin(req, publicUrl)
    if (ability && !managerAbilities(manager.role)[ability]) {
      throw new AppError({
        code: 'manager_role_forbidden',
        detail: `The ${manager.role} role cannot do this.`,
        extensions: { ability },
      })
    }
    next()
  }
}

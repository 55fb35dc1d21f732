import * as contracts from '../../../shared/contracts/manager-accounts.contracts'
import type { AppContext } from '../../context'
import { managerOf } from '../../http/auth/actors'
import { implement, type RouteGroup } from '../../http/route'
import {
  changeRole,
  createAccount,
  deactivate,
  listAccounts,
  reactivate,
  resetPassword,
  resetTwoFactor,
  setSignInPolicy,
  signInPolicy,
  type AccountDeps,
} from './managers.service'
import { requireManager } from './require-manager'

/** The admins' API for manager accounts and the sign-in policy; the router admits only the `manageManagers` ability. */
export function managerAccountRoutes(ctx: AppContext, deps: AccountDeps): RouteGroup {
  const before = [requireManager(ctx)]
  return [
    implement(contracts.listManagers, {
      before,
      handler: async (_req, res) => {
        res.json(await listAccounts(ctx.db))
      },
    }),
    implement(contracts.createManagerAccount, {
      before,
      handler: async (_req, res, { body }) => {
        res.status(201).json(await createAccount(ctx, deps, managerOf(res), body))
      },
    }),
    implement(contracts.changeManagerRole, {
      before,
      handler: async (_req, res, { params, body }) => {
        res.json(await changeRole(ctx, deps, managerOf(res), params.id, body.role))
      },
    }),
    implement(contracts.deactivateManager, {
      before,
      handler: async (_req, res, { params }) => {
        res.json(await deactivate(ctx, deps, managerOf(res), params.id))
      },
    }),
    implement(contracts.reactivateManager, {
      before,
      handler: async (_req, res, { params }) => {
        res.json(await reactivate(ctx, deps, managerOf(res), params.id))
      },
    }),
    implement(contracts.resetManagerPassword, {
      before,
      handler: async (_req, res, { params, body }) => {
        res.json(await resetPassword(ctx, deps, managerOf(res), params.id, body.password))
      },
    }),
    implement(contracts.resetManagerTwoFactor, {
      before,
      handler: async (_req, res, { params }) => {
        res.json(await resetTwoFactor(ctx, deps, managerOf(res), params.id))
      },
    }),
    implement(contracts.getSignInPolicy, {
      before,
      handler: async (_req, res) => {
        res.json(await signInPolicy(ctx.db))
      },
    }),
    implement(contracts.setSignInPolicy, {
      before,
      handler: async (_req, res, { body }) => {
        res.json(await setSignInPolicy(ctx, deps, managerOf(res), body))
      },
    }),
  ]
}

import * as contracts from '../../../shared/contracts/manager-territories.contracts'
import * as publicContracts from '../../../shared/contracts/public-requests.contracts'
import type { AppContext } from '../../context'
import { managerOf } from '../../http/auth/actors'
import { implement, type RouteGroup } from '../../http/route'
import { requireManager } from '../managers'
import {
  liftCountryRestriction,
  listRestrictedCountries,
  restrictCountry,
  restrictedCountryCodes,
} from './territories.service'

/** Managers keep the list of restricted countries (rules 2.4). */
export function territoryRoutes(ctx: AppContext): RouteGroup {
  const before = [requireManager(ctx)]
  return [
    implement(contracts.listRestrictedCountries, {
      before,
      handler: async (_req, res) => {
        res.json(await listRestrictedCountries(ctx.db))
      },
    }),
    implement(contracts.restrictCountry, {
      before,
      handler: async (_req, res, { params, body }) => {
        res.json(await restrictCountry(ctx, managerOf(res), params.country, body.reason))
      },
    }),
    implement(contracts.liftCountryRestriction, {
      before,
      handler: async (_req, res, { params }) => {
        await liftCountryRestriction(ctx, managerOf(res), params.country)
        res.status(204).end()
      },
    }),
  ]
}

/** The request form reads the restricted countries to leave them out of its country list. */
export function publicTerritoryRoutes(ctx: AppContext): RouteGroup {
  return [
    implement(publicContracts.listRestrictedCountryCodes, {
      handler: async (_req, res) => {
        // A country restricted a few minutes ago is still refused by the server when a form sends it.
        res.set('Cache-Control', 'public, max-age=300').json({ countries: await restrictedCountryCodes(ctx.db) })
      },
    }),
  ]
}

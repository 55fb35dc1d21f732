import {
  CountryParamsSchema,
  RestrictCountryBodySchema,
  RestrictedCountryListSchema,
  RestrictedCountrySchema,
} from '../../../shared/schemas/manager.schema'
import type { AppContext } from '../../context'
import { managerOf } from '../../http/auth/actors'
import { route, type RouteGroup } from '../../http/route'
import { NO_MANAGER_SESSION, requireManager } from '../managers'
import { liftCountryRestriction, listRestrictedCountries, restrictCountry } from './territories.service'

/** Managers keep the list of restricted countries (rules 2.4). */
export function territoryRoutes(ctx: AppContext): RouteGroup {
  const before = [requireManager(ctx)]
  const tags = ['Territories']
  const security = ['managerSession']
  return {
    prefix: '/api/manager',
    routes: [
      route({
        method: 'get',
        path: '/restricted-countries',
        operationId: 'listRestrictedCountries',
        summary: 'Restricted countries',
        description: 'Requests from these countries are refused, and partners cannot cover them (rules 2.4).',
        tags,
        security,
        before,
        responses: { 200: { description: 'The list.', schema: RestrictedCountryListSchema } },
        problems: [NO_MANAGER_SESSION],
        handler: async (_req, res) => {
          res.json(await listRestrictedCountries(ctx.db))
        },
      }),
      route({
        method: 'put',
        path: '/restricted-countries/:country',
        operationId: 'restrictCountry',
        summary: 'Restrict a country',
        tags,
        security,
        before,
        params: CountryParamsSchema,
        body: RestrictCountryBodySchema,
        responses: { 200: { description: 'The country is restricted.', schema: RestrictedCountrySchema } },
        problems: [
          NO_MANAGER_SESSION,
          { status: 400, code: 'validation_failed', description: 'Unknown country or no reason.' },
        ],
        handler: async (_req, res, { params, body }) => {
          res.json(await restrictCountry(ctx, managerOf(res), params.country, body.reason))
        },
      }),
      route({
        method: 'delete',
        path: '/restricted-countries/:country',
        operationId: 'liftCountryRestriction',
        summary: 'Lift a country restriction',
        tags,
        security,
        before,
        params: CountryParamsSchema,
        responses: { 204: { description: 'The country is no longer restricted.' } },
        problems: [
          NO_MANAGER_SESSION,
          { status: 404, code: 'country_not_restricted', description: 'The country was not restricted.' },
        ],
        handler: async (_req, res, { params }) => {
          await liftCountryRestriction(ctx, managerOf(res), params.country)
          res.status(204).end()
        },
      }),
    ],
  }
}

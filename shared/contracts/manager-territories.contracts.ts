import {
  CountryParamsSchema,
  RestrictCountryBodySchema,
  RestrictedCountryListSchema,
  RestrictedCountrySchema,
} from '../schemas/manager.schema'
import { defineContract } from './contract'
import { MANAGER_SESSION_PROBLEMS } from './session-problems'

/** Managers keep the list of restricted countries (rules 2.4). */
const territories = { tags: ['Territories'], security: 'managerSession' } as const

export const listRestrictedCountries = defineContract({
  ...territories,
  method: 'get',
  path: '/api/manager/restricted-countries',
  operationId: 'listRestrictedCountries',
  summary: 'Restricted countries',
  description: 'Requests from these countries are refused, and partners cannot cover them (rules 2.4).',
  responses: { 200: { description: 'The list.', schema: RestrictedCountryListSchema } },
  problems: MANAGER_SESSION_PROBLEMS,
})

export const restrictCountry = defineContract({
  ...territories,
  method: 'put',
  path: '/api/manager/restricted-countries/:country',
  operationId: 'restrictCountry',
  summary: 'Restrict a country',
  params: CountryParamsSchema,
  body: RestrictCountryBodySchema,
  responses: { 200: { description: 'The country is restricted.', schema: RestrictedCountrySchema } },
  problems: { ...MANAGER_SESSION_PROBLEMS, validation_failed: 'Unknown country or no reason.' },
})

export const liftCountryRestriction = defineContract({
  ...territories,
  method: 'delete',
  path: '/api/manager/restricted-countries/:country',
  operationId: 'liftCountryRestriction',
  summary: 'Lift a country restriction',
  params: CountryParamsSchema,
  responses: { 204: { description: 'The country is no longer restricted.' } },
  problems: { ...MANAGER_SESSION_PROBLEMS, country_not_restricted: 'The country was not restricted.' },
})

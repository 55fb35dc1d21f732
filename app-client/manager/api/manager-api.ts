import * as managerAudit from '@shared/contracts/manager-audit.contracts'
import * as managerCrmSync from '@shared/contracts/manager-crm-sync.contracts'
import * as managerPartners from '@shared/contracts/manager-partners.contracts'
import * as managerRatings from '@shared/contracts/manager-ratings.contracts'
import * as managerRequests from '@shared/contracts/manager-requests.contracts'
import * as managerSession from '@shared/contracts/manager-session.contracts'
import * as managerTerritories from '@shared/contracts/manager-territories.contracts'
import * as system from '@shared/contracts/system.contracts'
import { bindContracts } from '../../common/api/contract-client'
import { createHttpClient } from '../../common/api/http'

let token: string | null = null

/** Sets the bearer token every manager call carries (the `token` of `signInManager`). */
export function useManagerSessionToken(value: string | null): void {
  token = value
}

/**
 * The console's API: one function per operation of the manager contracts (and the service health), named like
 * the contract, e.g. `managerApi.listPartners({ query: { limit: 50 } })`. Stores use it; tests mock this module.
 */
export const managerApi = bindContracts(createHttpClient({ getToken: () => token }), {
  ...system,
  ...managerSession,
  ...managerPartners,
  ...managerRatings,
  ...managerRequests,
  ...managerTerritories,
  ...managerAudit,
  ...managerCrmSync,
})

export type ManagerApi = typeof managerApi

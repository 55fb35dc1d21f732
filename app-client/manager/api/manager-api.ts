import * as managerAccounts from '@shared/contracts/manager-accounts.contracts'
import * as managerAudit from '@shared/contracts/manager-audit.contracts'
import * as managerConsole from '@shared/contracts/manager-console.contracts'
import * as managerCrmSync from '@shared/contracts/manager-crm-sync.contracts'
import * as managerPartners from '@shared/contracts/manager-partners.contracts'
import * as managerRatings from '@shared/contracts/manager-ratings.contracts'
import * as managerRequests from '@shared/contracts/manager-requests.contracts'
import * as managerSession from '@shared/contracts/manager-session.contracts'
import * as managerTerritories from '@shared/contracts/manager-territories.contracts'
import * as system from '@shared/contracts/system.contracts'
import { isApiError } from '../../common/api/api-error'
import { bindContracts } from '../../common/api/contract-client'
import { createHttpClient, type HttpClient } from '../../common/api/http'

/** The problems that mean the console's session is gone: it was never there, expired or was ended. */
export const SESSION_ENDED_CODES: ReadonlySet<string> = new Set([
  'missing_session',
  'invalid_session',
  'session_expired',
])

type SessionEndedListener = (code: string) => void
let sessionEnded: SessionEndedListener | null = null

/** Called when any console call finds the session gone, so the console can send the manager to sign in. */
export function onSessionEnded(listener: SessionEndedListener | null): void {
  sessionEnded = listener
}

// The session is an HttpOnly cookie the browser sends with every same-origin call; no script ever sees it.
const cookieClient = createHttpClient()
const client: HttpClient = {
  async request(path, options) {
    try {
      return await cookieClient.request(path, options)
    } catch (error) {
      if (isApiError(error) && error.status === 401 && SESSION_ENDED_CODES.has(error.code)) sessionEnded?.(error.code)
      throw error
    }
  },
}

/**
 * The console's API: one function per operation of the manager contracts (and the service health), named like
 * the contract, e.g. `managerApi.listPartners({ query: { limit: 50 } })`. Stores use it; tests mock this module.
 */
export const managerApi = bindContracts(client, {
  ...system,
  ...managerSession,
  ...managerAccounts,
  ...managerPartners,
  ...managerRatings,
  ...managerRequests,
  ...managerTerritories,
  ...managerAudit,
  ...managerCrmSync,
  ...managerConsole,
})

export type ManagerApi = typeof managerApi

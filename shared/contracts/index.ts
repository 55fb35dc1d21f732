import type { Contract } from './contract'
import * as managerAccounts from './manager-accounts.contracts'
import * as managerAudit from './manager-audit.contracts'
import * as managerConsole from './manager-console.contracts'
import * as managerCrmSync from './manager-crm-sync.contracts'
import * as managerPartners from './manager-partners.contracts'
import * as managerProgram from './manager-program.contracts'
import * as managerRatings from './manager-ratings.contracts'
import * as managerRequests from './manager-requests.contracts'
import * as managerSession from './manager-session.contracts'
import * as managerTerritories from './manager-territories.contracts'
import * as partner from './partner.contracts'
import * as partnerProgram from './partner-program.contracts'
import * as portalSession from './portal-session.contracts'
import * as publicRequests from './public-requests.contracts'
import * as requestStatus from './request-status.contracts'
import * as storeOrders from './store-orders.contracts'
import * as system from './system.contracts'

/**
 * Every operation of the API. Clients import the one area file they call instead of this list, so a page's
 * bundle carries only its own contracts.
 */
export const ALL_CONTRACTS: readonly Contract[] = [
  system,
  publicRequests,
  requestStatus,
  portalSession,
  partner,
  partnerProgram,
  managerSession,
  managerAccounts,
  managerPartners,
  managerRatings,
  managerRequests,
  managerTerritories,
  managerAudit,
  managerCrmSync,
  managerConsole,
  managerProgram,
  storeOrders,
].flatMap((area) => Object.values(area))

import type { EmulatorState } from '../core/state'
import type { AppRegistration, Installation, PortalState, PortalUser } from '../core/types'
import type { CrmService } from '../crm/crm-service'

/** Emulator services that methods need besides the state. */
export interface Services {
  crm: CrmService
}

/** The authenticated caller of a REST call: which app, on which portal, as which user. */
export interface Caller {
  portal: PortalState
  app: AppRegistration
  installation: Installation
  user: PortalUser
}

export interface CallContext extends Caller {
  state: EmulatorState
  services: Services
  /**
   * Parameters with top-level keys upper-cased: the portal reads `id`/`ID`, `fields`/`FIELDS` alike
   * (the docs' own examples use both, e.g. D:api-reference/crm/deals/crm-deal-get sends `{"ID":410}`).
   */
  params: Record<string, unknown>
  /** Runs another method as the same caller; `batch` uses it for its commands. */
  call: (method: string, params: Record<string, unknown>) => Promise<MethodOutcome>
}

/** What a method returns: the `result`, plus `total`/`next` for list methods. */
export interface MethodOutcome {
  result: unknown
  total?: number
  next?: number
}

export interface RestMethod {
  /** Scopes that allow the method (any of them); an empty list means the implicit `basic` scope. */
  scopes: string[]
  handler: (context: CallContext) => MethodOutcome | Promise<MethodOutcome>
}

export type MethodTable = Record<string, RestMethod>

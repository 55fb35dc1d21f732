import type { EmulatorState } from '../core/state'
import { insufficientScope, methodNotFound } from './errors'
import { upperKeys } from './names'
import type { Caller, CallContext, MethodOutcome, MethodTable, Services } from './method-types'
import { batchMethod } from './methods/batch'
import { crmDirectoryMethods } from './methods/crm-directories'
import { crmEntityMethods } from './methods/crm-entities'
import { crmUserFieldMethods } from './methods/crm-userfields'
import { eventMethods } from './methods/events'
import { placementMethods } from './methods/placements'
import { systemMethods } from './methods/system'

/** Every method the emulator implements; anything else is 404 ERROR_METHOD_NOT_FOUND. */
export const METHODS: MethodTable = {
  ...systemMethods,
  ...crmEntityMethods('lead'),
  ...crmEntityMethods('deal'),
  ...crmDirectoryMethods,
  ...crmUserFieldMethods,
  ...placementMethods,
  ...eventMethods,
  batch: batchMethod,
}

/** Runs one method for an authenticated caller; throws RestError for documented failures. */
export async function runMethod(
  state: EmulatorState,
  services: Services,
  caller: Caller,
  methodName: string,
  params: Record<string, unknown>,
): Promise<MethodOutcome> {
  const method = METHODS[methodName]
  if (method === undefined) throw methodNotFound()
  if (method.scopes.length > 0 && !method.scopes.some((scope) => caller.app.scopes.includes(scope))) {
    throw insufficientScope()
  }
  const context: CallContext = {
    ...caller,
    state,
    services,
    params: upperKeys(params),
    call: (name, subParams) => runMethod(state, services, caller, name, subParams),
  }
  return method.handler(context)
}

import * as publicRequests from '@shared/contracts/public-requests.contracts'
import type { ResponseReceived } from '@shared/contracts/contract'
import type { CreateRequestBody } from '@shared/schemas/request.schema'
import { contractCall } from '../../common/api/contract-client'
import { http } from '../../common/api/http'

export type Submitted = ResponseReceived<typeof publicRequests.createRequest>

const call = contractCall(http)

/** The request with its status token; a repeat of a recent request is answered alike and stores nothing. */
export function submitRequest(body: CreateRequestBody): Promise<Submitted> {
  return call(publicRequests.createRequest, { body })
}

/** The countries requests cannot come from (rules 2.4): the form leaves them out of its list. */
export async function fetchRestrictedCountries(): Promise<string[]> {
  return (await call(publicRequests.listRestrictedCountryCodes)).countries
}

import * as requestStatus from '@shared/contracts/request-status.contracts'
import type { ClientFeedbackBody, RequestStatusView } from '@shared/schemas/request-status.schema'
import { contractCall } from '../../common/api/contract-client'
import { createHttpClient } from '../../common/api/http'

/** The status endpoints take the token in the Authorization header, so it never appears in a URL. */
function statusCall(token: string) {
  return contractCall(createHttpClient({ getToken: () => token }))
}

export function fetchRequestStatus(token: string, signal?: AbortSignal): Promise<RequestStatusView> {
  return statusCall(token)(requestStatus.getRequestStatus, { signal })
}

export function withdrawRequest(token: string): Promise<RequestStatusView> {
  return statusCall(token)(requestStatus.withdrawRequest)
}

export function eraseContacts(token: string): Promise<RequestStatusView> {
  return statusCall(token)(requestStatus.eraseRequestContacts)
}

export function ratePartner(token: string, body: ClientFeedbackBody): Promise<RequestStatusView> {
  return statusCall(token)(requestStatus.rateReceivingPartner, { body })
}

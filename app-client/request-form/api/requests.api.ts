import { z } from 'zod'
import { CreatedRequestSchema, DuplicateRequestSchema, type CreateRequestBody } from '@shared/schemas/request.schema'
import {
  RequestStatusViewSchema,
  type ClientFeedbackBody,
  type RequestStatusView,
} from '@shared/schemas/request-status.schema'
import { createHttpClient, http } from '../../common/api/http'

const SubmittedSchema = z.union([CreatedRequestSchema, DuplicateRequestSchema])
export type Submitted = z.infer<typeof SubmittedSchema>

/** `POST /api/public/requests`: a new request with its status token, or the note that it was sent before. */
export function submitRequest(body: CreateRequestBody): Promise<Submitted> {
  return http.request('/api/public/requests', { method: 'POST', body, schema: SubmittedSchema })
}

/** The status endpoints take the token in the Authorization header, so it never appears in a URL. */
function statusClient(token: string) {
  return createHttpClient({ getToken: () => token })
}

export function fetchRequestStatus(token: string, signal?: AbortSignal): Promise<RequestStatusView> {
  return statusClient(token).request('/api/public/requests/status', { schema: RequestStatusViewSchema, signal })
}

export function withdrawRequest(token: string): Promise<RequestStatusView> {
  return statusClient(token).request('/api/public/requests/status/withdrawal', {
    method: 'POST',
    schema: RequestStatusViewSchema,
  })
}

export function eraseContacts(token: string): Promise<RequestStatusView> {
  return statusClient(token).request('/api/public/requests/status/erasure', {
    method: 'POST',
    schema: RequestStatusViewSchema,
  })
}

export function ratePartner(token: string, body: ClientFeedbackBody): Promise<RequestStatusView> {
  return statusClient(token).request('/api/public/requests/status/feedback', {
    method: 'PUT',
    body,
    schema: RequestStatusViewSchema,
  })
}

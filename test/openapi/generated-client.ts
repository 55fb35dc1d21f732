import type { components, operations, paths } from './generated/api'

/**
 * A small client written against the types that openapi-typescript generates from the served API description,
 * as a third party would write one. It only has to type-check: a document that generators misread (unresolved
 * references, missing operations or problem members) breaks it.
 */

type JsonBody<R> = R extends { content: { 'application/json': infer B } } ? B : never
type ProblemBody<R> = R extends { content: { 'application/problem+json': infer B } } ? B : never

type Reserve = paths['/api/partner/requests/{id}/reservation']['post']
export type Reserved = JsonBody<Reserve['responses'][201]>
export type ReserveRefusal = ProblemBody<Reserve['responses'][403]>

/** Reserves a request with a partner session; a refusal comes back as the typed problem body. */
export async function reserve(
  token: string,
  parameters: Reserve['parameters'],
): Promise<{ ok: true; reservation: Reserved } | { ok: false; problem: components['schemas']['Problem'] }> {
  const query = parameters.query?.assignTo ? `?assignTo=${encodeURIComponent(parameters.query.assignTo)}` : ''
  const response = await fetch(`/api/partner/requests/${encodeURIComponent(parameters.path.id)}/reservation${query}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
  })
  const body: unknown = await response.json()
  return response.ok
    ? { ok: true, reservation: body as Reserved }
    : { ok: false, problem: body as components['schemas']['Problem'] }
}

/** The contact a reservation reveals, if it is active. */
export function contactEmail(reservation: Reserved): string | null {
  return reservation.contact?.email ?? null
}

/** When a monthly quota frees, from the refusal's own extension member. */
export function quotaResetsAt(problem: ReserveRefusal): string | null {
  return 'resetsAt' in problem && typeof problem.resetsAt === 'string' ? problem.resetsAt : null
}

type Submit = operations['createRequest']
export const example: Submit['requestBody'] extends { content: { 'application/json': infer B } } ? B : never = {
  contact: { name: 'Ann Smith', email: 'ann@example.com', phone: '+49 30 123456' },
  country: 'DE',
  city: 'Berlin',
  types: [] satisfies components['schemas']['RequestType'][],
  description: 'We need help with the CRM.',
  usersCount: 25,
  preferredLanguage: 'de',
  consentToShareContacts: true,
}

export type Created = JsonBody<Submit['responses'][201]>
export type StatusToken = Created['statusToken']
export type Health = JsonBody<operations['getHealth']['responses'][200]>
export type Partners = JsonBody<paths['/api/manager/partners']['get']['responses'][200]>['items']
export type LimitedPartnerQuery = NonNullable<paths['/api/manager/partners']['get']['parameters']['query']>

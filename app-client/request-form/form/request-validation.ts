import { CreateRequestBodySchema, type CreateRequestBody } from '@shared/schemas/request.schema'
import type { FieldProblem, RequestDraft } from './request-draft'

export { fetchRestrictedCountries, submitRequest } from '../api/requests.api'

/** The body exactly as the API takes it; empty optional fields are left out, a non-number stays a string. */
export function toRequestBody(draft: RequestDraft): CreateRequestBody {
  const users = draft.usersCount.trim()
  return {
    contact: {
      name: draft.name,
      ...(draft.company.trim() ? { company: draft.company } : {}),
      email: draft.email,
      phone: draft.phone,
    },
    country: draft.country,
    city: draft.city,
    types: draft.types,
    description: draft.description,
    // The schema reports a missing or non-numeric value as it would on the server.
    usersCount: (users === '' ? undefined : /^\d+$/.test(users) ? Number(users) : users) as number,
    preferredLanguage: draft.preferredLanguage,
    consentToShareContacts: draft.consent as true,
    ...(draft.website ? { website: draft.website } : {}),
  }
}

/** Validates with the schema the server uses, so the form accepts exactly what the API accepts. */
export function validateDraft(draft: RequestDraft): Map<string, FieldProblem> {
  const result = CreateRequestBodySchema.safeParse(toRequestBody(draft))
  const problems = new Map<string, FieldProblem>()
  if (result.success) return problems
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.')
    if (!problems.has(path)) problems.set(path, { code: issue.code, message: issue.message })
  }
  return problems
}

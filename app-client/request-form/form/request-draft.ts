// No zod here: this module is part of the form's first load; the schema arrives with request-validation.ts.
import type { RequestType } from '@shared/domain/request-type-codes'

/** What the form holds while the client types: strings as typed, turned into the API body on submit. */
export interface RequestDraft {
  name: string
  company: string
  email: string
  phone: string
  country: string
  city: string
  types: RequestType[]
  usersCount: string
  description: string
  preferredLanguage: string
  consent: boolean
  /** Left empty by people; bots fill it in. */
  website: string
}

/** The fields in the order the form shows them; the first invalid one gets the focus. */
export const FIELD_ORDER = [
  'contact.name',
  'contact.company',
  'contact.email',
  'contact.phone',
  'country',
  'city',
  'types',
  'usersCount',
  'description',
  'preferredLanguage',
  'consentToShareContacts',
] as const
export type FieldPath = (typeof FIELD_ORDER)[number]

export interface FieldProblem {
  code: string
  message: string
}

export function emptyDraft(defaults: { country?: string; language?: string } = {}): RequestDraft {
  return {
    name: '',
    company: '',
    email: '',
    phone: '',
    country: defaults.country ?? '',
    city: '',
    types: [],
    usersCount: '',
    description: '',
    preferredLanguage: defaults.language ?? 'en',
    consent: false,
    website: '',
  }
}

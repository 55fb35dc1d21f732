import { scrubContactData } from '../../../shared/domain/contact-patterns'

export const ERASED = '[erased]'

export interface ErasedContacts {
  name: string
  company: string | null
  email: string
  phone: string
}

/**
 * Removes a client's contact details from someone else's free text about the request (a partner's note on
 * a returned lead, a manager's decision on it): the exact values the client gave, each word of their name,
 * and any e-mail address or phone-like number. The rest of the note stays, so the decision remains readable.
 */
export function eraseContactMentions(text: string, contacts: ErasedContacts): string {
  const words = contacts.name.split(/\s+/).filter((word) => word.length >= 2)
  const values = [contacts.company, contacts.name, contacts.email, contacts.phone, ...words]
    .filter((value): value is string => Boolean(value && value.trim()))
    .sort((a, b) => b.length - a.length)
  let result = text
  for (const value of values) {
    const escaped = value.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    result = result.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu'), ERASED)
  }
  return scrubContactData(result)
}

import { replaceContacts } from './contact-patterns'

export const MASK = '[hidden until reserved]'

/**
 * Hides contact details a client typed into free text (e-mails, phone numbers, links, messenger handles),
 * so partners without a reservation cannot reach the client around the 5-partner limit.
 */
export function maskContactDetails(text: string): string {
  return replaceContacts(text, { email: MASK, url: MASK, phone: MASK, messenger: MASK })
}

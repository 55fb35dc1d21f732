const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu
const URL_LIKE =
  /\b(?:(?:https?|ftp):\/\/|www\.)[^\s<>"']+|\b[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:com|net|org|io|de|es|fr|it|ru|uk|eu|info|biz|co|me|app|dev|ua|by|kz|pl|br|in|tr|online|site|shop|pro)\b(?:\/[^\s<>"']*)?/giu
// Seven or more digits, possibly broken up by spaces, dots, dashes or brackets, optionally after a +.
const PHONE = /(?:\+|\b)\d(?:[\s().-]{0,3}\d){6,}/g
const MESSENGER = /(?<![\p{L}\p{N}])@[A-Za-z0-9_]{4,}/gu

export const MASK = '[hidden until reserved]'

/**
 * Hides contact details a client typed into free text (e-mails, phone numbers, links, messenger handles),
 * so partners without a reservation cannot reach the client around the 5-partner limit.
 */
export function maskContactDetails(text: string): string {
  return text.replace(EMAIL, MASK).replace(URL_LIKE, MASK).replace(PHONE, MASK).replace(MESSENGER, MASK)
}

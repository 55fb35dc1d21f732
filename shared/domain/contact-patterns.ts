/**
 * The one set of patterns for contact details typed into free text: request descriptions shown to partners,
 * notes about a client, error texts and log lines all use these. Where they err, they hide too much rather than
 * too little.
 */

// Neither side of an address holds a slash or a colon, so paths such as node_modules/@scope/pkg survive; the
// last label must hold a letter (no top-level domain is all digits), so pkg@1.2.3 in a path survives too.
const EMAIL = /[\p{L}\p{N}._%+!#$&*=?^~-]+@[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)*\.[\p{N}_-]*\p{L}[\p{L}\p{N}_-]*/gu
// A scheme or www., or a host name ending in a common top-level domain, with an optional path.
const URL_LIKE =
  /\b(?:(?:https?|ftp):\/\/|www\.)[^\s<>"']+|\b[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:com|net|org|io|de|es|fr|it|ru|uk|eu|info|biz|co|me|app|dev|ua|by|kz|pl|br|in|tr|online|site|shop|pro)\b(?:\/[^\s<>"']*)?/giu
// Seven or more digits, possibly broken up by spaces, dots, dashes or brackets, optionally after a +.
const PHONE = /(?:\+|\b)\d(?:[\s().-]{0,3}\d){6,}/g
// A messenger handle such as @john_doe (Telegram, Instagram), not the @ of an e-mail address.
const MESSENGER = /(?<![\p{L}\p{N}])@[A-Za-z0-9_]{4,}/gu

/** The kinds of contact detail, in the order they are replaced: an e-mail address before the host in it. */
export const CONTACT_PATTERNS = { email: EMAIL, url: URL_LIKE, phone: PHONE, messenger: MESSENGER } as const
export type ContactKind = keyof typeof CONTACT_PATTERNS

/** Replaces each contact detail of the given kinds with that kind's replacement; other kinds stay. */
export function replaceContacts(text: string, replacements: Partial<Record<ContactKind, string>>): string {
  let result = text
  for (const kind of Object.keys(CONTACT_PATTERNS) as ContactKind[]) {
    const replacement = replacements[kind]
    // A function, so that `$` in a replacement is never read as a group reference.
    if (replacement !== undefined) result = result.replace(CONTACT_PATTERNS[kind], () => replacement)
  }
  return result
}

/**
 * Masks e-mail addresses and phone-like numbers in a text meant for operators (an error message, a note), naming
 * what was there so the text stays readable.
 */
export function scrubContactData(text: string): string {
  return replaceContacts(text, { email: '[email]', phone: '[number]' })
}

import topLevelDomains from 'tlds'
import { normalizeContactText } from './contact-text'

/**
 * The one set of patterns for contact details typed into free text: request descriptions and the city shown to
 * partners, the status page, notes about a client, error texts and log lines all go through `replaceContacts`.
 * The text is normalised first (`normalizeContactText`); where the patterns err, they hide too much rather than
 * too little. Server-only: the list of top-level domains is large, so no client bundle imports this module.
 */

const TLDS = new Set(topLevelDomains.map((tld) => tld.toLowerCase()))
const isTopLevelDomain = (label: string) => TLDS.has(label.toLowerCase())

// An address whose domain has no top-level part (`jane.doe@gmail`) still reaches the client. Neither side holds
// a slash or a colon, and the domain's first label holds a letter, so paths such as node_modules/@scope/pkg and
// pkg@1.2.3 in a stack trace survive.
const EMAIL = /[\p{L}\p{N}._%+!#$&*=?^~-]+@[\p{L}\p{N}_-]*\p{L}[\p{L}\p{N}_-]*(?:\.[\p{L}\p{N}_-]+)*/gu

// An address written out to dodge a filter: `name (at) example (dot) com`, `jane [at] example [dot] com`,
// `max ät firma punkt de`, `juan arroba empresa punto es`, `ivan собака mail точка ru`, `jane @ example . com`.
const AT_WORD = String.raw`(?:at|ät|arroba|chez|собака|@)`
const DOT_WORD = String.raw`(?:dot|punkt|punto|point|точка|\.)`
const bracketed = (word: string) => String.raw`\s*[(\[{<]\s*${word}\s*[)\]}>]\s*`
const AT = String.raw`(?:${bracketed(AT_WORD)}|\s*@\s*|\s+(?:at|ät|arroba|chez|собака)\s+)`
const DOT = String.raw`(?:${bracketed(DOT_WORD)}|\s*\.\s*|\s+(?:dot|punkt|punto|point|точка)\s+)`
const LABEL = String.raw`[\p{L}\p{N}_%+-]+`
const SPELLED_EMAIL = new RegExp(
  String.raw`(?<![\p{L}\p{N}_%+.-])${LABEL}(?:\.${LABEL})*${AT}${LABEL}(?:${DOT}${LABEL})+`,
  'giu',
)
/** The last label of a spelled-out address is a top-level domain, so `arrive at home. Then` stays. */
const endsInTopLevelDomain = (match: string) => isTopLevelDomain(/[\p{L}\p{N}_%+-]+$/u.exec(match)?.[0] ?? '')

// A link with a scheme or www., or a host name with a label that is a real top-level domain, with its path.
const SCHEME_URL = /\b(?:(?:https?|ftp):\/\/|www\.)[^\s<>"']+/giu
const HOST = /(?<![\p{L}\p{N}_@.-])[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)+(?:[/?#][^\s<>"']*)?/gu
const hasTopLevelDomain = (match: string) => match.split(/[/?#]/, 1)[0]!.split('.').slice(1).some(isTopLevelDomain)

// Seven or more digits, possibly broken up by spaces, dots, dashes, slashes or brackets, optionally after a +:
// `+49 30 987 / 654 / 32` and `0151/234/5678` go as a whole, no digit group left behind.
const PHONE = /(?:\+|\b)\d(?:[\s()./\u2010-\u2015\u2212-]{0,3}\d){6,}/gu

// A handle after the name of a messenger or network (`skype: name_skype`, `Skype-ID: live:.cid.123abc`,
// `telegram @jane_doe`, `xing Jane_Doe2`): the name stays readable, the handle goes. Without a colon, only a
// handle that looks like one (an @, a digit or an underscore) is taken, so "integration with telegram and
// whatsapp" stays.
const NETWORK = String.raw`xing|skype|telegram|tg|whats\s?app|viber|signal|instagram|insta|linked\s?in|we\s?chat|discord|icq|twitter|threema|facebook|fb|tiktok|snapchat|teams|zoom|телеграм|телеграмм|скайп|вайбер|ватсап|вотсап|вконтакте|vk|line\s?id|kakao(?:talk)?`
const HANDLE = String.raw`[@\p{L}\p{N}_.#:+-]*[\p{L}\p{N}_]`
const LABELLED_HANDLE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])((?:${NETWORK})(?:[\s-]*id)?(?:\s*[:=]\s*|\s+(?=@)|\s+(?=[\p{L}\p{N}._-]*[\p{N}_])))(${HANDLE})`,
  'giu',
)
// A bare handle such as @john_doe (Telegram, Instagram), not the @ of an e-mail address.
const BARE_HANDLE = /(?<![\p{L}\p{N}])@[\p{L}\p{N}_](?:[\p{L}\p{N}_.]*[\p{L}\p{N}_]){3,}/gu

interface ContactPattern {
  pattern: RegExp
  /** Whether a match is a contact detail after all; every match is when absent. */
  accept?: (match: string) => boolean
  /** A group to keep in front of the replacement (the name of a messenger). */
  keepPrefix?: boolean
}

/** The kinds of contact detail, in the order they are replaced: an e-mail address before the host in it. */
export const CONTACT_PATTERNS = {
  email: [{ pattern: EMAIL }, { pattern: SPELLED_EMAIL, accept: endsInTopLevelDomain }],
  url: [{ pattern: SCHEME_URL }, { pattern: HOST, accept: hasTopLevelDomain }],
  phone: [{ pattern: PHONE }],
  messenger: [{ pattern: LABELLED_HANDLE, keepPrefix: true }, { pattern: BARE_HANDLE }],
} as const satisfies Record<string, readonly ContactPattern[]>
export type ContactKind = keyof typeof CONTACT_PATTERNS

/**
 * Normalises the text, then replaces each contact detail of the given kinds with that kind's replacement; other
 * kinds stay.
 */
export function replaceContacts(text: string, replacements: Partial<Record<ContactKind, string>>): string {
  let result = normalizeContactText(text)
  for (const kind of Object.keys(CONTACT_PATTERNS) as ContactKind[]) {
    const replacement = replacements[kind]
    if (replacement === undefined) continue
    for (const rule of CONTACT_PATTERNS[kind] as readonly ContactPattern[]) {
      // A function, so that `$` in a replacement is never read as a group reference.
      result = result.replace(rule.pattern, (match: string, prefix: unknown) => {
        if (rule.accept && !rule.accept(match)) return match
        return rule.keepPrefix && typeof prefix === 'string' ? prefix + replacement : replacement
      })
    }
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

// Kept free of zod: the partner app shows an example code without the validation library.

/** No 0/O, 1/I/L: a link code is read out and typed by people. */
export const LINK_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
const GROUPS = 3
const GROUP_LENGTH = 4

/**
 * A link code in its one format, three groups of four characters such as `ZJPN-K2QV-9ECD`, with each character
 * chosen by `pick` (an index into the alphabet): the server picks at random, the example below by a fixed rule.
 */
export function linkCode(pick: (position: number) => number): string {
  const chars = Array.from({ length: GROUPS * GROUP_LENGTH }, (_, position) => LINK_CODE_ALPHABET[pick(position)])
  return Array.from({ length: GROUPS }, (_, group) =>
    chars.slice(group * GROUP_LENGTH, (group + 1) * GROUP_LENGTH).join(''),
  ).join('-')
}

/** What the partner app shows as an example: shaped like a real code, but made by a fixed rule. */
export const LINK_CODE_EXAMPLE = linkCode((position) => (position * 11 + 19) % LINK_CODE_ALPHABET.length)

/** Whether `code` has the format of a link code (upper case, with its dashes). */
export function looksLikeLinkCode(code: string): boolean {
  return new RegExp(
    `^[${LINK_CODE_ALPHABET}]{${GROUP_LENGTH}}(-[${LINK_CODE_ALPHABET}]{${GROUP_LENGTH}}){${GROUPS - 1}}$`,
  ).test(code)
}

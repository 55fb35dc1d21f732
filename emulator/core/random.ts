import { randomBytes } from 'node:crypto'

/** A lowercase hex string of `length` characters, the shape of Bitrix24 tokens and member ids. */
export function randomHex(length = 32): string {
  return randomBytes(Math.ceil(length / 2))
    .toString('hex')
    .slice(0, length)
}

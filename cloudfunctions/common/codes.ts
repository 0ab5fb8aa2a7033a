import { randomInt } from 'node:crypto'

// No 0/O, 1/I/L look-alikes: owners may have to read a code out over the phone.
export const CODE_CHARS = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'

/** A random code of `length` characters that reads unambiguously (stall codes, tracking numbers). */
export const readableCode = (length: number) => Array.from({ length }, () => CODE_CHARS[randomInt(CODE_CHARS.length)]).join('')

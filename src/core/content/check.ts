import type { Evidence, PlatformNote } from './evidence'

/**
 * Checks of content against its sources, shared by the content tests (and usable by a staff
 * tool later). Pure functions: no file system here; the caller passes the seed texts.
 */

/** Whitespace of any kind (spaces, full-width spaces, line breaks) never matters in a quote. */
export const normalise = (text: string) => text.replace(/[\s\u3000\u00a0\ufeff]+/g, '')

/** Whether `quote` appears verbatim in `seedText`, whitespace aside. */
export const quoteInSeed = (quote: string, seedText: string) => normalise(seedText).includes(normalise(quote))

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 }

/** 三十 → 30, 五百 → 500, 一千 → 1000, 十五 → 15, 二十四 → 24. */
export function chineseNumber(run: string): number {
  let total = 0
  let section = 0
  let digit = 0
  for (const c of run) {
    if (c in CN_DIGITS) digit = CN_DIGITS[c]
    else if (c in CN_UNITS) {
      section += (digit || 1) * CN_UNITS[c]
      digit = 0
    } else if (c === '万') {
      total += (section + digit) * 10000
      section = 0
      digit = 0
    }
  }
  return total + section + digit
}

const ARABIC = /\d+(?:\.\d+)?/g
const CN_RUN = '[零〇一二两三四五六七八九十百千万]+'
/** In our own text a Chinese numeral counts only before a unit (so 一网通办, 三合一 are words, not numbers). */
const CN_WITH_UNIT = new RegExp(`(${CN_RUN})(?=倍|年|个月|个工作日|工作日|日|天|次|元|条|项)`, 'g')
const CN_ANY = new RegExp(CN_RUN, 'g')

/** The numbers an owner reads in a text (Arabic, or Chinese before a unit). */
export function numbersInText(text: string): number[] {
  const out = (text.match(ARABIC) ?? []).map(Number)
  for (const m of text.matchAll(CN_WITH_UNIT)) out.push(chineseNumber(m[1]))
  return out
}

/** Every number a source states (quotes are often in Chinese numerals: 七日, 五百元, 三十日). */
export function numbersInSource(text: string): Set<number> {
  const out = new Set((text.match(ARABIC) ?? []).map(Number))
  for (const m of text.matchAll(CN_ANY)) out.add(chineseNumber(m[0]))
  return out
}

/**
 * Numbers in `texts` that neither a quote nor the platform note states. Naming the source is not a
 * claim: "第三十六条" or "公告2023年第19号" is stated by the clause, title or number its evidence names.
 */
export function unsupportedNumbers(texts: readonly string[], evidence: readonly Evidence[], platform?: PlatformNote | null): number[] {
  const stated = new Set<number>()
  for (const e of evidence) for (const n of [e.quote, e.source.clause, e.source.document, e.source.number ?? ''].flatMap((t) => [...numbersInSource(t)])) stated.add(n)
  if (platform) for (const n of numbersInSource(platform.note)) stated.add(n)
  return [...new Set(texts.flatMap(numbersInText))].filter((n) => !stated.has(n))
}

/** A shown source must name a document, never a seed file or our word for it. */
export const looksLikeFileName = (text: string) => /种子|seed|\.txt\b|\b\d{3}_[0-9a-f]{16}\b/i.test(text)

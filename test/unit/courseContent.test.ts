import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { MODULES } from '../../src/core/course/content'
import { LOAN_PRODUCTS } from '../../src/core/loan/products'
import { PERMIT_TYPES } from '../../src/core/reminder/permitTypes'
import { chineseNumber, looksLikeFileName, normalise, numbersInText, quoteInSeed, unsupportedNumbers } from '../../src/core/content/check'
import type { Evidence, PlatformNote } from '../../src/core/content/evidence'
import { moduleFileSchema } from '../../src/core/content/schema'

/**
 * "Never tell an owner more than the source says": every content item rests on a quote of its
 * source or on a labelled platform note, seed quotes are the seeds' exact words, every number an
 * owner reads is stated by a quote or by our own note, and no shown source names a file.
 */
const ROOT = join(__dirname, '../..')
const CONTENT = join(ROOT, 'content/course')
const SEEDS = join(ROOT, '../shared/seeds')
const seedText = (() => {
  const cache = new Map<string, string>()
  return (file: string) => {
    if (!cache.has(file)) cache.set(file, readFileSync(join(SEEDS, file), 'utf8'))
    return cache.get(file)!
  }
})()

const files = readdirSync(CONTENT).filter((f) => f.endsWith('.json'))

interface Item {
  where: string
  /** what the owner reads */
  texts: string[]
  evidence: Evidence[]
  platform?: PlatformNote | null
}

const courseItems: Item[] = MODULES.flatMap((m) =>
  m.lessons.flatMap((l) => [
    // a lesson's title rests on what its points rest on
    {
      where: `${l.id} title`,
      texts: [l.title],
      evidence: l.cited.flatMap((p) => p.evidence),
      platform: l.cited.some((p) => p.platform) ? { note: l.cited.map((p) => p.platform?.note ?? '').join('') } : null
    },
    ...l.cited.map((p, i) => ({ where: `${l.id} point ${i + 1}`, texts: [p.text], evidence: p.evidence, platform: p.platform })),
    ...l.questions.map((q) => ({ where: q.id, texts: [q.stem, ...q.options, q.explain], evidence: q.evidence, platform: q.platform }))
  ])
)
const productItems: Item[] = LOAN_PRODUCTS.map((p) => ({
  where: `loan ${p.id}`,
  texts: [p.name, p.summary, p.fitNote, ...(p.maxTermMonths ? [`${p.maxTermMonths / 12}年`] : [])],
  evidence: p.evidence,
  platform: p.platform
}))
const permitItems: Item[] = Object.entries(PERMIT_TYPES).map(([key, t]) => ({
  where: `permit ${key}`,
  texts: [t.label, t.renewRule, t.howToRenew, t.basis, ...(t.validityYears ? [`${t.validityYears}年`] : []), ...(t.applyLead ? [`${t.applyLead.n}${t.applyLead.unit === 'day' ? '天' : '个月'}`] : [])],
  evidence: t.evidence,
  platform: t.platform
}))
const allItems = [...courseItems, ...productItems, ...permitItems]

describe('course content files', () => {
  test('seven module files, each valid against the strict schema', () => {
    expect(files.sort()).toEqual(['basics.json', 'finance-help.json', 'food.json', 'law.json', 'management.json', 'safety.json', 'tax.json'])
    for (const f of files) {
      const r = moduleFileSchema.safeParse(JSON.parse(readFileSync(join(CONTENT, f), 'utf8')))
      expect([f, r.success ? 'ok' : r.error.issues]).toEqual([f, 'ok'])
    }
  })

  test('the content is what the exam and the lessons read: 7 modules, 12 lessons, 41 questions, ids unique', () => {
    const lessons = MODULES.flatMap((m) => m.lessons)
    const questions = lessons.flatMap((l) => l.questions)
    expect([MODULES.length, lessons.length, questions.length]).toEqual([7, 12, 41])
    expect(new Set(questions.map((q) => q.id)).size).toBe(41)
    for (const l of lessons) expect(l.points).toEqual(l.cited.map((p) => p.text))
  })

  test('question ids are the ones attempts already store', () => {
    // courseAttempts keep drawn question ids: an id may change its wording, never disappear
    const ids = MODULES.flatMap((m) => m.lessons.flatMap((l) => l.questions.map((q) => q.id)))
    for (const prefix of ['basics-licence-', 'basics-ar-', 'safety-fire-', 'law-consumer-', 'food-licence-', 'food-safety-']) for (const n of [1, 2, 3, 4].slice(0, prefix.startsWith('food') ? 3 : 4)) expect(ids).toContain(`${prefix}${n}`)
    for (const id of ['law-price-1', 'law-price-2', 'law-price-3', 'management-books-1', 'management-books-2', 'management-books-3', 'management-staff-1', 'management-staff-2', 'management-staff-3', 'tax-relief-1', 'tax-relief-2', 'tax-relief-3', 'tax-relief-4', 'finance-credit-1', 'finance-credit-2', 'finance-credit-3', 'finance-complaint-1', 'finance-complaint-2', 'finance-complaint-3'])
      expect(ids).toContain(id)
  })
})

describe('every item rests on its source', () => {
  test('every lesson point, question, loan product and permit type has evidence or a platform note', () => {
    for (const item of allItems) expect([item.where, item.evidence.length > 0 || !!item.platform?.note]).toEqual([item.where, true])
  })

  test('every seed quote appears verbatim in the seed it names (whitespace aside)', () => {
    const quotes = allItems.flatMap((i) => i.evidence.map((e) => ({ where: i.where, e })))
    expect(quotes.filter((q) => q.e.source.seed).length).toBeGreaterThan(20)
    for (const { where, e } of quotes) if (e.source.seed) expect([where, e.quote, quoteInSeed(e.quote, seedText(e.source.seed))]).toEqual([where, e.quote, true])
  })

  test('every number an owner reads is stated by a quote or by our own note', () => {
    const unsupported = allItems.map((item) => [item.where, unsupportedNumbers(item.texts, item.evidence, item.platform)] as const).filter(([, n]) => n.length)
    expect(unsupported).toEqual([])
  })

  test('no shown source is a file name or "种子"', () => {
    const shown = [
      ...MODULES.flatMap((m) => m.lessons.map((l) => l.source)),
      ...allItems.flatMap((i) => [...i.texts, ...i.evidence.flatMap((e) => [e.source.document, e.source.number ?? '', e.source.clause])]),
      ...LOAN_PRODUCTS.flatMap((p) => [p.source.document, p.source.number ?? '', p.source.clause])
    ]
    for (const s of shown) expect([s, looksLikeFileName(s)]).toEqual([s, false])
  })

  test('platform notes say they are ours', () => {
    for (const item of allItems) if (item.platform) expect(item.platform.note.startsWith('本平台口径：')).toBe(true)
  })
})

describe('the checks themselves catch what they should', () => {
  const seed = '一、目标要求\n到2024年底，主体规模进一步壮大，全市在册个体工商户总数超100万户，吸纳就业175万人以上。'
  const fromSeed = (quote: string): Evidence => ({ source: { document: '《某文件》', number: null, clause: '一', seed: 'x.txt' }, quote })

  test('a quote that is not in the seed fails; line breaks and full-width spaces do not matter', () => {
    expect(quoteInSeed('全市在册个体工商户总数超100万户', seed)).toBe(true)
    expect(quoteInSeed('目标要求 到2024年底，主体规模进一步壮大', seed)).toBe(true)
    expect(quoteInSeed('目标要求\u3000到2024\n年底', seed)).toBe(true)
    // a wrong number, a paraphrase
    expect(quoteInSeed('全市在册个体工商户总数超200万户', seed)).toBe(false)
    expect(quoteInSeed('全市个体工商户超过100万户', seed)).toBe(false)
    expect(normalise(' a\u3000b\nc ')).toBe('abc')
  })

  test('a number the quote does not state is caught; Chinese numerals in quotes count', () => {
    expect(unsupportedNumbers(['吸纳就业175万人以上'], [fromSeed('吸纳就业175万人以上')])).toEqual([])
    expect(unsupportedNumbers(['吸纳就业180万人以上'], [fromSeed('吸纳就业175万人以上')])).toEqual([180])
    expect(unsupportedNumbers(['7日内可以退货，不足500元的按500元'], [fromSeed('自收到商品之日起七日内退货；不足五百元的，为五百元')])).toEqual([])
    expect(unsupportedNumbers(['一个月内签合同', '每月付两倍工资'], [fromSeed('一个月内订立')])).toEqual([2])
    expect(unsupportedNumbers(['一个月内签合同', '每月付两倍工资'], [fromSeed('一个月内订立')], { note: '本平台口径：二倍工资' })).toEqual([])
    expect([chineseNumber('三十'), chineseNumber('五百'), chineseNumber('一千'), chineseNumber('十五'), chineseNumber('二十四'), chineseNumber('两')]).toEqual([30, 500, 1000, 15, 24, 2])
    // words that merely contain a numeral are not numbers
    expect(numbersInText('一网通办、三合一、一眼能看到')).toEqual([])
  })

  test('a file name or our word for it is caught in a shown source', () => {
    expect(looksLikeFileName('甘州区扶持通知第22条（种子文件001）')).toBe(true)
    expect(looksLikeFileName('001_6370ae24ded8f93b.txt')).toBe(true)
    expect(looksLikeFileName('《温州市推进个体工商户全生命周期服务增值化改革实施方案》（温市监联〔2024〕13号）')).toBe(false)
  })

  test('a wrong quote in a real item fails the seed check', () => {
    const item = MODULES.flatMap((m) => m.lessons.flatMap((l) => l.cited)).find((p) => p.evidence.some((e) => e.source.seed))!
    const e = item.evidence.find((x) => x.source.seed)!
    expect(quoteInSeed(e.quote, seedText(e.source.seed!))).toBe(true)
    expect(quoteInSeed(e.quote.replace(/\d/, (d) => String((Number(d) + 1) % 10)) + '（改动）', seedText(e.source.seed!))).toBe(false)
  })

  test('a file that leaves out a quote or names an unknown field is refused by the schema', () => {
    const file = JSON.parse(readFileSync(join(CONTENT, 'basics.json'), 'utf8'))
    const noSource = structuredClone(file)
    noSource.lessons[0].points[0] = { text: '营业执照要放在醒目位置。', evidence: [] }
    expect(moduleFileSchema.safeParse(noSource).success).toBe(false)
    const extra = structuredClone(file)
    extra.lessons[0].questions[0].sourceNote = '种子文件002'
    expect(moduleFileSchema.safeParse(extra).success).toBe(false)
    const badSeed = structuredClone(file)
    badSeed.lessons[0].points[0].evidence[0].source.seed = '种子文件002'
    expect(moduleFileSchema.safeParse(badSeed).success).toBe(false)
  })
})

import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { policyFileSchema } from '../../src/core/policy/content'
import { POLICY_FILES, POLICY_LIBRARY, type PolicyFile } from '../../src/core/policy/library'

/**
 * The content files against their sources: every quote is in the seed it names, and every
 * number an owner reads in a summary is backed by a quote or labelled as this platform's own.
 */
const CONTENT_DIR = resolve(__dirname, '../../content/policies')
// The source documents live beside the repository (../shared/seeds); SEEDS_DIR points elsewhere.
const SEEDS_DIR = process.env.SEEDS_DIR ?? resolve(__dirname, '../../../shared/seeds')

/** The ids in git HEAD's library.ts before the move to data: later features link to them. */
const STABLE_IDS = [
  'gz-02-instant-licence', 'gz-03-change-operator', 'gz-05-startup-subsidy', 'gz-07-guaranteed-loan', 'gz-07-ip-loan',
  'gz-08-veteran-loan', 'gz-09-credit-financing', 'gz-10-vat-exemptions', 'gz-11-six-taxes-two-fees', 'gz-12-illegal-fees',
  'gz-13-recruitment', 'gz-14-skills-training', 'gz-17-online-sales', 'gz-20-to-enterprise', 'gz-22-credit-repair',
  'gz-25-government-procurement', 'gz-26-housing-fund', 'gz-27-road-freight', 'gz-28-lenient-supervision', 'gz-31-legal-aid',
  'wz-03-power-connection', 'wz-04-code-loan', 'wz-06-first-lesson', 'wz-09-featured-apply', 'wz-10-to-enterprise-bookkeeping',
  'wz-12-credit-loans', 'wz-13-low-cost-premises', 'wz-14-legal-service', 'wz-15-skills-subsidy', 'wz-19-credit-repair',
  'wz-20-light-penalties', 'wh-survival', 'wh-growth', 'wh-development', 'wh-famous', 'wh-special', 'wh-quality', 'wh-emerging',
  'sm-3-2-social-insurance-deferral', 'sm-3-3-flexible-insurance', 'sm-3-4-job-retention-refund', 'sm-8-3-payment-fees',
  'sm-9-4-bank-tax', 'sm-7-veteran-support', 'sm-4-rural-entrepreneurship'
]

/** Whitespace aside: line breaks, ASCII, full-width (U+3000) and no-break spaces all go. */
export const normalise = (s: string) => s.replace(/[\s\u3000\u00a0\ufeff\u200b]+/g, '')

/**
 * Numbers as an owner reads them: Arabic digits (with a decimal part and a 万/千/百/亿 unit
 * directly after), and Chinese amounts that carry 百/千/万/亿 ("一百万", "两千"). Small Chinese
 * numerals ("三年", "一次性") are words too often to check mechanically; the review covers them.
 */
export function numbersIn(s: string): string[] {
  const t = normalise(s)
  const arabic = t.match(/\d+(?:\.\d+)?[万千百亿]?/g) ?? []
  const chinese = t.match(/[零〇一二两三四五六七八九十]+[百千万亿][零〇一二两三四五六七八九十百千万亿]*/g) ?? []
  return [...arabic, ...chinese]
}

/** Every problem with one content file, in plain words; an empty list means it holds. */
export function problems(name: string, raw: unknown, readSeed: (seed: string) => string | null): string[] {
  const out: string[] = []
  const parsed = policyFileSchema.safeParse(raw)
  if (!parsed.success) return parsed.error.issues.map((i) => `${name}: ${i.path.join('.')}: ${i.message}`)
  const file = parsed.data
  const seedText = readSeed(file.document.seed)
  if (seedText === null) return [`${name}: seed ${file.document.seed} not found in ${SEEDS_DIR}`]
  const source = normalise(seedText)
  const inSeed = (where: string, quote: string) => {
    if (!source.includes(normalise(quote))) out.push(`${where}: quote not in ${file.document.seed}: “${quote.slice(0, 40)}…”`)
  }
  file.document.evidence.forEach((e, i) => inSeed(`${name} document.evidence[${i}]`, e.quote))
  for (const p of file.policies) {
    p.evidence.forEach((e, i) => inSeed(`${p.id} evidence[${i}]`, e.quote))
    if (p.period.quote !== null) inSeed(`${p.id} period`, p.period.quote)
    // how to act: an online entry or a material the document names is quoted from it
    p.act.online.forEach((o, i) => o.quote !== null && inSeed(`${p.id} act.online[${i}]`, o.quote))
    p.act.materials.forEach((m, i) => m.quote !== null && inSeed(`${p.id} act.materials[${i}]`, m.quote))
    // what backs a number: this policy's quotes and notes, and the document's (region, dates)
    const backing = new Set(
      [...p.evidence.map((e) => e.quote), ...p.platform.map((n) => n.note), p.period.quote ?? '', ...file.document.evidence.map((e) => e.quote)].flatMap(numbersIn)
    )
    const shown = [p.title, p.summary.what, p.summary.who, p.summary.how, p.summary.where].join('\n')
    for (const n of numbersIn(shown)) if (!backing.has(n)) out.push(`${p.id}: “${n}” in the title or summary has no quote or platform note`)
    // a number in a rule (months in business, employees) is our reading of the words: say so
    for (const c of p.conditions) {
      if ((c.fact === 'monthsInBusiness' || c.fact === 'employees') && !backing.has(String(c.value))) out.push(`${p.id}: rule ${c.fact} ${c.value} has no quote or platform note`)
    }
    if (p.reviewedAt !== null && p.reviewedAt > new Date().toISOString().slice(0, 10)) out.push(`${p.id}: reviewedAt is in the future`)
  }
  return out
}

const readSeed = (seed: string) => {
  const path = join(SEEDS_DIR, seed)
  return existsSync(path) ? readFileSync(path, 'utf8') : null
}
const files = readdirSync(CONTENT_DIR).filter((f) => f.endsWith('.json')).sort()
const load = (f: string) => JSON.parse(readFileSync(join(CONTENT_DIR, f), 'utf8')) as PolicyFile

describe('policy content files', () => {
  test('the source documents are where the test looks for them', () => {
    expect(existsSync(SEEDS_DIR)).toBe(true)
  })

  test('the library is exactly the content files (the loader forgets none)', () => {
    expect(files).toEqual(Object.keys(POLICY_FILES).sort())
    for (const f of files) expect(POLICY_FILES[f]).toEqual(load(f))
  })

  test.each(files)('%s validates, and every quote and summary number holds against its seed', (f) => {
    expect(problems(f, load(f), readSeed)).toEqual([])
  })

  test('ids are unique and the 45 ids from before the move are all still there', () => {
    const ids = POLICY_LIBRARY.flatMap((p) => [p.id, ...(p.aliases ?? [])])
    expect(new Set(ids).size).toBe(ids.length)
    expect(STABLE_IDS.filter((id) => !ids.includes(id))).toEqual([])
    expect(POLICY_LIBRARY).toHaveLength(45)
  })

  test('a document with no region (seed 000, province masked) gives its policies no region rule', () => {
    for (const f of files) {
      const { document, policies } = load(f)
      for (const p of policies) {
        const regions = p.conditions.filter((c) => c.fact === 'region').map((c) => c.value)
        expect([p.id, regions]).toEqual([p.id, document.region === null ? [] : [document.region]])
      }
    }
  })

  test('a draft (征求意见稿) says so in the citation owners see', () => {
    for (const p of POLICY_LIBRARY) expect(p.source.document.includes('征求意见稿')).toBe(p.source.draft === true)
    expect(POLICY_LIBRARY.filter((p) => p.source.draft).map((p) => p.id.slice(0, 3))).toEqual(Array(20).fill('gz-'))
  })

  test('seed 000 (September 2023) and seed 001 (2024年度) end in the past with their quotes', () => {
    for (const p of POLICY_LIBRARY.filter((x) => x.id.startsWith('sm-'))) {
      expect(p.period).toEqual({ text: '活动时间2023年9月', from: '2023-09-01', to: '2023-09-30', quote: '二、活动时间\n2023年9月。' })
      expect(p.source.region).toBeNull()
    }
    for (const p of POLICY_LIBRARY.filter((x) => x.id.startsWith('gz-'))) {
      expect(p.period).toMatchObject({ text: '2024年度', to: '2024-12-31' })
      expect(p.effectiveTo).toBe('2024-12-31')
    }
  })

  test('every policy says whom to ask; in-app steps and web addresses are where the summary or a note says so', () => {
    for (const p of POLICY_LIBRARY) {
      expect([p.id, p.act.ask.length > 0]).toEqual([p.id, true])
      for (const o of p.act.online) if (o.url) expect([p.id, o.url.startsWith('https://'), !!o.note]).toEqual([p.id, true, true])
    }
    // the summary's own words point at the app where a button takes the owner there
    const byId = (id: string) => POLICY_LIBRARY.find((p) => p.id === id)!
    expect(byId('wz-04-code-loan').act.actions).toEqual(['loan'])
    expect(byId('wz-04-code-loan').summary.how).toContain('码上贷')
    expect(byId('wz-06-first-lesson').act.actions).toEqual(['course'])
    expect(byId('gz-12-illegal-fees').act.actions).toEqual(['complaint'])
    expect(byId('gz-22-credit-repair').act.actions).toEqual(['annualReport'])
  })

  test('no source is shown as a file name or our word for a place (种子, 某省)', () => {
    for (const f of files) {
      const { document } = load(f)
      expect([f, /种子|某省|seed|\.txt/i.test(`${document.title}${document.issuer}`)]).toEqual([f, false])
    }
  })

  test('nobody has reviewed the content yet, and no file pretends otherwise', () => {
    expect(POLICY_LIBRARY.every((p) => p.reviewedAt === null)).toBe(true)
  })
})

describe('the content check can fail', () => {
  const good = load('003-wenzhou.json')
  const copy = (): PolicyFile => JSON.parse(JSON.stringify(good))

  test('a how-to-act quote the seed does not contain, and a web address with nothing behind it', () => {
    const bad = copy()
    bad.policies[0].act.online = [{ name: '某某网', url: null, quote: '在某某网上直接申请', note: null }]
    expect(problems('bad.json', bad, readSeed)).toEqual(['wz-03-power-connection act.online[0]: quote not in 003_6dcf117c5c42f4b2.txt: “在某某网上直接申请…”'])
    bad.policies[0].act.online = [{ name: '某某网', url: 'https://example.gov.cn', quote: bad.policies[0].evidence[0].quote, note: null }]
    expect(problems('bad.json', bad, readSeed).join('\n')).toContain('文件没写的网址要有本平台说明')
  })

  test('a quote the seed does not contain', () => {
    const bad = copy()
    bad.policies[0].evidence[0].quote = '10(20)千伏项目审批时间压减至3天内'
    const found = problems('bad.json', bad, readSeed)
    expect(found[0]).toBe('wz-03-power-connection evidence[0]: quote not in 003_6dcf117c5c42f4b2.txt: “10(20)千伏项目审批时间压减至3天内…”')
    // and with the real sentence gone, the summary's “7天内” has nothing behind it either
    expect(found).toContain('wz-03-power-connection: “7” in the title or summary has no quote or platform note')
  })

  test('a number in the summary that no quote states', () => {
    const bad = copy()
    bad.policies[1].summary.what += '最高可贷30万元。'
    expect(problems('bad.json', bad, readSeed)).toEqual(['wz-04-code-loan: “30万” in the title or summary has no quote or platform note'])
  })

  test('a rule number with nothing behind it', () => {
    const bad = copy()
    bad.policies[2].conditions = [bad.policies[2].conditions[0], { fact: 'monthsInBusiness', op: 'lte', value: 6 }]
    expect(problems('bad.json', bad, readSeed)).toEqual(['wz-06-first-lesson: rule monthsInBusiness 6 has no quote or platform note'])
  })

  test('an unknown field, and a period that disagrees with the end date', () => {
    const bad = copy() as unknown as { policies: Array<Record<string, unknown>> }
    bad.policies[0].note = 'x'
    expect(problems('bad.json', bad, readSeed).join('\n')).toContain('不认识的字段：note')
    const late = copy()
    late.policies[0].period = { text: '到2024年底', from: '2024-05-10', to: '2024-12-31', quote: '到2024年底' }
    expect(problems('late.json', late, readSeed).join('\n')).toContain('文件写明了期限，失效日期应与之一致')
  })

  test('whitespace is set aside on both sides, full-width and line breaks included', () => {
    expect(normalise('二、活动时间\n2023年9月。')).toBe(normalise('二、活动时间\u30002023年9月。 '))
    expect(numbersIn('新增个体工商户贷款400亿元，到2024年底超一百万户，0.4千伏')).toEqual(['400亿', '2024', '0.4千', '一百万'])
  })
})

import { readFileSync } from 'node:fs'
import { classificationConfigFor, classify, DEFAULT_CLASSIFICATION, type ClassificationInput } from '../../src/core/user/classify'

const base: ClassificationInput = { openedOn: '2026-01-01', employees: 0, revenueBand: 'lt10w', taxPaid: false, socialInsurance: false }
const TODAY = '2026-11-21'

describe('分型 (seed 004)', () => {
  test('a stall opened this year with no staff or tax is 生存型, and says what growth needs', () => {
    const c = classify(base, TODAY)
    expect(c.type).toBe('survival')
    expect(c.label).toBe('生存型')
    expect(c.reasons.some((r) => !r.met && r.text.includes('经营满1年') && r.text.includes('10个月'))).toBe(true)
    expect(c.focus).toContain('降低经营成本')
  })

  test('one year is the boundary for 成长型', () => {
    const p = { ...base, employees: 2 }
    expect(classify({ ...p, openedOn: '2025-11-22' }, TODAY).type).toBe('survival')
    expect(classify({ ...p, openedOn: '2025-11-21' }, TODAY).type).toBe('growth')
  })

  test('any one of staff, tax, social insurance or revenue counts for 成长型', () => {
    const old = { ...base, openedOn: '2020-01-01' }
    expect(classify(old, TODAY).type).toBe('survival')
    expect(classify({ ...old, employees: 1 }, TODAY).type).toBe('growth')
    expect(classify({ ...old, taxPaid: true }, TODAY).type).toBe('growth')
    expect(classify({ ...old, socialInsurance: true }, TODAY).type).toBe('growth')
    expect(classify({ ...old, revenueBand: '10w_50w' }, TODAY).type).toBe('growth')
  })

  test('发展型 needs three years, tax, and size; a growth result names what is missing', () => {
    const big = { ...base, openedOn: '2015-05-01', employees: 12, revenueBand: '100w_500w' as const, taxPaid: true }
    expect(classify(big, TODAY).type).toBe('development')
    const noTax = classify({ ...big, taxPaid: false, socialInsurance: true }, TODAY)
    expect(noTax.type).toBe('growth')
    expect(noTax.reasons.filter((r) => !r.met).map((r) => r.text)).toEqual(['尚未达到：依法纳税'])
    expect(classify({ ...big, openedOn: '2024-01-01' }, TODAY).type).toBe('growth')
  })

  test('every reason states the owner’s own figures', () => {
    const c = classify({ ...base, openedOn: '2019-05-01', employees: 3, revenueBand: '50w_100w', taxPaid: true }, TODAY)
    const texts = c.reasons.map((r) => r.text).join('|')
    expect(texts).toContain('您已经营7年6个月')
    expect(texts).toContain('您有雇员3人')
    expect(texts).toContain('50万–100万元')
  })

  test('thresholds are configuration', () => {
    const strict = { ...DEFAULT_CLASSIFICATION, version: 'test', growth: { ...DEFAULT_CLASSIFICATION.growth, minMonths: 24 } }
    const p = { ...base, openedOn: '2025-06-01', employees: 2 }
    expect(classify(p, TODAY).type).toBe('growth')
    const c = classify(p, TODAY, strict)
    expect(c.type).toBe('survival')
    expect(c.configVersion).toBe('test')
  })
})

describe('分型 per region: our thresholds are labelled ours; the 7月1日 decision only where a document says so', () => {
  const grown = { openedOn: '2023-01-01', employees: 3, revenueBand: '50w_100w' as const, taxPaid: true, socialInsurance: true }

  test('an owner in 温州 is told it is our estimate and given no date', () => {
    const c = classify({ ...grown, region: '330302' }, '2026-11-21')
    expect(c.note).toContain('本平台的估算口径')
    expect(c.note).not.toMatch(/7月1日|9月30日/)
  })

  test('an owner in 武汉 hears of the yearly decision on 7月1日 and the 9月30日 review, quoted from seed 004', () => {
    const c = classify({ ...grown, region: '420102' }, '2026-11-21')
    expect(c.note).toContain('7月1日')
    expect(c.note).toContain('9月30日')
    const cfg = classificationConfigFor('420102')
    const seed = readFileSync('../shared/seeds/004_14942ef18837be34.txt', 'utf8').replace(/\s+/g, '')
    expect(seed).toContain(cfg.decision!.quote.replace(/\s+/g, ''))
  })
})

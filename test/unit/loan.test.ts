import fc from 'fast-check'
import { parseStatement } from '../../cloudfunctions/loan/routes'
import { checkIdNumber, idCheckChar, maskId, maskPhone } from '../../src/core/loan/identity'
import { annualStanding } from '../../src/core/loan/annualStanding'
import { assess, DEFAULT_SCORECARD, type ScoreInput } from '../../src/core/loan/scorecard'

const base: ScoreInput = {
  turnover: Array(12).fill(30000),
  monthsInBusiness: 30,
  taxPaid: true,
  socialInsurance: false,
  annualReport: { markedDown: false, ownerText: '2025年度年报已报送' },
  validPermits: 1,
  featured: false,
  abnormal: false
}

describe('the 码上贷 scorecard', () => {
  test('monotone in turnover: more steady turnover never lowers the score', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a]
        const x = assess({ ...base, turnover: Array(12).fill(lo) })
        const y = assess({ ...base, turnover: Array(12).fill(hi) })
        return y.score >= x.score
      })
    )
  })

  test('monotone in years in business', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 600 }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a]
        return assess({ ...base, monthsInBusiness: hi }).score >= assess({ ...base, monthsInBusiness: lo }).score
      })
    )
  })

  test('an 经营异常 mark lowers it and says how to repair', () => {
    const clean = assess(base)
    const marked = assess({ ...base, abnormal: true })
    expect(marked.score).toBe(clean.score - DEFAULT_SCORECARD.abnormal)
    expect(marked.factors.find((f) => f.name === '经营异常')!.raise).toContain('信用修复')
  })

  test('every factor is explained with the owner’s figure, and says what would raise it unless at full marks', () => {
    const r = assess({ ...base, turnover: [10000, 50000, 20000], taxPaid: false })
    for (const f of r.factors) {
      expect(f.detail.length).toBeGreaterThan(2)
      if (f.points < f.max) expect(f.raise).toBeTruthy()
    }
    expect(r.factors.find((f) => f.name === '收款码月流水')!.detail).toBe('近3个月平均每月2.7万元')
    expect(r.factors.find((f) => f.name === '收款码月流水')!.raise).toContain('补全近12个月')
    expect(r.disclaimer).toContain('不是贷款承诺')
  })

  test('weights are configuration', () => {
    const heavyTax = { ...DEFAULT_SCORECARD, taxPaid: 40 }
    expect(assess(base, heavyTax).score - assess(base).score).toBe(30)
  })

  test('it gives a score and reasons, never an amount: no product document states one', () => {
    const r = assess({ ...base, turnover: [], taxPaid: false, validPermits: 0, monthsInBusiness: 3 })
    expect(Object.keys(r).sort()).toEqual(['averageTurnover', 'configVersion', 'disclaimer', 'factors', 'score'])
    expect(JSON.stringify(r)).not.toMatch(/额度\s*\d|\d+\s*万元?[^流]|可贷/)
    expect(r.disclaimer).toContain('我们的估算')
  })

  test('an owner not yet due to file the annual report gets the same 年报 points as one who filed; only an unrecorded past report costs them', () => {
    const opened = annualStanding('2026-09-10', new Date('2026-11-21T02:00:00Z'), [])
    const fresh = assess({ ...base, annualReport: opened })
    expect(fresh.score).toBe(assess(base).score)
    const f = fresh.factors.find((x) => x.name === '年报')!
    expect(f).toMatchObject({ points: DEFAULT_SCORECARD.annualReportFiled, raise: null })
    expect(f.detail).toBe('首份年报（2026年度）在2027年1月1日至2027年6月30日报送，现在还不用报，不扣分')
    const missed = assess({ ...base, annualReport: annualStanding('2019-05-01', new Date('2026-11-21T02:00:00Z'), []) })
    expect(missed.score).toBe(assess(base).score - DEFAULT_SCORECARD.annualReportFiled)
    expect(missed.factors.find((x) => x.name === '年报')).toMatchObject({ points: 0, detail: '没有记录2025年度年报已报送（2026年6月30日截止）' })
    expect(missed.factors.find((x) => x.name === '年报')!.raise).toContain('补报')
  })
})

describe('identity numbers and phones', () => {
  test('the GB 11643 check character', () => {
    expect(checkIdNumber('11010519491231002X')).toEqual({ ok: true, value: '11010519491231002X' })
    expect(checkIdNumber('11010519491231002x').ok).toBe(true)
    expect(checkIdNumber('110105194912310021')).toEqual({ ok: false, message: '身份证号最后一位校验不对，请核对' })
    expect(checkIdNumber('1101051949')).toEqual({ ok: false, message: '身份证号应为18位（最后一位可能是X）' })
    expect(idCheckChar('11010519491231002')).toBe('X')
  })
  test('masked for staff eyes', () => {
    expect(maskPhone('13800138000')).toBe('138****8000')
    expect(maskId('11010519491231002X')).toBe('1101**********002X')
  })
})

describe('bank statement import', () => {
  test('income summed by month; payments out, headers and junk skipped; last 12 months kept', () => {
    const csv = ['交易日期,金额,摘要', '2026-10-03,1280.00,收款码', '2026/10/05,"1,000.50",收款码', '20261101,300,收款码', '2026-11-02,-500,退款', 'not a line', ''].join('\n')
    expect(parseStatement(csv)).toEqual({ months: [{ month: '2026-10', amount: 2280.5 }, { month: '2026-11', amount: 300 }], lines: 6, skipped: 2 })
    const many = Array.from({ length: 15 }, (_, i) => `2025-${String((i % 12) + 1).padStart(2, '0')}-0${1 + Math.floor(i / 12)},100`).join('\n')
    expect(parseStatement(many).months).toHaveLength(12)
  })
})

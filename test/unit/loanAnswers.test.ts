import fc from 'fast-check'
import { annualStanding } from '../../src/core/loan/annualStanding'
import { checkDecision, confirmText } from '../../src/core/loan/decision'
import { adviceFor, AMOUNT_NOTE, productFit, productFits, whyNot } from '../../src/core/loan/fit'
import { CREDIT_MIN_SCORE, LOAN_PRODUCTS } from '../../src/core/loan/products'
import { factsOf, type MatchProfile } from '../../src/core/policy/match'

/** A China wall-clock time as the instant it is (UTC+8). */
const china = (local: string) => new Date(`${local}+08:00`)

describe('annual report standing (who is marked down for 年报)', () => {
  test('registered this year: the first report is for this year, filed from 1 January next year; not marked down', () => {
    const s = annualStanding('2026-09-10', china('2026-11-21T10:00:00'), [])
    expect(s).toMatchObject({ state: 'notDue', reportYear: 2026, opensOn: '2027-01-01', deadline: '2027-06-30', markedDown: false })
    expect(s.bankText).toBe('首份年报（2026年度）2027年1月1日起报送，未到报送时间')
    // registered on 1 January: still this year's report, filed next year
    expect(annualStanding('2026-01-01', china('2026-06-30T12:00:00'), []).state).toBe('notDue')
  })

  test('1 January is a China day: 23:59 on 31 December is not yet due, 00:00 on 1 January opens the window (UTC still says 31 December)', () => {
    const before = annualStanding('2026-09-10', china('2026-12-31T23:59:59'), [])
    expect(before).toMatchObject({ state: 'notDue', markedDown: false })
    const opening = china('2027-01-01T00:00:00')
    expect(opening.toISOString().slice(0, 10)).toBe('2026-12-31')
    const open = annualStanding('2026-09-10', opening, [])
    expect(open).toMatchObject({ state: 'due', reportYear: 2026, deadline: '2027-06-30', markedDown: false })
    expect(open.ownerText).toBe('2026年度年报请在2027年6月30日前报送（免费），还没到截止日，不扣分')
  })

  test('30 June is the last day, China time: not marked down until 1 July 00:00 China time', () => {
    expect(annualStanding('2026-09-10', china('2027-06-30T23:59:59'), [])).toMatchObject({ state: 'due', markedDown: false })
    // a year the owner was never asked about here (it closed before they joined) costs nothing
    expect(annualStanding('2019-05-01', china('2026-11-21T10:00:00'), [], [2026])).toMatchObject({ state: 'untracked', reportYear: 2025, markedDown: false })
    expect(annualStanding('2019-05-01', china('2026-11-21T10:00:00'), [], [2025, 2026])).toMatchObject({ state: 'unrecorded', markedDown: true })
    const late = annualStanding('2026-09-10', china('2027-07-01T00:00:00'), [])
    expect(late).toMatchObject({ state: 'unrecorded', reportYear: 2026, markedDown: true })
    expect(late.ownerText).toBe('没有记录2026年度年报已报送（2027年6月30日截止）')
    // the same report, recorded as filed, is in good standing on either side of the deadline
    expect(annualStanding('2026-09-10', china('2027-07-01T00:00:00'), [2026])).toMatchObject({ state: 'filed', markedDown: false })
    expect(annualStanding('2026-09-10', china('2027-03-01T09:00:00'), [2026])).toMatchObject({ state: 'filed', markedDown: false })
  })

  test('registered on 31 December: its first report is that year’s, due from the next day', () => {
    expect(annualStanding('2025-12-31', china('2025-12-31T20:00:00'), []).state).toBe('notDue')
    expect(annualStanding('2025-12-31', china('2026-01-01T08:00:00'), [])).toMatchObject({ state: 'due', reportYear: 2025 })
  })

  test('an older business is judged on last year’s report; an older filed year does not stand in for it', () => {
    expect(annualStanding('2019-05-01', china('2026-11-21T10:00:00'), [])).toMatchObject({ state: 'unrecorded', reportYear: 2025 })
    expect(annualStanding('2019-05-01', china('2026-11-21T10:00:00'), [2024])).toMatchObject({ state: 'unrecorded', reportYear: 2025 })
    expect(annualStanding('2019-05-01', china('2026-11-21T10:00:00'), [2024, 2025])).toMatchObject({ state: 'filed', reportYear: 2025 })
    expect(annualStanding('2019-05-01', china('2026-04-02T10:00:00'), [])).toMatchObject({ state: 'due', reportYear: 2025 })
  })

  test('never marked down before the first report’s last day; after it, only from 1 July to 31 December (the window is open the rest of the year)', () => {
    const day = fc.date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
    fc.assert(
      fc.property(day, day, (opened, now) => {
        const openedOn = opened.toISOString().slice(0, 10)
        const s = annualStanding(openedOn, now, [])
        const lastDayOfFirst = `${Number(openedOn.slice(0, 4)) + 1}-06-30`
        const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
        if (today <= lastDayOfFirst) return !s.markedDown
        return s.markedDown === today.slice(5) > '06-30' && s.markedDown === (s.state === 'unrecorded')
      })
    )
  })
})

const profile = (p: Partial<MatchProfile> = {}): MatchProfile => ({
  region: '330302',
  industry: 'foodRetail',
  openedOn: '2026-09-10',
  employees: 0,
  revenueBand: 'lt10w',
  taxPaid: false,
  socialInsurance: false,
  groups: [],
  ...p
})

describe('product fit and advice come from one rule', () => {
  test('a credit loan fits only from the platform’s score threshold, and says so either way', () => {
    const facts = factsOf(profile(), '2026-11-21')
    const low = productFits(facts, CREDIT_MIN_SCORE - 1).find((p) => p.id === 'code-credit')!
    expect(low.fits).toBe(false)
    expect(whyNot(low)).toEqual([`评估分${CREDIT_MIN_SCORE - 1}分，不到本平台推荐信用贷款的${CREDIT_MIN_SCORE}分`])
    const ok = productFits(facts, CREDIT_MIN_SCORE).find((p) => p.id === 'code-credit')!
    expect(ok).toMatchObject({ fits: true, reasons: [`✓ 评估分${CREDIT_MIN_SCORE}分，达到本平台推荐信用贷款的${CREDIT_MIN_SCORE}分`] })
  })

  test('the advice names exactly the products marked 适合, and never advises against one of them', () => {
    const arbProfile = fc.record({
      openedOn: fc.constantFrom('2015-03-01', '2024-01-10', '2026-09-10'),
      taxPaid: fc.boolean(),
      groups: fc.subarray(['veteran', 'graduate', 'hardToEmploy']),
      abnormal: fc.boolean()
    })
    fc.assert(
      fc.property(arbProfile, fc.integer({ min: 0, max: 100 }), (p, score) => {
        const fits = productFits(factsOf(profile(p), '2026-11-21'), score)
        const advice = adviceFor(fits)
        for (const f of fits) if (advice.includes(f.name) !== f.fits) return false
        return fits.some((f) => f.fits) ? advice.startsWith('按您填写的信息，可以先了解') : advice.includes('暂时都不适合')
      })
    )
  })

  test('the case from the issue: a low score no longer sits next to a fitting credit loan', () => {
    const fits = productFits(factsOf(profile(), '2026-11-21'), 12)
    expect(fits.filter((f) => f.fits).map((f) => f.id)).toEqual(['startup-guaranteed'])
    expect(adviceFor(fits)).toBe('按您填写的信息，可以先了解：创业担保贷款。')
  })

  test('a product with no condition and no threshold would fit everyone; every fitting product lists why', () => {
    const p = productFit({ ...LOAN_PRODUCTS[0], fit: [], minScore: null }, factsOf(profile(), '2026-11-21'), 0)
    expect(p).toMatchObject({ fits: true, reasons: [] })
  })

  test('no product document states an amount, so none is estimated (revisit AMOUNT_NOTE if one ever does)', () => {
    for (const p of LOAN_PRODUCTS) {
      for (const e of p.evidence) expect([p.id, /\d+(\.\d+)?\s*(万|元)|额度/.test(e.quote)]).toEqual([p.id, false])
    }
    expect(AMOUNT_NOTE).toContain('不估算金额')
  })
})

describe('a bank officer’s decision', () => {
  const form = { note: '', amount: '60000', rate: '4.35', term: '12' }
  test('declining needs a reason, said next to the reason box in Chinese', () => {
    expect(checkDecision('declined', form)).toEqual({ ok: false, errors: { reason: '请写明未通过的原因，申请人会看到' } })
    expect(checkDecision('declined', { ...form, note: '  流水不足  ' })).toEqual({ ok: true, payload: { status: 'declined', reason: '流水不足' } })
    expect(checkDecision('declined', { ...form, note: '长'.repeat(201) })).toEqual({ ok: false, errors: { reason: '最多200个字' } })
    expect(checkDecision('needInfo', form)).toEqual({ ok: false, errors: { note: '请写明需要补充什么材料' } })
  })
  test('approving checks amount, rate and term against the same limits as the server', () => {
    expect(checkDecision('approved', form)).toEqual({ ok: true, payload: { status: 'approved', amount: 60000, annualRate: 4.35, termMonths: 12 } })
    expect(checkDecision('approved', { ...form, amount: '500', rate: '', term: '0' })).toEqual({
      ok: false,
      errors: { amount: '金额填1000到5000000之间的整数（元）', annualRate: '请填写年利率', termMonths: '期限填1到60之间的整数（月）' }
    })
    expect(checkDecision('approved', { ...form, rate: 'abc' })).toMatchObject({ ok: false, errors: { annualRate: '年利率填0.1到36之间的数，如4.35' } })
  })
  test('the confirmation names the business and says it cannot be taken back', () => {
    const c = confirmText('approved', '鹿城区张记面馆', { status: 'approved', amount: 60000, annualRate: 4.35, termMonths: 12 })
    expect(c).toEqual({ title: '批准这笔贷款？', content: '鹿城区张记面馆：60000元，年利率4.35%，12个月。批准后会通知申请人，不能撤回。' })
    expect(confirmText('declined', '鹿城区张记面馆', { status: 'declined', reason: '流水不足' }).content).toBe('鹿城区张记面馆，原因：流水不足。拒绝后会通知申请人，不能撤回。')
    // a reason typed as a full sentence does not end up with 。。
    expect(confirmText('declined', '鹿城区张记面馆', { status: 'declined', reason: '流水不足。' }).content).toBe('鹿城区张记面馆，原因：流水不足。拒绝后会通知申请人，不能撤回。')
  })
})

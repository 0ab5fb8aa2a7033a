import { annualLadder, annualState, asOf, currentReportYear, firstDue, isStale, lastApplyDate, permitLadder, permitState, planAt } from '../../src/core/reminder/ladder'
import { containsPaymentLink } from '../../src/core/reminder/guidance'
import { annualText, permitText } from '../../src/core/reminder/messages'
import { buildData, fitField, REMINDER_TEMPLATE } from '../../src/core/notify/template'

const at = (iso: string) => new Date(iso)

describe('permit ladders (China dates, 09:00 China time)', () => {
  test('a food licence: every reminder before the last day to apply (50 days before expiry, our default), then that day, the day after, and expiry', () => {
    const rungs = permitLadder('foodBusiness', '2027-03-31')
    expect(lastApplyDate('foodBusiness', '2027-03-31')).toBe('2027-02-09')
    expect(rungs.map((r) => [r.id, r.date, r.kind])).toEqual([
      ['a40', '2026-12-31', 'before'],
      ['a20', '2027-01-20', 'before'],
      ['a7', '2027-02-02', 'before'],
      ['a1', '2027-02-08', 'before'],
      ['applyDue', '2027-02-09', 'due'],
      ['applyPassed', '2027-02-10', 'applyPassed'],
      ['expired', '2027-04-01', 'overdue']
    ])
    // 09:00 in China is 01:00 UTC the same day
    expect(rungs[0].dueAt).toBe('2026-12-31T01:00:00.000Z')
  })

  test('a tobacco licence ("届满30日前"): no reminder tells the owner they are on time after the last day to apply', () => {
    const expiresOn = '2027-03-31'
    const last = lastApplyDate('tobacco', expiresOn)!
    expect(last).toBe('2027-03-01')
    const rungs = permitLadder('tobacco', expiresOn)
    expect(rungs.map((r) => [r.id, r.date])).toEqual([
      ['a30', '2027-01-30'],
      ['a14', '2027-02-15'],
      ['a7', '2027-02-22'],
      ['a1', '2027-02-28'],
      ['applyDue', '2027-03-01'],
      ['applyPassed', '2027-03-02'],
      ['expired', '2027-04-01']
    ])
    // every "还有N天" reminder comes before the last day to apply, and counts down to it
    const p = { type: 'tobacco' as const, name: '', number: '330302100001', expiresOn }
    for (const r of rungs.filter((x) => x.kind === 'before')) {
      expect(r.date < last).toBe(true)
      expect(permitText(p, r).body).toContain(`申请延续的最后一天是2027年3月1日，还有${r.daysLeft}天`)
    }
    // on the day itself, and after it: said plainly
    expect(permitText(p, rungs.find((r) => r.id === 'applyDue')!).title).toBe('今天是申请延续的最后一天')
    const passed = permitText(p, rungs.find((r) => r.id === 'applyPassed')!)
    expect(passed.title).toBe('申请延续的期限已过')
    expect(passed.body).toContain('已经过了')
    expect(Array.from(passed.fields.thing3).length).toBeLessThanOrEqual(20)
    // 7 days before expiry the owner hears that the day to apply has passed, not "还有7天"
    expect(planAt(rungs, at('2027-03-24T02:00:00Z')).dueNow!.id).toBe('applyPassed')
    expect(permitText(p, planAt(rungs, at('2027-03-24T02:00:00Z')).dueNow!).body).not.toContain('还有7天')
  })

  test('a drug licence starts earlier (the last day to apply is 6 months before expiry)', () => {
    expect(lastApplyDate('drug', '2027-12-31')).toBe('2027-06-30')
    expect(permitLadder('drug', '2027-12-31')[0].date).toBe('2027-05-01')
  })

  test('a permit without a last day to apply counts down to expiry', () => {
    expect(lastApplyDate('healthCert', '2027-03-31')).toBeNull()
    expect(permitLadder('healthCert', '2027-03-31').map((r) => [r.id, r.date])).toEqual([
      ['d30', '2027-03-01'],
      ['d7', '2027-03-24'],
      ['d1', '2027-03-30'],
      ['expired', '2027-04-01']
    ])
  })

  test('an expiry on 29 February counts days across the leap day', () => {
    const rungs = permitLadder('healthCert', '2028-02-29')
    expect(rungs.find((r) => r.id === 'd1')!.date).toBe('2028-02-28')
    expect(rungs.find((r) => r.id === 'd7')!.date).toBe('2028-02-22')
    expect(rungs.find((r) => r.id === 'd30')!.date).toBe('2028-01-30')
    expect(rungs.find((r) => r.id === 'expired')!.date).toBe('2028-03-01')
    expect(lastApplyDate('foodBusiness', '2028-02-29')).toBe('2028-01-10')
    expect(permitState('foodBusiness', '2028-02-29', '2028-02-28')).toEqual({ state: 'renewSoon', daysLeft: 1 })
    expect(permitState('foodBusiness', '2028-02-29', '2028-03-01')).toEqual({ state: 'expired', daysLeft: -1 })
  })

  test('a permit added 3 days before expiry gets one message now (not four), then the 1-day one', () => {
    const rungs = permitLadder('healthCert', '2026-12-10')
    const now = at('2026-12-07T03:00:00Z')
    const first = firstDue(rungs, now)
    expect(first!.id).toBe('d7')
    expect(planAt(rungs, now, ['d7'])).toEqual({ dueNow: null, next: rungs.find((r) => r.id === 'd1') })
  })

  test('a food licence added 3 days before expiry: one message that the day to apply has passed, then expiry', () => {
    const rungs = permitLadder('foodBusiness', '2026-12-10')
    const now = at('2026-12-07T03:00:00Z')
    expect(firstDue(rungs, now)!.id).toBe('applyPassed')
    expect(planAt(rungs, now, ['applyPassed'])).toEqual({ dueNow: null, next: rungs.find((r) => r.id === 'expired') })
  })

  test('after an outage only the latest missed rung is sent, never a burst', () => {
    const rungs = permitLadder('foodBusiness', '2027-03-31')
    const { dueNow, next } = planAt(rungs, at('2027-02-05T00:00:00Z'))
    expect(dueNow!.id).toBe('a7')
    expect(next!.id).toBe('a1')
  })

  test('states: valid, renew soon from the first rung, expired the day after', () => {
    expect(permitState('foodBusiness', '2027-03-31', '2026-12-30').state).toBe('valid')
    expect(permitState('foodBusiness', '2027-03-31', '2026-12-31').state).toBe('renewSoon')
    expect(permitState('foodBusiness', '2027-03-31', '2027-03-31')).toEqual({ state: 'renewSoon', daysLeft: 0 })
    expect(permitState('foodBusiness', '2027-03-31', '2027-04-01').state).toBe('expired')
  })
})

describe('annual report (window 1 January – 30 June)', () => {
  test('the ladder: window opens, 1, 20, 28 and 30 June, overdue on 1 July', () => {
    expect(annualLadder(2025).map((r) => [r.id, r.date, r.daysLeft])).toEqual([
      ['open', '2026-01-01', 180],
      ['jun01', '2026-06-01', 29],
      ['jun20', '2026-06-20', 10],
      ['jun28', '2026-06-28', 2],
      ['jun30', '2026-06-30', 0],
      ['jul01', '2026-07-01', -1]
    ])
  })

  test('just after 16:00 UTC on 29 June it is already 30 June in China: the last day, not yet overdue', () => {
    expect(annualState(2025, null, at('2026-06-29T15:59:59Z'))).toEqual({ state: 'open', daysLeft: 1 })
    expect(annualState(2025, null, at('2026-06-29T16:00:01Z'))).toEqual({ state: 'open', daysLeft: 0 })
    expect(annualState(2025, null, at('2026-06-30T16:00:01Z'))).toEqual({ state: 'overdue', daysLeft: -1 })
    // the 30 June rung goes out at 09:00 China time, i.e. 01:00 UTC on 30 June
    const rungs = annualLadder(2025)
    expect(planAt(rungs, at('2026-06-29T16:00:01Z'), ['open', 'jun01', 'jun20', 'jun28']).dueNow).toBeNull()
    expect(planAt(rungs, at('2026-06-30T01:00:00Z'), ['open', 'jun01', 'jun20', 'jun28']).dueNow!.id).toBe('jun30')
  })

  test('a late run: "30 June, today" is still sent until midnight China time on 30 June, never after', () => {
    const rungs = annualLadder(2025)
    const before30 = ['open', 'jun01', 'jun20', 'jun28']
    // the sweep reaches the owner at 23:59:59 China time on 30 June (15:59:59 UTC): still that day
    expect(planAt(rungs, at('2026-06-30T15:59:59Z'), before30).dueNow!.id).toBe('jun30')
    // one second later it is 1 July in China: "today is the last day" would be false, so it is dropped,
    // and nothing is due until the 1 July rung at 09:00 China time (01:00 UTC)
    expect(planAt(rungs, at('2026-06-30T16:00:00Z'), before30)).toEqual({ dueNow: null, next: rungs.find((r) => r.id === 'jul01') })
    expect(firstDue(rungs, at('2026-06-30T16:00:00Z'), before30)!.id).toBe('jul01')
    expect(planAt(rungs, at('2026-07-01T01:00:00Z'), before30).dueNow!.id).toBe('jul01')
    // the rule itself: a rung counting down is true until the day it counts to has passed
    const jun30 = rungs.find((r) => r.id === 'jun30')!
    expect([isStale(jun30, '2026-06-30'), isStale(jun30, '2026-07-01')]).toEqual([false, true])
    const jun28 = rungs.find((r) => r.id === 'jun28')!
    // sent two days late it says 今天是截止日 (asOf); a day later it is stale
    expect(asOf(jun28, '2026-06-30').daysLeft).toBe(0)
    expect([isStale(jun28, '2026-06-30'), isStale(jun28, '2026-07-01')]).toEqual([false, true])
    // the window-open notice stays true until the deadline; "overdue" never goes stale
    expect(isStale(rungs[0], '2026-06-30')).toBe(false)
    expect(isStale(rungs[0], '2026-07-01')).toBe(true)
    expect(isStale(rungs.find((r) => r.id === 'jul01')!, '2027-03-01')).toBe(false)
  })

  test('the same rule for permits: the last day to apply only on that day, a 1-day notice until expiry', () => {
    const food = permitLadder('foodBusiness', '2027-03-31')
    // 今天是申请延续的最后一天 (9 Feb): a run at 23:30 China time sends it, at 00:30 on 10 Feb it is dropped
    expect(planAt(food, at('2027-02-09T15:30:00Z'), ['a40', 'a20', 'a7', 'a1']).dueNow!.id).toBe('applyDue')
    expect(planAt(food, at('2027-02-09T16:30:00Z'), ['a40', 'a20', 'a7', 'a1'])).toEqual({ dueNow: null, next: food.find((r) => r.id === 'applyPassed') })
    const health = permitLadder('healthCert', '2027-03-31')
    // the 1-day notice sent late on the expiry day says 今天到期; after that day, it is stale
    expect(planAt(health, at('2027-03-31T15:00:00Z'), ['d30', 'd7']).dueNow!.id).toBe('d1')
    expect(planAt(health, at('2027-03-31T16:30:00Z'), ['d30', 'd7']).dueNow).toBeNull()
  })

  test('filed is filed; before the window it is not open yet', () => {
    expect(annualState(2026, '2027-03-01T00:00:00Z', at('2027-08-01T00:00:00Z')).state).toBe('filed')
    expect(annualState(2026, null, at('2026-11-21T00:00:00Z')).state).toBe('notOpen')
  })

  test('which year an owner reports depends on the date and on when the business opened', () => {
    expect(currentReportYear('2026-05-01', '2019-05-01')).toBe(2025)
    expect(currentReportYear('2026-05-01', '2026-03-01')).toBe(2026) // did not exist in 2025
    expect(currentReportYear('2026-07-01', '2019-05-01')).toBe(2026)
    expect(currentReportYear('2026-06-30', '2019-05-01')).toBe(2025)
  })
})

describe('what reminders say', () => {
  const permit = { type: 'foodBusiness' as const, name: '', number: 'JY13303020001', expiresOn: '2027-03-31' }

  test('no reminder carries a payment link; annual ones point only at the official system and warn of scams', () => {
    for (const r of permitLadder('foodBusiness', '2027-03-31')) expect(containsPaymentLink(permitText(permit, r).body)).toBe(false)
    for (const r of annualLadder(2025)) {
      const t = annualText(2025, r)
      expect(containsPaymentLink(t.body)).toBe(false)
      expect(t.body).toContain('国家企业信用信息公示系统')
      expect(t.body).toContain('谨防诈骗')
    }
    expect(containsPaymentLink('请点击 https://pay.example 缴纳')).toBe(true)
  })

  test('overdue annual report explains 经营异常 and the late-filing / 信用修复 steps', () => {
    const t = annualText(2025, annualLadder(2025).find((r) => r.id === 'jul01')!)
    expect(t.body).toContain('经营异常')
    expect(t.body).toContain('补报')
    expect(t.body).toContain('信用修复')
  })

  test('template fields are cut to WeChat’s limits', () => {
    expect(fitField('thing', '一二三四五六七八九十一二三四五六七八九十一')).toBe('一二三四五六七八九十一二三四五六七八九…')
    expect(Array.from(fitField('thing', 'x'.repeat(50)))).toHaveLength(20)
    expect(fitField('phrase', '已过期abc请办理')).toBe('已过期请办')
    expect(fitField('number', '12a3.5')).toBe('123.5')
    expect(fitField('character_string', 'A'.repeat(40))).toHaveLength(32)
    const data = buildData(REMINDER_TEMPLATE, permitText({ ...permit, type: 'other', name: '某某特别长名字的行业经营许可证书正本' }, permitLadder('other', '2027-03-31')[0]).fields)
    for (const v of Object.values(data)) expect(Array.from(v.value).length).toBeLessThanOrEqual(20)
  })
})

import { obligationView, permitView, type ObligationDoc, type PermitDoc } from '../../cloudfunctions/reminder/store'
import { annualLadder, asOf, permitLadder, planAt } from '../../src/core/reminder/ladder'
import { permitText } from '../../src/core/reminder/messages'
import { annualAdvice, currentObligations, permitAdvice, reminderSchedule, permitRungLabel } from '../../src/core/reminder/schedule'

const at = (iso: string) => new Date(iso)

const permit = (over: Partial<PermitDoc> = {}): PermitDoc => ({
  _id: 'p1',
  openid: 'o1',
  type: 'tobacco',
  name: '',
  number: '330302100001',
  authority: '鹿城区烟草专卖局',
  issuedOn: '2021-12-22',
  expiresOn: '2026-12-22',
  nextDueAt: null,
  sentRungs: [],
  quietRungs: [],
  leaseUntil: '',
  createdAt: '2021-12-22T02:00:00.000Z',
  updatedAt: '2021-12-22T02:00:00.000Z',
  ...over
})

const obligation = (over: Partial<ObligationDoc> = {}): ObligationDoc => ({
  _id: 'ar-o1-2025',
  openid: 'o1',
  kind: 'annualReport',
  reportYear: 2025,
  filedAt: null,
  nextDueAt: null,
  sentRungs: [],
  leaseUntil: '',
  createdAt: '2025-03-01T00:00:00.000Z',
  updatedAt: '2025-03-01T00:00:00.000Z',
  ...over
})

const statuses = (v: { schedule: Array<{ id: string; status: string }> }) => Object.fromEntries(v.schedule.map((r) => [r.id, r.status]))

describe('a permit’s whole schedule', () => {
  // tobacco, "届满30日前": expires 22 Dec, last day to apply 22 Nov
  test('every rung with its date and status; the next reminder is the next rung to come', () => {
    const v = permitView(permit({ sentRungs: ['a30', 'a14', 'a7'] }), at('2026-11-20T03:00:00Z'))
    expect(v.lastApplyOn).toBe('2026-11-22')
    expect(v.applyDaysLeft).toBe(2)
    expect(v.schedule.map((r) => [r.id, r.date, r.label, r.statusLabel])).toEqual([
      ['a30', '2026-10-23', '申请截止前30天', '已提醒'],
      ['a14', '2026-11-08', '申请截止前14天', '已提醒'],
      ['a7', '2026-11-15', '申请截止前7天', '已提醒'],
      ['a1', '2026-11-21', '申请截止前1天', '待提醒'],
      ['applyDue', '2026-11-22', '申请截止当天', '待提醒'],
      ['applyPassed', '2026-11-23', '申请截止后一天', '待提醒'],
      ['expired', '2026-12-23', '到期后一天', '待提醒']
    ])
    expect(v.nextReminder).toBe('2026-11-21')
  })

  test('a rung in the past is never the next reminder: a permit added late hears once, today, and earlier rungs read 已过', () => {
    // the food licence of issue #14: added on 21 Nov, 60 days before expiry; the last day to apply
    // (50 days before, our default) is 1 Dec and the 20-day rung (11 Nov) has passed
    const p = permit({ type: 'foodBusiness', expiresOn: '2027-01-20', issuedOn: '2022-01-20' })
    const v = permitView(p, at('2026-11-21T02:00:00Z'))
    expect(v.nextReminder).toBe('2026-11-21')
    expect(statuses(v)).toEqual({ a40: 'missed', a20: 'due', a7: 'upcoming', a1: 'upcoming', applyDue: 'upcoming', applyPassed: 'upcoming', expired: 'upcoming' })
    expect(v.schedule.find((r) => r.id === 'a20')!.statusLabel).toBe('今天补发')
    // once the sweep has sent it, the next one is the 7-day rung, still not a past date
    const after = permitView({ ...p, sentRungs: ['a20'] }, at('2026-11-21T02:05:00Z'))
    expect(after.nextReminder).toBe('2026-11-24')
    expect(after.schedule.find((r) => r.id === 'a20')!.statusLabel).toBe('已提醒')
  })

  test('the late message counts the days really left, not the days its own date had', () => {
    const rungs = permitLadder('foodBusiness', '2027-01-20')
    const late = planAt(rungs, at('2026-11-21T02:00:00Z')).dueNow!
    expect(late.id).toBe('a20')
    const text = permitText({ type: 'foodBusiness', name: '', number: 'JY1', expiresOn: '2027-01-20' }, asOf(late, '2026-11-21'))
    expect(text.body).toContain('还有10天')
    expect(text.body).not.toContain('还有20天')
    // sent on its own day it is unchanged
    expect(asOf(late, late.date).daysLeft).toBe(20)
    // a health certificate added on its expiry day hears "今天到期", not "还有0天"
    const cert = permitLadder('healthCert', '2026-12-10')
    const onTheDay = asOf(planAt(cert, at('2026-12-10T02:00:00Z')).dueNow!, '2026-12-10')
    expect(onTheDay.id).toBe('d1')
    expect(permitText({ type: 'healthCert', name: '', number: 'J1', expiresOn: '2026-12-10' }, onTheDay).fields.thing3).toBe('今天到期，请及时办理')
    // rungs that do not count down are left alone
    const expired = rungs.find((r) => r.id === 'expired')!
    expect(asOf(expired, '2027-02-01')).toEqual(expired)
  })

  test('00:30 China time (16:30 UTC the day before) is already the last day to apply; its rung is still to come until 09:00', () => {
    for (const iso of ['2026-11-21T16:30:00Z', '2026-11-21T23:59:00Z']) {
      const v = permitView(permit({ sentRungs: ['a30', 'a14', 'a7', 'a1'] }), at(iso))
      expect([iso, v.applyDaysLeft, v.daysLeft]).toEqual([iso, 0, 30])
      expect(v.nextReminder).toBe('2026-11-22')
      expect(statuses(v).applyDue).toBe('upcoming')
      expect(permitAdvice(v).title).toBe('今天是申请延续的最后一天')
    }
    // one minute before midnight in China it is the day before
    const before = permitView(permit({ sentRungs: ['a30', 'a14', 'a7', 'a1'] }), at('2026-11-21T15:59:00Z'))
    expect(before.applyDaysLeft).toBe(1)
    expect(permitAdvice(before).title).toBe('还有1天截止申请延续')
    // 09:00 China time: the sweep sends it today
    const nine = permitView(permit({ sentRungs: ['a30', 'a14', 'a7', 'a1'] }), at('2026-11-22T01:00:00Z'))
    expect(nine.schedule.find((r) => r.id === 'applyDue')).toMatchObject({ status: 'due', statusLabel: '今天提醒' })
    expect(nine.nextReminder).toBe('2026-11-22')
  })

  test('the last day to apply has passed: said plainly, with what to do now and the article it rests on', () => {
    // 28 days from expiry (issue #14)
    const v = permitView(permit({ sentRungs: ['a30', 'a14', 'a7', 'a1', 'applyDue', 'applyPassed'] }), at('2026-11-24T02:00:00Z'))
    expect(v).toMatchObject({ state: 'renewSoon', daysLeft: 28, applyDaysLeft: -2, nextReminder: '2026-12-23' })
    const a = permitAdvice(v)
    expect(a.tone).toBe('error')
    expect(a.title).toBe('续期申请期限已过')
    expect(a.lines.join('')).toContain('申请延续的最后一天是2026年11月22日，已经过了2天')
    expect(a.lines.join('')).toContain('请尽快带齐材料到鹿城区烟草专卖局申请延续')
    expect(a.evidence!.source.clause).toBe('第七十条')
    expect(a.evidence!.quote).toContain('行政许可有效期届满未延续的')
  })

  test('past our own default last day (not the law’s), the owner is told it is ours', () => {
    const v = permitView(permit({ type: 'foodBusiness', expiresOn: '2027-01-20' }), at('2026-12-05T02:00:00Z'))
    const a = permitAdvice(v)
    expect(a.title).toBe('最后申请日已过')
    expect(a.lines[0]).toBe('本程序按50天算的最后申请日（2026年12月1日）已经过了4天，实际期限以鹿城区烟草专卖局为准。')
  })

  test('expired: says since when and what to do; a health certificate cites the food safety law', () => {
    const v = permitView(permit(), at('2026-12-25T02:00:00Z'))
    expect(v).toMatchObject({ state: 'expired', daysLeft: -3 })
    expect(permitAdvice(v)).toMatchObject({ tone: 'error', title: '证照已过期' })
    const cert = permitView(permit({ type: 'healthCert', expiresOn: '2026-12-01' }), at('2026-12-25T02:00:00Z'))
    const a = permitAdvice(cert)
    expect(cert.lastApplyOn).toBeNull()
    expect(a.lines.join('')).toContain('取得新的健康证明后才能上岗')
    expect(a.evidence!.source.clause).toBe('第四十五条')
    // a health certificate counts down to expiry, not to a day to apply
    expect(cert.schedule.map((r) => r.label)).toEqual(['到期前30天', '到期前7天', '到期前1天', '到期后一天'])
  })

  test('reminders switched off: nothing is announced as coming, and rungs handled meanwhile read 未发', () => {
    const v = permitView(permit({ sentRungs: ['a30', 'a14'], quietRungs: ['a14'] }), at('2026-11-10T02:00:00Z'), true)
    expect(v.remindersOff).toBe(true)
    expect(v.nextReminder).toBeNull()
    expect(statuses(v)).toMatchObject({ a30: 'sent', a14: 'quiet', a7: 'off', expired: 'off' })
  })

  test('labels without a last day to apply count down to expiry', () => {
    expect(permitRungLabel({ id: 'd7', date: '', dueAt: '', kind: 'before', daysLeft: 7 }, false)).toBe('到期前7天')
  })
})

describe('the annual report’s whole schedule', () => {
  test('in the window: dates, statuses, the last day, and the next reminder', () => {
    const v = obligationView(obligation({ sentRungs: ['open', 'jun01'] }), at('2026-06-10T02:00:00Z'), { openedOn: '2019-05-01' })
    expect(v).toMatchObject({ reportYear: 2025, state: 'open', deadline: '2026-06-30', opensOn: '2026-01-01', firstReport: false, daysLeft: 20 })
    expect(v.schedule.map((r) => [r.date, r.label, r.statusLabel])).toEqual([
      ['2026-01-01', '开始报送', '已提醒'],
      ['2026-06-01', '截止前29天', '已提醒'],
      ['2026-06-20', '截止前10天', '待提醒'],
      ['2026-06-28', '截止前2天', '待提醒'],
      ['2026-06-30', '截止当天', '待提醒'],
      ['2026-07-01', '截止后一天', '待提醒']
    ])
    expect(v.nextReminder).toBe('2026-06-20')
    expect(annualAdvice(v).title).toBe('还有20天截止')
  })

  test('the last day at 00:30 and 07:59 China time; overdue from 1 July China time with 补报 and 信用修复', () => {
    for (const iso of ['2026-06-29T16:30:00Z', '2026-06-29T23:59:00Z']) {
      const v = obligationView(obligation({ sentRungs: ['open', 'jun01', 'jun20', 'jun28'] }), at(iso))
      expect([iso, v.state, v.daysLeft, v.nextReminder]).toEqual([iso, 'open', 0, '2026-06-30'])
      expect(annualAdvice(v).title).toBe('今天是最后一天')
    }
    const late = obligationView(obligation({ sentRungs: ['open', 'jun01', 'jun20', 'jun28', 'jun30'] }), at('2026-06-30T16:30:00Z'))
    expect(late.state).toBe('overdue')
    const a = annualAdvice(late)
    expect(a.tone).toBe('error')
    expect(a.lines.join('')).toContain('补报')
    expect(a.lines.join('')).toContain('信用修复')
  })

  test('filed: the rest will not be sent', () => {
    const v = obligationView(obligation({ sentRungs: ['open', 'jun01'], filedAt: '2026-06-05T01:00:00Z' }), at('2026-06-10T02:00:00Z'))
    expect(v.nextReminder).toBeNull()
    expect(statuses(v)).toEqual({ open: 'sent', jun01: 'sent', jun20: 'off', jun28: 'off', jun30: 'off', jul01: 'off' })
    expect(annualAdvice(v).lines[0]).toBe('您已标记2025年度年报为已报送（2026-06-05）。')
  })

  test('a business opened this year is told its first report is due next year, not that it is late', () => {
    const v = obligationView(obligation({ _id: 'ar-o1-2026', reportYear: 2026 }), at('2026-11-21T16:30:00Z'), { openedOn: '2026-09-10' })
    expect(v).toMatchObject({ state: 'notOpen', firstReport: true, opensOn: '2027-01-01', nextReminder: '2027-01-01' })
    const a = annualAdvice(v)
    expect(a.title).toBe('今年还不用报')
    expect(a.lines[0]).toContain('第一次年报在明年报：2027年1月1日至6月30日报送2026年度年报')
  })

  test('which reports to show: the unfiled, oldest first, then the latest filed', () => {
    const o = (reportYear: number, state: 'notOpen' | 'open' | 'overdue' | 'filed') => ({ reportYear, state })
    expect(currentObligations([o(2026, 'open'), o(2025, 'overdue')])).toEqual([o(2025, 'overdue'), o(2026, 'open')])
    expect(currentObligations([o(2027, 'notOpen'), o(2026, 'filed'), o(2025, 'filed')])).toEqual([o(2027, 'notOpen'), o(2026, 'filed')])
    expect(currentObligations([])).toEqual([])
  })

  test('a ladder rung is due at 09:00 China time: reminderSchedule and planAt agree', () => {
    const rungs = annualLadder(2025)
    const { rows, next } = reminderSchedule({ rungs, now: at('2025-12-31T16:30:00Z'), sent: [] }, () => '')
    expect(rows[0].status).toBe('upcoming')
    expect(next).toBe('2026-01-01')
    expect(reminderSchedule({ rungs, now: at('2026-01-01T01:00:00Z'), sent: [] }, () => '').rows[0].statusLabel).toBe('今天提醒')
  })
})

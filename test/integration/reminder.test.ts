import { reminderContract } from '../../src/core/reminder/contract'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import { testCloud, type TestCloud } from '../helpers/cloud'
import { profileOf } from '../helpers/fixtures'

const licence = { type: 'foodBusiness', number: 'JY13303020001', authority: '鹿城区市场监督管理局', issuedOn: '2022-01-20', expiresOn: '2027-01-20' }

describe('reminder function over HTTP', () => {
  let c: TestCloud
  const setClock = (iso: string) => c.post('/api/local/clock', JSON.stringify({ now: iso }))
  const trigger = () => c.post('/api/local/trigger/scheduler', '')
  const outbox = async (openid: string) =>
    ((await (await fetch(`${c.url}/api/local/outbox?openid=${openid}&limit=1000`)).json()) as { data: { messages: Array<{ key: string; title: string; body: string; push: string }> } }).data.messages
  const onboard = async (openid: string, openedOn = '2019-05-01') => {
    await c.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, openid)
    await c.ok('user', 'user.profile.save', { ...profileOf(openid), openedOn }, openid)
  }

  beforeAll(async () => {
    c = await testCloud()
  })
  beforeEach(async () => {
    await setClock('2026-11-21T02:00:00Z')
  })
  afterAll(() => c.stop())

  test('permits: save, list with state and next reminder, edit, remove; results match the contract', async () => {
    await onboard('rem-a')
    const saved = await c.ok('reminder', 'reminder.permit.save', licence, 'rem-a')
    expect(reminderContract['reminder.permit.save'].output.parse(saved)).toBeTruthy()
    // 60 days out; the last day to apply is 50 days before expiry (1 Dec): the rung 20 days before
    // it (11 Nov) has passed and is sent at the next sweep, today; the next reminder is never 11 Nov
    expect(saved).toMatchObject({ name: '食品经营许可证', state: 'renewSoon', daysLeft: 60, lastApplyOn: '2026-12-01', applyDaysLeft: 10, nextReminder: '2026-11-21' })
    expect(saved.schedule.find((r: { id: string }) => r.id === 'a20')).toMatchObject({ date: '2026-11-11', status: 'due', statusLabel: '今天补发' })
    // sent late, it counts the days really left (10), not the 20 its own date had
    await trigger()
    const late = (await c.ok('reminder', 'reminder.inbox.list', {}, 'rem-a')).messages.find((m: { title: string }) => m.title === '证照到期提醒')
    expect(late.body).toContain('申请延续的最后一天是2026年12月1日，还有10天')
    const edited = await c.ok('reminder', 'reminder.permit.save', { ...licence, id: saved.id, expiresOn: '2031-01-19' }, 'rem-a')
    expect(edited).toMatchObject({ id: saved.id, state: 'valid', nextReminder: '2030-10-21' })
    expect((await c.ok('reminder', 'reminder.permit.list', {}, 'rem-a')).permits).toHaveLength(1)
    expect(await c.ok('reminder', 'reminder.permit.remove', { id: saved.id }, 'rem-a')).toEqual({ removed: true })
    expect((await c.ok('reminder', 'reminder.permit.list', {}, 'rem-a')).permits).toEqual([])
  })

  test('bad permits are refused with the field that is wrong', async () => {
    const backwards = await c.call('reminder', { action: 'reminder.permit.save', payload: { ...licence, expiresOn: '2021-01-01' } }, 'rem-a')
    expect(!backwards.body.ok && backwards.body.error.details).toEqual([{ path: 'expiresOn', message: '到期日期应晚于发证日期' }])
    const unnamed = await c.call('reminder', { action: 'reminder.permit.save', payload: { ...licence, type: 'other' } }, 'rem-a')
    expect(!unnamed.body.ok && unnamed.body.error.details).toEqual([{ path: 'name', message: '请填写证照名称' }])
  })

  test('an owner cannot see, edit or remove another owner’s permit', async () => {
    const mine = await c.ok('reminder', 'reminder.permit.save', licence, 'rem-b')
    for (const [action, payload] of [
      ['reminder.permit.remove', { id: mine.id }],
      ['reminder.permit.save', { ...licence, id: mine.id, number: 'HIJACK' }]
    ] as const) {
      const r = await c.call('reminder', { action, payload }, 'rem-c')
      expect(!r.body.ok && r.body.error.code).toBe('NOT_FOUND')
    }
    expect((await c.ok('reminder', 'reminder.permit.list', {}, 'rem-c')).permits).toEqual([])
    expect((await c.ok('reminder', 'reminder.permit.list', {}, 'rem-b')).permits[0].number).toBe(licence.number)
    const staff = await c.call('reminder', { action: 'reminder.permit.list', payload: {} }, 'demo-regulator')
    expect(!staff.body.ok && staff.body.error.code).toBe('FORBIDDEN')
  })

  test('saving a permit twice with one requestId records it once', async () => {
    await c.ok('reminder', 'reminder.permit.save', licence, 'rem-d', 'permit-save-0001')
    await c.ok('reminder', 'reminder.permit.save', licence, 'rem-d', 'permit-save-0001')
    expect((await c.ok('reminder', 'reminder.permit.list', {}, 'rem-d')).permits).toHaveLength(1)
  })

  test('a whole year on the clock: every rung once, in order; the annual report stops when filed', async () => {
    const who = 'rem-year'
    // the owner joins a minute before the first sweep, on the test clock: stamped in real time (or
    // at the sweep's own instant, which the loop re-anchors), the order would depend on the date
    await setClock('2026-11-21T01:59:00Z')
    await onboard(who)
    await c.ok('reminder', 'reminder.permit.save', licence, who)
    await c.ok('reminder', 'reminder.subscription.report', { results: { 'local-reminder': 'accept' } }, who)
    const obligations = (await c.ok('reminder', 'reminder.obligation.list', {}, who)).obligations
    expect(obligations[0]).toMatchObject({ reportYear: 2026, deadline: '2027-06-30', state: 'notOpen', nextReminder: '2027-01-01' })

    for (let day = 0; day <= 250; day++) {
      const t = new Date(Date.parse('2026-11-21T02:00:00Z') + day * 86400_000)
      await setClock(t.toISOString())
      expect((await trigger()).status).toBe(200)
      if (t.toISOString().startsWith('2027-06-05')) {
        await c.ok('reminder', 'reminder.obligation.markFiled', { id: obligations[0].id, filed: true }, who)
      }
    }
    // the outbox lists newest first, ties on the frozen clock broken by write order
    const keys = (await outbox(who)).map((m) => m.key).reverse()
    const permitId = (await c.ok('reminder', 'reminder.permit.list', {}, who)).permits[0].id
    expect(keys).toEqual([
      `welcome:${who}`,
      `course-invite:${who}`,
      // every permit reminder counts down to the last day to apply (1 Dec), then says it has passed
      `permit:${permitId}:2027-01-20:a20`,
      `permit:${permitId}:2027-01-20:a7`,
      `permit:${permitId}:2027-01-20:a1`,
      `permit:${permitId}:2027-01-20:applyDue`,
      `permit:${permitId}:2027-01-20:applyPassed`,
      `annual:${who}:2026:open`,
      `permit:${permitId}:2027-01-20:expired`,
      `annual:${who}:2026:jun01`
      // filed on 5 June: no 20, 28, 30 June or 1 July reminders
    ])
    // one subscription, one phone message: the rest went to the inbox only
    const pushes = (await outbox(who)).map((m) => m.push)
    expect(pushes.filter((p) => p === 'sent')).toHaveLength(1)
    expect(pushes.filter((p) => p === 'skipped:noQuota').length).toBeGreaterThan(0)
    // filing created next year's obligation
    const after = (await c.ok('reminder', 'reminder.obligation.list', {}, who)).obligations
    expect(after.map((o: { reportYear: number; state: string }) => [o.reportYear, o.state])).toEqual([[2027, 'notOpen'], [2026, 'filed']])
  })

  test('an unfiled report after 30 June shows 经营异常 and the repair steps', async () => {
    await onboard('rem-late')
    await setClock('2027-07-02T02:00:00Z')
    const [o] = (await c.ok('reminder', 'reminder.obligation.list', {}, 'rem-late')).obligations.filter((x: { reportYear: number }) => x.reportYear === 2026)
    expect(o.state).toBe('overdue')
    expect(o.lateSteps.join('')).toContain('经营异常')
    expect(o.lateSteps.join('')).toContain('信用修复')
    expect(o.how).toContain('国家企业信用信息公示系统')
  })

  test('quota: each accept allows one phone message; unknown templates are refused', async () => {
    expect(await c.ok('reminder', 'reminder.subscription.report', { results: { 'local-reminder': 'accept' } }, 'rem-q')).toEqual({ quota: { 'local-reminder': 1 } })
    expect(await c.ok('reminder', 'reminder.subscription.report', { results: { 'local-reminder': 'accept' } }, 'rem-q')).toEqual({ quota: { 'local-reminder': 2 } })
    expect(await c.ok('reminder', 'reminder.subscription.report', { results: { 'local-reminder': 'reject' } }, 'rem-q')).toEqual({ quota: { 'local-reminder': 2 } })
    const bad = await c.call('reminder', { action: 'reminder.subscription.report', payload: { results: { 'someone-elses': 'accept' } } }, 'rem-q')
    expect(!bad.body.ok && bad.body.error.code).toBe('INVALID_INPUT')
  })

  test('topics off: no message at all; daily cap: the inbox still gets it, the phone does not', async () => {
    const who = 'rem-settings'
    await onboard(who)
    expect(await c.ok('reminder', 'reminder.settings.save', { topics: { permit: false }, dailyCap: 1 }, who)).toMatchObject({ topics: { permit: false, annualReport: true }, dailyCap: 1 })
    for (let i = 0; i < 3; i++) await c.ok('reminder', 'reminder.subscription.report', { results: { 'local-reminder': 'accept' } }, who)
    // a permit inside its ladder and the annual window open on the same day
    await setClock('2027-01-01T02:00:00Z')
    await c.ok('reminder', 'reminder.permit.save', { ...licence, expiresOn: '2027-01-05' }, who)
    await c.ok('reminder', 'reminder.permit.save', { ...licence, type: 'healthCert', expiresOn: '2027-01-06' }, who)
    await trigger()
    const messages = await outbox(who)
    expect(messages.some((m) => m.key.startsWith('permit:'))).toBe(false)
    expect(messages.filter((m) => m.key.startsWith('annual:')).map((m) => m.push)).toEqual(['sent'])
    await c.ok('reminder', 'reminder.settings.save', { topics: { permit: true } }, who)
    await c.ok('reminder', 'reminder.permit.save', { ...licence, number: 'NEW-1', expiresOn: '2027-01-03' }, who)
    await trigger()
    const capped = (await outbox(who)).find((m) => m.key.startsWith('permit:'))
    expect(capped!.push).toBe('skipped:dailyCap')
  })

  test('the reminder views: every rung with its status, the next reminder never past, the last day to apply and its passing', async () => {
    const who = 'rem-view'
    await onboard(who)
    // tobacco ("届满30日前"): expires 22 Dec, the last day to apply is 22 Nov
    const tobacco = { type: 'tobacco', number: '330302100001', authority: '鹿城区烟草专卖局', issuedOn: '2021-12-23', expiresOn: '2026-12-22' }
    const saved = await c.ok('reminder', 'reminder.permit.save', tobacco, who)
    const status = (v: { schedule: Array<{ id: string; status: string }> }) => Object.fromEntries(v.schedule.map((r) => [r.id, r.status]))
    expect(saved).toMatchObject({ applyDaysLeft: 1, nextReminder: '2026-11-21', remindersOff: false })
    expect(status(saved)).toEqual({ a30: 'missed', a14: 'missed', a7: 'missed', a1: 'due', applyDue: 'upcoming', applyPassed: 'upcoming', expired: 'upcoming' })

    await trigger()
    let [view] = (await c.ok('reminder', 'reminder.permit.list', {}, who)).permits
    expect(status(view).a1).toBe('sent')
    expect(view.nextReminder).toBe('2026-11-22')

    // 00:30 China time on 22 Nov: the last day, its reminder still to come at 09:00
    await setClock('2026-11-21T16:30:00Z')
    ;[view] = (await c.ok('reminder', 'reminder.permit.list', {}, who)).permits
    expect(view).toMatchObject({ applyDaysLeft: 0, daysLeft: 30, nextReminder: '2026-11-22' })
    expect(status(view).applyDue).toBe('upcoming')

    // the sweep was down on 22 and 23 Nov: on 24 Nov only "the day has passed" is sent, and the
    // 22 Nov rung reads 已过, not 已提醒
    await setClock('2026-11-24T02:00:00Z')
    await trigger()
    ;[view] = (await c.ok('reminder', 'reminder.permit.list', {}, who)).permits
    expect(view).toMatchObject({ state: 'renewSoon', daysLeft: 28, applyDaysLeft: -2, nextReminder: '2026-12-23' })
    expect(status(view)).toMatchObject({ a1: 'sent', applyDue: 'missed', applyPassed: 'sent', expired: 'upcoming' })
    const inbox = (await c.ok('reminder', 'reminder.inbox.list', { limit: 50 }, who)).messages as Array<{ title: string; page: string }>
    expect(inbox.find((m) => m.title === '申请延续的期限已过')!.page).toBe(`reminder/pages/permit/index?id=${saved.id}`)

    // permit reminders switched off: nothing is announced as coming; a rung handled meanwhile reads 未发
    await c.ok('reminder', 'reminder.settings.save', { topics: { permit: false } }, who)
    await setClock('2026-12-23T02:00:00Z')
    await trigger()
    ;[view] = (await c.ok('reminder', 'reminder.permit.list', {}, who)).permits
    expect(view).toMatchObject({ state: 'expired', remindersOff: true, nextReminder: null })
    expect(view.schedule.find((r: { id: string }) => r.id === 'expired')).toMatchObject({ status: 'quiet', statusLabel: '未发（提醒已关闭）' })
    await c.ok('reminder', 'reminder.settings.save', { topics: { permit: true } }, who)
  })

  test('the annual report view: window, schedule, a first report next year, and its messages open the annual page', async () => {
    const old = 'rem-annual-old'
    const fresh = 'rem-annual-new'
    await onboard(old)
    await onboard(fresh, '2026-09-10')
    const [o] = (await c.ok('reminder', 'reminder.obligation.list', {}, old)).obligations
    expect(o).toMatchObject({ reportYear: 2026, state: 'notOpen', opensOn: '2027-01-01', deadline: '2027-06-30', firstReport: false, nextReminder: '2027-01-01' })
    expect(o.schedule.map((r: { date: string; statusLabel: string }) => [r.date, r.statusLabel])).toEqual([
      ['2027-01-01', '待提醒'],
      ['2027-06-01', '待提醒'],
      ['2027-06-20', '待提醒'],
      ['2027-06-28', '待提醒'],
      ['2027-06-30', '待提醒'],
      ['2027-07-01', '待提醒']
    ])
    const [n] = (await c.ok('reminder', 'reminder.obligation.list', {}, fresh)).obligations
    expect(n).toMatchObject({ reportYear: 2026, state: 'notOpen', firstReport: true, lateSteps: [] })

    await setClock('2027-01-01T02:00:00Z')
    await trigger()
    const inbox = (await c.ok('reminder', 'reminder.inbox.list', {}, fresh)).messages as Array<{ title: string; page: string }>
    expect(inbox.find((m) => m.title === '年报开始填报')!.page).toBe('reminder/pages/annual/index')
    const [open] = (await c.ok('reminder', 'reminder.obligation.list', {}, fresh)).obligations
    expect(open).toMatchObject({ state: 'open', daysLeft: 180, nextReminder: '2027-06-01' })
    expect(open.schedule[0]).toMatchObject({ id: 'open', statusLabel: '已提醒' })
    // filed: the rest reads 不再提醒 and there is no next reminder
    const filed = await c.ok('reminder', 'reminder.obligation.markFiled', { id: open.id, filed: true }, fresh)
    expect(filed).toMatchObject({ state: 'filed', nextReminder: null, firstReport: true })
    expect(filed.schedule.slice(1).every((r: { statusLabel: string }) => r.statusLabel === '不再提醒')).toBe(true)
    // annual reminders switched off: said so, nothing announced
    await c.ok('reminder', 'reminder.settings.save', { topics: { annualReport: false } }, old)
    const [off] = (await c.ok('reminder', 'reminder.obligation.list', {}, old)).obligations
    expect(off).toMatchObject({ remindersOff: true, nextReminder: null })
  })

  test('inbox: newest first, cursor paging with a total, unread count, mark read; never someone else’s', async () => {
    const who = 'rem-inbox'
    const other = 'rem-inbox-other'
    await onboard(who)
    await onboard(other)
    await setClock('2027-01-01T02:00:00Z')
    await trigger()
    const page = await c.ok('reminder', 'reminder.inbox.list', { limit: 1 }, who)
    expect(reminderContract['reminder.inbox.list'].output.parse(page)).toBeTruthy()
    expect(page.messages).toHaveLength(1)
    expect(page.messages[0].title).toBe('年报开始填报')
    // the same for every owner on that rung: one broadcast, listed in its own id space
    expect(page.messages[0].id).toBe('bc:annual:2026:open:2027-01-01')
    // the annual report, plus the two messages of joining (welcome and the 开业第一课 invitation)
    expect(page).toMatchObject({ unread: 3, total: 3 })
    expect(page.nextCursor).toBe(`${page.messages[0].createdAt}|${page.messages[0].id}`)
    const rest = await c.ok('reminder', 'reminder.inbox.list', { cursor: page.nextCursor, limit: 2 }, who)
    expect(rest.messages.map((m: { title: string }) => m.title).sort()).toEqual(['建档成功', '邀请您学习开业第一课'].sort())
    expect(rest.nextCursor).toBeNull()
    // the two joining messages share one instant: one at a time, each still comes exactly once
    const one = await c.ok('reminder', 'reminder.inbox.list', { cursor: page.nextCursor, limit: 1 }, who)
    const two = await c.ok('reminder', 'reminder.inbox.list', { cursor: one.nextCursor, limit: 1 }, who)
    expect([...one.messages, ...two.messages].map((m: { title: string }) => m.title).sort()).toEqual(['建档成功', '邀请您学习开业第一课'].sort())
    expect(two.nextCursor).toBeNull()
    // a message arriving while the owner pages is not shown twice and pushes nothing out of the next page
    await c.ok('reminder', 'reminder.permit.save', { ...licence, expiresOn: '2027-01-05' }, who)
    await setClock('2027-01-01T03:00:00Z')
    await trigger()
    const after = await c.ok('reminder', 'reminder.inbox.list', { cursor: page.nextCursor, limit: 5 }, who)
    expect(after.messages.map((m: { id: string }) => m.id)).toEqual(rest.messages.map((m: { id: string }) => m.id))
    expect(after).toMatchObject({ total: 4, unread: 4 })
    expect((await c.ok('reminder', 'reminder.inbox.list', { limit: 1 }, who)).messages[0].id).toMatch(/^permit:/)
    // another owner naming these ids changes nothing
    expect(await c.ok('reminder', 'reminder.inbox.read', { ids: [page.messages[0].id, rest.messages[0].id] }, 'rem-a')).toEqual({ unread: expect.any(Number) })
    expect((await c.ok('reminder', 'reminder.inbox.list', {}, who)).unread).toBe(4)
    // a broadcast read by one owner stays unread for the other
    expect(await c.ok('reminder', 'reminder.inbox.read', { ids: [page.messages[0].id] }, who)).toEqual({ unread: 3 })
    expect((await c.ok('reminder', 'reminder.inbox.list', { limit: 1 }, who)).messages[0].read).toBe(false)
    const theirs = await c.ok('reminder', 'reminder.inbox.list', {}, other)
    expect(theirs.messages.find((m: { id: string }) => m.id === page.messages[0].id)).toMatchObject({ read: false })
    expect((await c.ok('reminder', 'reminder.inbox.list', {}, who)).messages.find((m: { id: string }) => m.id === page.messages[0].id)).toMatchObject({ read: true })
    // reading it again, or a broadcast the owner never got, changes nothing
    expect(await c.ok('reminder', 'reminder.inbox.read', { ids: [page.messages[0].id, 'bc:annual:2030:open:2031-01-01'] }, who)).toEqual({ unread: 3 })
    expect(await c.ok('reminder', 'reminder.inbox.read', { all: true }, who)).toEqual({ unread: 0 })
    expect((await c.ok('reminder', 'reminder.inbox.list', {}, who)).messages.every((m: { read: boolean }) => m.read)).toBe(true)
    expect((await c.ok('reminder', 'reminder.inbox.list', {}, other)).unread).toBe(theirs.unread)
    // a cursor that is not one is refused in plain words
    const bad = await c.call('reminder', { action: 'reminder.inbox.list', payload: { cursor: 'page-2' } }, who)
    expect(!bad.body.ok && bad.body.error).toMatchObject({ code: 'INVALID_INPUT', message: '翻页位置不对，请下拉刷新后再看' })
  })
})

import { testCloud, type TestCloud } from '../helpers/cloud'
import { demoCreditCode } from '../../scripts/local-cloud/demo'

// a real 1×1 PNG: the server reads the bytes back before a photo can be used
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='

/** Every way a China date inside (start, end) could be written for a person. */
function insideDates(start: string, end: string): RegExp[] {
  const out: RegExp[] = []
  for (let t = Date.parse(`${start}T00:00:00Z`) + 86_400_000; t < Date.parse(`${end}T00:00:00Z`); t += 86_400_000) {
    const d = new Date(t)
    const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]
    const mm = String(m).padStart(2, '0')
    const dd = String(day).padStart(2, '0')
    out.push(new RegExp(`${y}-${mm}-${dd}|${m}月${day}日|(^|[^0-9])${mm}-${dd}|(^|[^0-9])${m}/${day}([^0-9]|$)|${y}${mm}${dd}`))
  }
  return out
}

describe('notices (#18): 双随机抽查迎检, 违规提示, 信用修复', () => {
  let c: TestCloud
  const setClock = (iso: string) => c.post('/api/local/clock', JSON.stringify({ now: iso }))
  const trigger = () => c.post('/api/local/trigger/scheduler', '')
  const outbox = async (openid: string) =>
    ((await (await fetch(`${c.url}/api/local/outbox?openid=${openid}&limit=1000`)).json()) as { data: { messages: Array<{ key: string; title: string; body: string; page: string | null }> } }).data.messages
  const codeOf = async (openid: string) => ((await c.ports.db.collection('owners').get(openid)) as any).profile.creditCode as string
  const upload = async (openid = 'demo-owner-1') => {
    const p = await c.ok('complaint', 'complaint.upload.prepare', { contentType: 'image/png' }, openid, `prepare-${Math.random().toString(36).slice(2)}`)
    const res = await fetch(`${c.url}/api/local/storage/upload?cloudPath=${encodeURIComponent(p.cloudPath)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', 'x-wx-openid': openid },
      body: Buffer.from(PNG, 'base64')
    })
    const { fileID } = (await res.json()) as { fileID: string }
    return (await c.ok('complaint', 'complaint.upload.confirm', { uploadId: p.uploadId, fileId: fileID }, openid)).uploadId as string
  }

  beforeAll(async () => {
    c = await testCloud()
    // Friday 20 Nov 2026, 10:00 in China
    await setClock('2026-11-20T02:00:00Z')
    // a regulator of another county (瓯海区), and an owner in the other demo market
    await c.ports.db.collection('staff').set('reg-oh', { role: 'regulator', name: '钱科员', region: '330304', bankName: null, createdAt: '' } as never)
  })
  afterAll(() => c.stop())

  const PLAN = {
    title: '12月食品安全双随机抽查',
    audience: { kind: 'markets', marketIds: ['demo-market-1'] },
    checklist: [
      { item: '营业执照放在显眼位置', rule: '《个体工商户登记管理办法》' },
      { item: '从业人员健康证明在有效期内', rule: '《中华人民共和国食品安全法》第四十五条' }
    ],
    windowStart: '2026-12-01',
    windowEnd: '2026-12-10',
    day: '2026-12-04',
    hideDay: true
  }

  test('plan timing: nothing before the configured day, once per owner, the hidden day never shown', async () => {
    const plan = await c.ok('notice', 'notice.plan.create', PLAN, 'demo-regulator', 'plan-request-1')
    expect(plan).toMatchObject({ status: 'scheduled', statusLabel: '待提醒', noticeAt: '11月28日 09:00', day: '2026-12-04', hideDay: true, canCancel: true })
    // a retry of the same request is the same plan
    expect((await c.ok('notice', 'notice.plan.create', PLAN, 'demo-regulator', 'plan-request-1')).id).toBe(plan.id)

    await trigger()
    expect((await outbox('demo-owner-1')).filter((m) => m.key.startsWith('inspection:'))).toEqual([])
    // one minute before 09:00 China on 28 November: still nothing
    await setClock('2026-11-28T00:59:00Z')
    await trigger()
    expect((await outbox('demo-owner-1')).filter((m) => m.key.startsWith('inspection:'))).toEqual([])
    expect((await c.ok('notice', 'notice.list', {}, 'demo-owner-1')).inspections).toEqual([])

    await setClock('2026-11-28T01:00:00Z')
    await trigger()
    await trigger()
    for (const who of ['demo-owner-1', 'demo-owner-2']) {
      const told = (await outbox(who)).filter((m) => m.key.startsWith(`inspection:${plan.id}:`))
      expect(told).toHaveLength(1)
      expect(told[0].title).toBe('双随机抽查迎检提醒')
      expect(told[0].body).toContain('12月1日至12月10日')
      expect(told[0].body).toContain('营业执照放在显眼位置')
    }
    const after = (await c.ok('notice', 'notice.plan.list', {}, 'demo-regulator')).items.find((p: any) => p.id === plan.id)
    expect(after).toMatchObject({ status: 'notified', notified: 2, canCancel: false })
    expect((await c.call('notice', { action: 'notice.plan.cancel', payload: { id: plan.id } }, 'demo-regulator')).body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })

    // the hidden day, or any date inside the window, nowhere an owner can see it
    const list = await c.ok('notice', 'notice.list', {}, 'demo-owner-1')
    expect(list.inspections).toEqual([{ id: plan.id, title: PLAN.title, windowStart: '2026-12-01', windowEnd: '2026-12-10', cancelled: false }])
    const view = await c.ok('notice', 'notice.inspection.get', { id: plan.id }, 'demo-owner-1')
    expect(view).toMatchObject({ day: null, checklist: PLAN.checklist })
    const inbox = await c.ok('reminder', 'reminder.inbox.list', {}, 'demo-owner-1')
    const seen = JSON.stringify([list, view, inbox, await outbox('demo-owner-1')])
    for (const re of insideDates(PLAN.windowStart, PLAN.windowEnd)) expect(seen).not.toMatch(re)
  })

  test('audience and region: only the plan’s households; another county sees nothing and cannot use 鹿城区 markets', async () => {
    await setClock('2026-11-20T02:00:00Z')
    // a newcomer in no market is not in a market plan
    await c.ports.db.collection('owners').set('outsider', { profile: { businessName: '外来小店', creditCode: demoCreditCode('330302', 'T55555555'), region: '330302', industry: 'foodRetail' }, marketId: null, stallId: null, settings: {}, consents: {}, createdAt: '', updatedAt: '' } as never)
    const plan = await c.ok('notice', 'notice.plan.create', { ...PLAN, title: '按名单', audience: { kind: 'list', creditCodes: [await codeOf('demo-owner-2')] }, hideDay: false }, 'demo-regulator', 'plan-request-2')
    const rule = await c.ok('notice', 'notice.plan.create', { ...PLAN, title: '按行业', audience: { kind: 'rule', industry: 'foodRetail' }, windowStart: '2026-12-20', windowEnd: '2026-12-22', day: undefined }, 'demo-regulator', 'plan-request-3')
    await setClock('2026-12-18T02:00:00Z')
    await trigger()
    expect((await outbox('demo-owner-1')).filter((m) => m.key.startsWith(`inspection:${plan.id}:`))).toHaveLength(0)
    const two = (await outbox('demo-owner-2')).filter((m) => m.key.startsWith(`inspection:${plan.id}:`))
    expect(two).toHaveLength(1)
    // the plan reveals its day: it is said
    expect(two[0].body).toContain('检查日为12月4日')
    expect((await c.ok('notice', 'notice.inspection.get', { id: plan.id }, 'demo-owner-2')).day).toBe('2026-12-04')
    expect((await c.call('notice', { action: 'notice.inspection.get', payload: { id: plan.id } }, 'demo-owner-1')).status).toBe(404)
    // by rule: every foodRetail owner of 鹿城区, in a market or not
    const byRule = (await outbox('outsider')).filter((m) => m.key.startsWith(`inspection:${rule.id}:`))
    expect(byRule).toHaveLength(1)
    // another county's regulator: no plans of 鹿城区, cannot cancel one, cannot aim at its market
    expect((await c.ok('notice', 'notice.plan.list', {}, 'reg-oh')).total).toBe(0)
    await setClock('2026-11-20T02:00:00Z')
    const foreign = await c.call('notice', { action: 'notice.plan.create', payload: PLAN, requestId: 'plan-request-oh' }, 'reg-oh')
    expect(foreign.body).toMatchObject({ ok: false, error: { message: '有市场不在您的辖区，请重新选择' } })
    const scheduled = await c.ok('notice', 'notice.plan.create', { ...PLAN, windowStart: '2027-01-10', windowEnd: '2027-01-12', day: undefined }, 'demo-regulator', 'plan-request-4')
    expect((await c.call('notice', { action: 'notice.plan.cancel', payload: { id: scheduled.id } }, 'reg-oh')).status).toBe(404)
    expect(await c.ok('notice', 'notice.plan.cancel', { id: scheduled.id }, 'demo-regulator')).toMatchObject({ status: 'cancelled' })
    // an owner cannot make plans
    expect((await c.call('notice', { action: 'notice.plan.create', payload: PLAN, requestId: 'plan-request-x' }, 'demo-owner-1')).status).toBe(403)
    // a one-day window would name the day a hidden plan keeps back: refused in words; allowed when the day is told
    const oneDay = { ...PLAN, windowStart: '2027-01-10', windowEnd: '2027-01-10', day: undefined }
    const hidden = await c.call('notice', { action: 'notice.plan.create', payload: { ...oneDay, hideDay: true }, requestId: 'plan-request-1day' }, 'demo-regulator')
    expect(hidden.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('时间段至少要两天') } })
    expect(await c.ok('notice', 'notice.plan.create', { ...oneDay, hideDay: false }, 'demo-regulator', 'plan-request-1day-told')).toMatchObject({ windowStart: '2027-01-10', windowEnd: '2027-01-10' })
  })

  test('违规提示: guidance for a first minor one, corrected with a photo, confirmed; returned and corrected again', async () => {
    await setClock('2026-11-20T02:00:00Z')
    const code = await codeOf('demo-owner-1')
    const hint = await c.ok('notice', 'notice.hint.send', { creditCode: code, rule: '《明码标价和禁止价格欺诈规定》', what: '摊位商品没有标价签，请补上', dueDate: '2026-11-27', firstMinor: true }, 'demo-regulator', 'hint-request-1')
    expect(hint).toMatchObject({ status: 'sent', guidance: true, businessName: '鹿城区张记面馆', marketName: '东门农贸市场', fromLabel: '工作台发出' })
    const msg = (await outbox('demo-owner-1')).find((m) => m.key === `hint:${hint.id}:sent`)!
    expect(msg.body).toContain('这是整改提示，不是处罚')
    expect(msg.body).toContain('初次违法且危害后果轻微并及时改正的，可以不予行政处罚。')
    expect(msg.body).toContain('11月27日前')
    // another county's regulator cannot send to or see 鹿城区's households
    expect((await c.call('notice', { action: 'notice.hint.send', payload: { creditCode: code, rule: 'x规定', what: '请补上标价签', dueDate: '2026-11-27', firstMinor: false }, requestId: 'hint-request-oh' }, 'reg-oh')).status).toBe(404)
    expect((await c.call('notice', { action: 'notice.hint.staffGet', payload: { id: hint.id } }, 'reg-oh')).status).toBe(404)
    // someone else's hint is not found; no photo, no correction
    expect((await c.call('notice', { action: 'notice.hint.get', payload: { id: hint.id } }, 'demo-owner-2')).status).toBe(404)
    const none = await c.call('notice', { action: 'notice.hint.correct', payload: { id: hint.id, photos: [] }, requestId: 'correct-request-0' }, 'demo-owner-1')
    expect(none.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })

    const photo = await upload()
    const corrected = await c.ok('notice', 'notice.hint.correct', { id: hint.id, photos: [photo], note: '已经贴上标价签' }, 'demo-owner-1', 'correct-request-1')
    expect(corrected).toMatchObject({ status: 'corrected', statusLabel: '已整改，待确认', canCorrect: false, note: '已经贴上标价签' })
    expect(corrected.photos).toHaveLength(1)
    // the photo is the hint's now: the upload cleanup will not delete it, nor can it be used again
    expect(((await c.ports.db.collection('complaintUploads').get(photo)) as any).complaintId).toBe(`hint:${hint.id}`)
    expect((await outbox('demo-regulator')).some((m) => m.key.startsWith(`hint-corrected:${hint.id}:`))).toBe(true)
    const todo = await c.ok('notice', 'notice.hint.queue', {}, 'demo-regulator')
    expect(todo.items.map((i: any) => i.id)).toContain(hint.id)

    const back = await c.ok('notice', 'notice.hint.review', { id: hint.id, decision: 'return', reason: '照片看不清标价签', dueDate: '2026-11-30' }, 'demo-regulator')
    expect(back).toMatchObject({ status: 'returned', returnReason: '照片看不清标价签', dueDate: '2026-11-30', actions: [] })
    expect((await c.ok('notice', 'notice.hint.get', { id: hint.id }, 'demo-owner-1')).canCorrect).toBe(true)
    await c.ok('notice', 'notice.hint.correct', { id: hint.id, photos: [await upload()] }, 'demo-owner-1', 'correct-request-2')
    const done = await c.ok('notice', 'notice.hint.review', { id: hint.id, decision: 'confirm' }, 'demo-regulator')
    expect(done).toMatchObject({ status: 'confirmed', statusLabel: '已确认整改' })
    expect((await c.call('notice', { action: 'notice.hint.review', payload: { id: hint.id, decision: 'confirm' } }, 'demo-regulator')).body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect((await outbox('demo-owner-1')).map((m) => m.title)).toEqual(expect.arrayContaining(['整改被退回', '整改已确认']))
  })

  test('违规提示 overdue: back in the regulator’s queue and told once, when the day after the deadline starts', async () => {
    await setClock('2026-11-20T02:00:00Z')
    const hint = await c.ok('notice', 'notice.hint.send', { creditCode: await codeOf('demo-owner-2'), rule: '《食品安全法》', what: '冷柜温度计坏了，请更换', dueDate: '2026-11-25', firstMinor: false }, 'demo-regulator', 'hint-request-2')
    expect((await outbox('demo-owner-2')).find((m) => m.key === `hint:${hint.id}:sent`)!.body).not.toContain('不是处罚')
    // the deadline's last day is still on time (until 23:59 China on 25 November)
    await setClock('2026-11-25T15:59:00Z')
    await trigger()
    expect((await c.ok('notice', 'notice.hint.staffGet', { id: hint.id }, 'demo-regulator')).overdue).toBe(false)
    await setClock('2026-11-25T16:00:00Z')
    await trigger()
    await trigger()
    expect(await c.ok('notice', 'notice.hint.staffGet', { id: hint.id }, 'demo-regulator')).toMatchObject({ overdue: true, status: 'sent' })
    expect((await outbox('demo-regulator')).filter((m) => m.key.startsWith(`hint-overdue:${hint.id}:`))).toHaveLength(1)
    const todo = await c.ok('notice', 'notice.hint.queue', { view: 'todo' }, 'demo-regulator')
    expect(todo.items.find((i: any) => i.id === hint.id)).toMatchObject({ overdue: true })
    // the owner can still correct it late
    const late = await c.ok('notice', 'notice.hint.correct', { id: hint.id, photos: [await upload('demo-owner-2')] }, 'demo-owner-2', 'correct-request-3')
    expect(late).toMatchObject({ status: 'corrected', overdue: true })
  })

  test('信用修复 from the register import: marked with its cause, steps, reminders until cleared (weekly, then monthly), cleared by a later import', async () => {
    await setClock('2026-11-20T02:00:00Z')
    const code = await codeOf('demo-owner-1')
    const reg = (await c.ports.db.collection('register').get(code)) as any
    const file = (mark: string) =>
      `统一社会信用代码,名称,经营者姓名,经营场所,成立日期,登记状态,列入经营异常名录原因\n${code},${reg.name},${reg.operatorName},${reg.address},${reg.registeredOn ?? ''},存续,${mark}\n`
    const importFile = async (text: string) => {
      const { cloudPath } = await c.ok('register', 'register.import.prepare', { ext: 'csv' }, 'demo-regulator')
      const res = await fetch(`${c.url}/api/local/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'x-wx-openid': 'demo-regulator' }, body: Buffer.from(text) })
      const { fileID } = (await res.json()) as { fileID: string }
      const p = await c.ok('register', 'register.import.preview', { fileId: fileID }, 'demo-regulator')
      expect(p.errors).toBe(0)
      for (let i = 0; i < 10 && !(await c.ok('register', 'register.import.run', { jobId: p.jobId }, 'demo-regulator')).finished; i++);
    }
    await importFile(file('未按规定报送2025年度年度报告'))
    const owner = (await c.ports.db.collection('owners').get('demo-owner-1')) as any
    expect(owner.profile.abnormal).toBe(true)
    const r = (await c.ok('notice', 'notice.repair.get', {}, 'demo-owner-1')).repair
    expect(r).toMatchObject({ status: 'marked', cause: 'annualReport', causeLabel: '未按规定报送年度报告', causeText: '未按规定报送2025年度年度报告', sourceLabel: '登记名录' })
    expect(r.steps[0].evidence.quote).toContain('允许自行网上补报')
    // the loan assessment reads the official mark
    // reminders: the first at once, then every 7 days (5 in all), then every 30 days: days 0, 7, 14, 21, 28, 58, 88
    for (let day = 0; day < 100; day++) {
      await setClock(new Date(Date.parse('2026-11-20T02:00:00Z') + day * 86_400_000).toISOString())
      await trigger()
    }
    // newest first
    const reminders = (await outbox('demo-owner-1')).filter((m) => m.key.startsWith(`credit-repair:${code}:1:`) && !m.key.endsWith(':cleared'))
    expect(reminders).toHaveLength(7)
    // the last two a month apart, and the next one a month after the last (China dates)
    const sentOn = reminders.map((m: any) => new Date(Date.parse(m.at) + 8 * 3600_000).toISOString().slice(0, 10))
    expect(Date.parse(sentOn[0]) - Date.parse(sentOn[1])).toBe(30 * 86_400_000)
    expect(Date.parse(sentOn[4]) - Date.parse(sentOn[5])).toBe(7 * 86_400_000)
    const nextOn = (await c.ok('notice', 'notice.repair.get', {}, 'demo-owner-1')).repair.nextReminderOn
    expect(Date.parse(nextOn) - Date.parse(sentOn[0])).toBe(30 * 86_400_000)
    expect(reminders.every((m) => m.body.includes('国家企业信用信息公示系统') && !/付款|转账|http/.test(m.body))).toBe(true)

    // the owner ticks a step; it never clears the mark, and they cannot set or clear 经营异常 themselves
    const checked = (await c.ok('notice', 'notice.repair.check', { step: 'file', done: true }, 'demo-owner-1')).repair
    expect(checked.steps.find((s: any) => s.id === 'file').done).toBe(true)
    expect(checked.status).toBe('marked')
    const { profile } = await c.ok('user', 'user.profile.get', {}, 'demo-owner-1')
    const { regionName: _r, updatedAt: _u, abnormal: _a, ...input } = profile
    const self = await c.call('user', { action: 'user.profile.save', payload: { ...input, abnormal: false } }, 'demo-owner-1')
    expect(self.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const saved = await c.ok('user', 'user.profile.save', input, 'demo-owner-1')
    expect(saved.profile.abnormal).toBe(true)

    // a later import without the mark clears it; the owner is told once
    await importFile(file(''))
    expect((await c.ok('notice', 'notice.repair.get', {}, 'demo-owner-1')).repair).toMatchObject({ status: 'cleared' })
    expect(((await c.ports.db.collection('owners').get('demo-owner-1')) as any).profile.abnormal).toBe(false)
    await importFile(file(''))
    expect((await outbox('demo-owner-1')).filter((m) => m.key === `credit-repair:${code}:1:cleared`)).toHaveLength(1)
    // cleared: no reminder after it
    expect((await c.ok('notice', 'notice.repair.get', {}, 'demo-owner-1')).repair.nextReminderOn).toBeNull()
    await setClock('2027-04-20T02:00:00Z')
    await trigger()
    expect((await outbox('demo-owner-1')).filter((m) => m.key.startsWith(`credit-repair:${code}:1:`) && !m.key.endsWith(':cleared'))).toHaveLength(7)
  })

  test('信用修复 by staff: marked with a cause, region-scoped list, cleared only by staff or the register', async () => {
    await setClock('2026-11-20T02:00:00Z')
    const code = await codeOf('demo-owner-2')
    expect((await c.call('notice', { action: 'notice.abnormal.mark', payload: { creditCode: code, cause: 'unreachable' } }, 'reg-oh')).status).toBe(404)
    const row = await c.ok('notice', 'notice.abnormal.mark', { creditCode: code, cause: 'unreachable', causeText: '两次实地核查无人' }, 'demo-regulator')
    expect(row).toMatchObject({ status: 'marked', causeLabel: '通过登记的经营场所无法联系', sourceLabel: '监管部门标记', linked: true })
    await trigger()
    const first = (await outbox('demo-owner-2')).filter((m) => m.key === `credit-repair:${code}:1:1`)
    expect(first).toHaveLength(1)
    expect(first[0].body).toContain('变更登记')
    const list = await c.ok('notice', 'notice.abnormal.list', {}, 'demo-regulator')
    expect(list.items.map((i: any) => i.id)).toContain(code)
    expect((await c.ok('notice', 'notice.abnormal.list', {}, 'reg-oh')).total).toBe(0)
    // an owner has no way to clear it
    expect((await c.call('notice', { action: 'notice.abnormal.clear', payload: { creditCode: code, note: '我已经改了' } }, 'demo-owner-2')).status).toBe(403)
    const cleared = await c.ok('notice', 'notice.abnormal.clear', { creditCode: code, note: '已核实新的经营场所' }, 'demo-regulator')
    expect(cleared).toMatchObject({ status: 'cleared' })
    expect((await c.ok('notice', 'notice.abnormal.list', { status: 'cleared' }, 'demo-regulator')).items.map((i: any) => i.id)).toContain(code)
    // no reminder after clearing
    await setClock('2026-12-20T02:00:00Z')
    await trigger()
    expect((await outbox('demo-owner-2')).filter((m) => m.key.startsWith(`credit-repair:${code}:1:`) && !m.key.endsWith('cleared'))).toHaveLength(1)
  })
})

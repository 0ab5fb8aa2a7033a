import { policyContract } from '../../src/core/policy/contract'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import { testCloud, type TestCloud } from '../helpers/cloud'
import { profileOf } from '../helpers/fixtures'

const GANZHOU = '620702' // 甘肃省张掖市甘州区
const draft = {
  title: '甘州区退役军人开业补贴（测试）',
  summary: { what: '开业补贴', who: '退役军人', how: '到区退役军人局申请', where: '区退役军人局' },
  department: '区退役军人局',
  category: 'startup',
  effectiveFrom: '2026-01-01',
  effectiveTo: null,
  source: { document: '测试文件', number: null, clause: '第1条' },
  conditions: [{ fact: 'region', op: 'within', value: GANZHOU }, { fact: 'groups', op: 'hasAny', value: ['veteran'] }]
}

describe('policy function over HTTP', () => {
  let c: TestCloud
  const onboard = async (openid: string, extra: Record<string, unknown> = {}) => {
    await c.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, openid)
    await c.ok('user', 'user.profile.save', { ...profileOf(openid), region: GANZHOU, ...extra }, openid)
  }
  const outbox = async (openid: string) =>
    ((await (await fetch(`${c.url}/api/local/outbox?openid=${openid}`)).json()) as { data: { messages: Array<{ key: string; title: string }> } }).data.messages
  const trigger = () => c.post('/api/local/trigger/scheduler', '')

  beforeAll(async () => {
    c = await testCloud()
    c.clock.set(new Date('2026-11-21T02:00:00Z'))
    // veterans and graduates in 甘州区, one in 温州
    await onboard('pol-vet', { groups: ['veteran'], openedOn: '2024-03-01' })
    await onboard('pol-grad', { groups: ['graduate'], graduationYear: 2025, openedOn: '2026-03-21' })
    await onboard('pol-vet-quiet', { groups: ['veteran'] })
    await onboard('pol-vet-off', { groups: ['veteran'] })
    await onboard('pol-wz', { region: '330302', groups: ['veteran'] })
    await c.ok('reminder', 'reminder.settings.save', { topics: { policy: false } }, 'pol-vet-quiet')
    await c.ok('user', 'user.settings.save', { personalized: false }, 'pol-vet-off')
  })
  afterAll(() => c.stop())

  test('为您推荐: matches first, then what is one reachable step away; a policy aimed at others is left out, never 差一项', async () => {
    // 温州's plan states no end date, so a 温州 owner still gets recommendations in 2026
    const feed = await c.ok('policy', 'policy.feed', { limit: 50 }, 'pol-wz')
    expect(policyContract['policy.feed'].output.parse(feed)).toBeTruthy()
    expect(feed.personalized).toBe(true)
    const statuses = feed.items.map((i: { status: string }) => i.status)
    expect(statuses).not.toContain('no')
    // 开业第一课 is for shops open under a year, 信用修复 for owners listed as 经营异常: pol-wz is neither,
    // so neither is "one step away" (issue 14: "还差：面向被列入经营异常名录的" read as if something were missing)
    const ids = feed.items.map((i: { id: string }) => i.id)
    expect(ids).not.toContain('wz-06-first-lesson')
    expect(ids).not.toContain('wz-19-credit-repair')
    const lesson = await c.ok('policy', 'policy.get', { id: 'wz-06-first-lesson' }, 'pol-wz')
    expect(lesson).toMatchObject({ status: 'no', fit: 'no', missing: null })
    expect(lesson.reasons[1].text).toBe('这项面向开业1年以内的新开办个体户；您已经营1年8个月，用不上')
    // nothing from another region is recommended
    expect(ids.some((id: string) => id.startsWith('gz-') || id.startsWith('wh-'))).toBe(false)

    // in 2024 a 甘州区 就业困难人员 open five months is one reachable step (time) from 一次性创业补贴
    c.clock.set(new Date('2024-06-01T02:00:00Z'))
    try {
      await onboard('pol-gz-2024', { groups: ['hardToEmploy'], openedOn: '2024-01-01' })
      const early = await c.ok('policy', 'policy.feed', { limit: 50 }, 'pol-gz-2024')
      const st = early.items.map((i: { status: string }) => i.status)
      expect(st.indexOf('almost')).toBeGreaterThan(st.lastIndexOf('match'))
      expect(early.items.find((i: { id: string }) => i.id === 'gz-05-startup-subsidy')).toMatchObject({ status: 'almost', fit: 'almost', missing: '需正常经营满1年，您已经营5个月' })
    } finally {
      c.clock.set(new Date('2026-11-21T02:00:00Z'))
    }
  })

  test('全部 and search: the owner’s own region first (city/county, province, national, elsewhere, unknown), each with its status', async () => {
    const all = await c.ok('policy', 'policy.list', { limit: 50 }, 'pol-wz')
    expect(policyContract['policy.list'].output.parse(all)).toBeTruthy()
    const order = { local: 0, province: 1, national: 2, elsewhere: 3, unknown: 4 } as const
    const scopes = all.items.map((i: { scope: keyof typeof order }) => order[i.scope])
    expect(scopes).toEqual([...scopes].sort((a, b) => a - b))
    // 温州 first; 武汉 and 甘州区 are 不适用本地区; seed 000 says its place is unknown
    expect(all.items[0].id.startsWith('wz-')).toBe(true)
    // within the owner's region, what a stall can use before the 10千伏 approval (the recommendation order)
    const local = all.items.filter((i: { scope: string }) => i.scope === 'local').map((i: { id: string }) => i.id)
    expect(local.indexOf('wz-03-power-connection')).toBeGreaterThan(local.indexOf('wz-04-code-loan'))
    expect(all.items[0]).toMatchObject({ scope: 'local', place: '浙江省温州市' })
    const wh = all.items.find((i: { id: string }) => i.id === 'wh-survival')
    expect(wh).toMatchObject({ scope: 'elsewhere', fit: 'elsewhere', place: '湖北省武汉市' })
    expect(all.items.find((i: { id: string }) => i.id === 'gz-05-startup-subsidy')).toMatchObject({ scope: 'elsewhere', fit: 'expired' })
    expect(all.items[all.items.length - 1]).toMatchObject({ scope: 'unknown', fit: 'expired', place: '地区不明' })
    // sources by title and issuer, never a file name; a draft says so
    for (const i of all.items) expect(i.sourceLine).not.toMatch(/种子|seed|\.txt|某省/)
    expect(all.items[0].sourceLine).toBe('《温州市推进个体工商户全生命周期服务增值化改革实施方案》 · 温州市市场监督管理局等10个部门 · 2024年')
    expect(all.items.find((i: { id: string }) => i.id === 'gz-05-startup-subsidy').sourceLine).toBe('《关于做好2024年度扶持个体工商户发展的通知》 · 征求意见稿（尚未正式施行） · 甘州区扶持个体工商户发展联席会议办公室 · 2024年度')
    // search: the same order
    const hits = await c.ok('policy', 'policy.search', { q: '信用' }, 'pol-wz')
    expect(hits.items.map((i: { id: string }) => i.id.slice(0, 3))[0]).toBe('wz-')
    expect(hits.items.every((i: { fit: string | null }) => i.fit !== null)).toBe(true)
  })

  test('how to act: the document’s office, the contacts staff keep for the owner’s place (most specific wins), in-app steps', async () => {
    // demo seed: 鹿城区 keeps a market office, 温州市 a 人社 window
    const loan = await c.ok('policy', 'policy.get', { id: 'wz-04-code-loan' }, 'pol-wz')
    expect(policyContract['policy.get'].output.parse(loan)).toBeTruthy()
    expect(loan.act.actions).toEqual(['loan'])
    expect(loan.act.place).toBe('浙江省温州市鹿城区')
    expect(loan.act.ask).toEqual([{ department: 'market', name: '市场监管部门', contact: expect.objectContaining({ office: '鹿城区示例市场监管所（演示数据）', phone: '0577-00000000', region: '330302' }), fallback: null }])
    expect(loan.act.materialsNote).toContain('本平台的经验，不是文件要求')
    // the city's 人社 window serves a county owner when the county keeps none
    const skills = await c.ok('policy', 'policy.get', { id: 'wz-15-skills-subsidy' }, 'pol-wz')
    expect(skills.act.ask[0].contact).toMatchObject({ region: '330300', department: 'hrss' })
    // a county office replaces the city's for that county once staff add it
    await c.ok('policy', 'policy.contact.save', { department: 'hrss', region: '330302', office: '鹿城区人社窗口', phone: '0577 8800 0000', address: null, hours: null, online: null, note: null }, 'demo-regulator')
    expect((await c.ok('policy', 'policy.get', { id: 'wz-15-skills-subsidy' }, 'pol-wz')).act.ask[0].contact).toMatchObject({ region: '330302', phone: '0577 8800 0000' })
    await c.ok('policy', 'policy.contact.remove', { department: 'hrss', region: '330302' }, 'demo-regulator')
    // nothing kept: the department named, where to ask, and no number
    const power = await c.ok('policy', 'policy.get', { id: 'wz-03-power-connection' }, 'pol-wz')
    expect(power.act.ask).toEqual([{ department: 'power', name: '供电公司', contact: null, fallback: expect.stringContaining('本平台还没有收到浙江省温州市鹿城区供电公司的电话和地址') }])
    expect(power.act.ask[0].fallback).not.toMatch(/\d{3,}/)
    // a 武汉 measure shows 武汉's offices, not the owner's own
    expect((await c.ok('policy', 'policy.get', { id: 'wh-survival' }, 'pol-wz')).act.place).toBe('湖北省武汉市')
    // an official site the document names, with our note for the address it does not spell out
    const repair = await c.ok('policy', 'policy.get', { id: 'gz-22-credit-repair' }, 'pol-wz')
    expect(repair.act.online[0]).toMatchObject({ name: '国家企业信用信息公示系统', url: 'https://www.gsxt.gov.cn', quote: expect.stringContaining('网上补报') })
    expect(repair.act.actions).toEqual(['annualReport'])
  })

  test('office contacts: a regulator keeps their own region’s and reads the ones above; owners and banks cannot; each field is checked in Chinese', async () => {
    const valid = { department: 'tax', region: '330302', office: '鹿城区税务局办税服务厅', phone: '0577-88000001', address: '鹿城区某路1号', hours: '工作日 9:00-17:00', online: null, note: null }
    for (const who of ['pol-wz', 'demo-bank']) {
      for (const action of ['policy.contact.save', 'policy.contact.list', 'policy.contact.remove']) {
        const r = await c.call('policy', { action, payload: action === 'policy.contact.list' ? {} : valid }, who)
        expect([who, action, !r.body.ok && r.body.error.code]).toEqual([who, action, 'FORBIDDEN'])
      }
    }
    // 王科员 works in 鹿城区: not the city's, not another province's
    for (const region of ['330300', '620702']) {
      const r = await c.call('policy', { action: 'policy.contact.save', payload: { ...valid, region } }, 'demo-regulator')
      expect(!r.body.ok && r.body.error).toMatchObject({ code: 'FORBIDDEN', message: '您只能维护浙江省温州市鹿城区范围内的联系方式' })
    }
    const outside = await c.call('policy', { action: 'policy.contact.remove', payload: { department: 'hrss', region: '330300' } }, 'demo-regulator')
    expect(!outside.body.ok && outside.body.error.code).toBe('FORBIDDEN')
    // 李科长 (温州市) may keep the city's; an admin anything
    expect(await c.ok('policy', 'policy.contact.save', { ...valid, region: '330300', office: '温州市税务局' }, 'demo-supervisor')).toMatchObject({ id: 'tax:330300', regionName: '浙江省温州市', updatedBy: '李科长' })
    expect(await c.ok('policy', 'policy.contact.save', { ...valid, region: '620702', office: '甘州区税务局' }, 'demo-admin')).toMatchObject({ id: 'tax:620702' })
    // saving twice keeps one
    await c.ok('policy', 'policy.contact.save', valid, 'demo-regulator')
    const saved = await c.ok('policy', 'policy.contact.save', { ...valid, hours: null }, 'demo-regulator')
    expect(saved).toMatchObject({ id: 'tax:330302', hours: null, departmentName: '税务部门' })
    // the list: the own county's (editable) and the city's (read only); nothing from 甘州区
    const list = await c.ok('policy', 'policy.contact.list', {}, 'demo-regulator')
    expect(policyContract['policy.contact.list'].output.parse(list)).toBeTruthy()
    const rows = list.contacts.map((x: { id: string; editable: boolean }) => [x.id, x.editable])
    expect(rows).toEqual(expect.arrayContaining([['tax:330302', true], ['market:330302', true], ['tax:330300', false], ['hrss:330300', false]]))
    expect(rows.some(([id]: [string]) => id.endsWith('620702'))).toBe(false)
    expect((await c.ok('policy', 'policy.contact.list', { limit: 50 }, 'demo-admin')).contacts.map((x: { id: string }) => x.id)).toContain('tax:620702')
    // what is wrong, field by field, in Chinese
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ phone: '88-88' }, 'phone', '电话格式不对，如 0577-88001234、13800000000 或 12345'],
      [{ phone: null, address: null, online: null }, 'phone', '电话、地址、网上入口至少填一项'],
      [{ online: { name: '官网', url: 'http://example.gov.cn' } }, 'online.url', '请填写以 https:// 开头的官方网址'],
      [{ office: '' }, 'office', '此项必填'],
      [{ region: '999999' }, 'region', '请选择地区'],
      [{ department: 'police' }, 'department', '不是可选的值']
    ]
    for (const [change, path, message] of cases) {
      const r = await c.call('policy', { action: 'policy.contact.save', payload: { ...valid, ...change } }, 'demo-regulator')
      expect(!r.body.ok && r.body.error.details!.find((d) => d.path === path)).toEqual({ path, message })
    }
    expect(await c.ok('policy', 'policy.contact.remove', { department: 'tax', region: '330302' }, 'demo-regulator')).toEqual({ removed: true })
    expect(await c.ok('policy', 'policy.contact.remove', { department: 'tax', region: '330302' }, 'demo-regulator')).toEqual({ removed: false })
  })

  test('an ended policy is never recommended: the 2024 甘州区 draft says 已过期 in 2026 (issue 13)', async () => {
    const feed = await c.ok('policy', 'policy.feed', { limit: 50 }, 'pol-grad')
    expect(feed.items.some((i: { id: string }) => i.id.startsWith('gz-') || i.id.startsWith('sm-'))).toBe(false)
    const all = await c.ok('policy', 'policy.list', { category: 'startup', limit: 50 }, 'pol-grad')
    expect(all.items.find((i: { id: string }) => i.id === 'gz-05-startup-subsidy')).toMatchObject({ expired: true, status: 'no', effectiveTo: '2024-12-31' })
  })

  test('detail: reasons, source citation, how to apply; reading and favouriting count once per owner', async () => {
    const d = await c.ok('policy', 'policy.get', { id: 'gz-08-veteran-loan' }, 'pol-vet')
    // the document is a 2024 draft: in 2026 it is over, and says so before the owner's reasons
    expect(d).toMatchObject({ status: 'no', expired: true })
    expect(d.reasons.map((r: { text: string }) => r.text)).toEqual(['已过期：文件写明的时间是“2024年度”', '您在甘肃省张掖市甘州区', '您是退役军人'])
    expect(d.source).toMatchObject({ clause: '二（三）第8条', number: null, draft: true, document: '《关于做好2024年度扶持个体工商户发展的通知》（征求意见稿）' })
    expect(d.source.issuer).toContain('甘州区')
    expect(d.period).toMatchObject({ text: '2024年度', to: '2024-12-31' })
    expect(d.evidence.map((e: { quote: string }) => e.quote)).toContain('金融机构要为退役军人设立专属“拥军贷”“戎创贷”“惠军贷”“陇原戎惠”等信贷产品。')
    expect(d.summary.where).toBe('区退役军人局、区人社局、区财政局')
    await c.ok('policy', 'policy.read', { id: 'gz-08-veteran-loan' }, 'pol-vet')
    await c.ok('policy', 'policy.read', { id: 'gz-08-veteran-loan' }, 'pol-vet')
    await c.ok('policy', 'policy.favorite', { id: 'gz-08-veteran-loan', favorite: true }, 'pol-vet')
    await c.ok('policy', 'policy.favorite', { id: 'gz-08-veteran-loan', favorite: true }, 'pol-vet')
    const favs = await c.ok('policy', 'policy.list', { favorites: true }, 'pol-vet')
    expect(favs.items.map((i: { id: string; read: boolean }) => [i.id, i.read])).toEqual([['gz-08-veteran-loan', true]])
    const staff = await c.ok('policy', 'policy.admin.list', { status: 'published', limit: 100 }, 'demo-regulator')
    expect(staff.policies.find((p: { id: string }) => p.id === 'gz-08-veteran-loan').stats).toEqual({ pushed: 0, opened: 1, favorited: 1 })
    await c.ok('policy', 'policy.favorite', { id: 'gz-08-veteran-loan', favorite: false }, 'pol-vet')
    expect((await c.ok('policy', 'policy.list', { favorites: true }, 'pol-vet')).items).toEqual([])
  })

  test('browse by category and department; search takes any text safely', async () => {
    const finance = await c.ok('policy', 'policy.list', { category: 'finance', limit: 50 }, 'pol-vet')
    expect(finance.items.length).toBeGreaterThan(3)
    expect(finance.items.every((i: { category: string }) => i.category === 'finance')).toBe(true)
    expect(finance.departments).toContain('区税务局、区财政局')
    const dept = await c.ok('policy', 'policy.list', { department: '区司法局' }, 'pol-vet')
    expect(dept.items.map((i: { id: string }) => i.id)).toEqual(['gz-31-legal-aid'])
    const hits = await c.ok('policy', 'policy.search', { q: '六税两费' }, 'pol-vet')
    expect(hits.items.map((i: { id: string }) => i.id)).toEqual(['gz-11-six-taxes-two-fees'])
    // taken literally: "(" finds the one text with a literal "10(20)千伏", regex or query syntax finds nothing
    const literal = await c.ok('policy', 'policy.search', { q: '(' }, 'pol-vet')
    expect(literal.items.map((i: { id: string }) => i.id)).toEqual(['wz-03-power-connection'])
    for (const q of ['.*', '{"$gt":""}', '\\', '%', '<script>', 'a'.repeat(40)]) {
      expect([q, (await c.ok('policy', 'policy.search', { q }, 'pol-vet')).items]).toEqual([q, []])
    }
    const tooLong = await c.call('policy', { action: 'policy.search', payload: { q: 'a'.repeat(41) } }, 'pol-vet')
    expect(!tooLong.body.ok && tooLong.body.error.code).toBe('INVALID_INPUT')
  })

  test('personalisation off: the plain list, newest first, with no matching', async () => {
    const feed = await c.ok('policy', 'policy.feed', { limit: 50 }, 'pol-vet-off')
    expect(feed.personalized).toBe(false)
    expect(feed.items.every((i: { status: unknown }) => i.status === null)).toBe(true)
    const dates = feed.items.map((i: { publishedAt: string }) => i.publishedAt)
    expect([...dates].sort().reverse()).toEqual(dates)
    // the plain list holds what is in force: 温州 (11) and 武汉 (7); seed 000 and 001 have ended
    expect(feed.total).toBeGreaterThanOrEqual(18)
    expect(feed.items.every((i: { expired: boolean }) => !i.expired)).toBe(true)
  })

  test('staff: preview reach with a masked sample; publish pushes once per owner, respecting topics and opt-outs', async () => {
    const preview = await c.ok('policy', 'policy.admin.preview', { conditions: draft.conditions }, 'demo-regulator')
    // pol-vet and pol-vet-quiet (topic off is decided at send time); not pol-vet-off (opted out), not pol-wz
    expect(preview.count).toBe(2)
    expect(preview.approximate).toBe(false)
    expect(preview.sample.length).toBe(2)
    expect(preview.sample[0].business).toMatch(/^鹿城\*+$/)
    expect(preview.sample[0].reasons.every((r: { met: boolean }) => r.met)).toBe(true)

    const saved = await c.ok('policy', 'policy.admin.save', draft, 'demo-regulator', 'policy-save-0001')
    expect(saved.status).toBe('draft')
    // a draft is invisible to owners
    const hidden = await c.call('policy', { action: 'policy.get', payload: { id: saved.id } }, 'pol-vet')
    expect(!hidden.body.ok && hidden.body.error.code).toBe('NOT_FOUND')
    const published = await c.ok('policy', 'policy.admin.publish', { id: saved.id }, 'demo-regulator')
    expect(published).toMatchObject({ status: 'published', push: 'queued' })
    await trigger()
    await trigger()
    const key = `policy:${saved.id}:pol-vet`
    expect((await outbox('pol-vet')).filter((m) => m.key === key)).toHaveLength(1)
    expect((await outbox('pol-vet-quiet')).some((m) => m.key.startsWith(`policy:${saved.id}`))).toBe(false)
    expect((await outbox('pol-vet-off')).some((m) => m.key.startsWith(`policy:${saved.id}`))).toBe(false)
    expect((await outbox('pol-wz')).some((m) => m.key.startsWith(`policy:${saved.id}`))).toBe(false)
    const inbox = await c.ok('reminder', 'reminder.inbox.list', {}, 'pol-vet')
    expect(inbox.messages[0].title).toBe(`新政策：${draft.title}`)
    const stats = (await c.ok('policy', 'policy.admin.list', { limit: 100 }, 'demo-regulator')).policies.find((p: { id: string }) => p.id === saved.id)
    expect(stats).toMatchObject({ push: 'done', stats: { pushed: 1, opened: 0, favorited: 0 } })
    // the new policy is now in the owner's feed, at the top of the matches
    const feed = await c.ok('policy', 'policy.feed', {}, 'pol-vet')
    expect(feed.items[0].id).toBe(saved.id)
  })

  test('withdrawing stops what is not yet sent and removes it from owners’ view', async () => {
    const saved = await c.ok('policy', 'policy.admin.save', { ...draft, title: '将被撤回的政策' }, 'demo-regulator')
    await c.ok('policy', 'policy.admin.publish', { id: saved.id }, 'demo-regulator')
    const withdrawn = await c.ok('policy', 'policy.admin.withdraw', { id: saved.id }, 'demo-regulator')
    expect(withdrawn).toMatchObject({ status: 'withdrawn', push: 'stopped' })
    await trigger()
    expect((await outbox('pol-vet')).some((m) => m.key.startsWith(`policy:${saved.id}`))).toBe(false)
    const gone = await c.call('policy', { action: 'policy.get', payload: { id: saved.id } }, 'pol-vet')
    expect(!gone.body.ok && gone.body.error.code).toBe('NOT_FOUND')
    const again = await c.call('policy', { action: 'policy.admin.publish', payload: { id: saved.id } }, 'demo-regulator')
    expect(!again.body.ok && again.body.error.code).toBe('PRECONDITION_FAILED')
  })

  test('expired policies are not recommended', async () => {
    const old = await c.ok('policy', 'policy.admin.save', { ...draft, title: '已过期的政策', effectiveFrom: '2025-01-01', effectiveTo: '2025-12-31' }, 'demo-regulator')
    await c.ok('policy', 'policy.admin.publish', { id: old.id }, 'demo-regulator')
    const feed = await c.ok('policy', 'policy.feed', { limit: 50 }, 'pol-vet')
    expect(feed.items.some((i: { id: string }) => i.id === old.id)).toBe(false)
    const d = await c.ok('policy', 'policy.get', { id: old.id }, 'pol-vet')
    expect(d.expired).toBe(true)
  })

  test('rules with an unknown fact or operator are refused with the path of the error', async () => {
    const bad = await c.call('policy', { action: 'policy.admin.save', payload: { ...draft, conditions: [draft.conditions[0], { fact: 'zodiac', op: 'is', value: 'dragon' }] } }, 'demo-regulator')
    expect(!bad.body.ok && bad.body.error.details![0].path).toBe('conditions.1.fact')
    const badOp = await c.call('policy', { action: 'policy.admin.preview', payload: { conditions: [{ fact: 'employees', op: 'approx', value: 3 }] } }, 'demo-regulator')
    expect(!badOp.body.ok && badOp.body.error.details![0].path).toBe('conditions.0.op')
  })

  test('owners cannot use staff actions; staff cannot use owner actions; only admins seed', async () => {
    for (const action of ['policy.admin.list', 'policy.admin.preview', 'policy.admin.publish', 'policy.admin.save']) {
      const r = await c.call('policy', { action, payload: {} }, 'pol-vet')
      expect(!r.body.ok && r.body.error.code).toBe('FORBIDDEN')
    }
    const staffFeed = await c.call('policy', { action: 'policy.feed', payload: {} }, 'demo-regulator')
    expect(!staffFeed.body.ok && staffFeed.body.error.code).toBe('FORBIDDEN')
    const regSeed = await c.call('policy', { action: 'policy.admin.seed', payload: {} }, 'demo-regulator')
    expect(!regSeed.body.ok && regSeed.body.error.code).toBe('FORBIDDEN')
    expect(await c.ok('policy', 'policy.admin.seed', {}, 'demo-admin')).toEqual({ added: 0, updated: 0 })
  })

  test('policies age: no stated end and 12 months unreviewed asks owners to confirm; one staff tap records a review', async () => {
    c.clock.set(new Date('2026-11-21T02:00:00Z'))
    const before = await c.ok('policy', 'policy.get', { id: 'wz-04-code-loan' }, 'pol-wz')
    expect(before).toMatchObject({ age: 'unconfirmed', expired: false })
    expect(before.ageNote).toBe('发布于2024-05-10，文件未写明截止日期，请向主管部门确认是否仍在执行。')
    // an ended document says so, and is never recommended
    const ended = await c.ok('policy', 'policy.get', { id: 'gz-08-veteran-loan' }, 'pol-wz')
    expect(ended).toMatchObject({ age: 'expired', expired: true })
    expect(ended.ageNote).toContain('已于2024-12-31结束')
    const feed = await c.ok('policy', 'policy.feed', { limit: 50 }, 'pol-wz')
    expect(feed.items.some((i: { expired: boolean }) => i.expired)).toBe(false)

    const due = await c.ok('policy', 'policy.admin.reviewList', {}, 'demo-regulator')
    const ids = due.policies.map((p: { id: string }) => p.id)
    expect(ids).toContain('wz-04-code-loan')
    // an ended one is not "to review": it is over
    expect(ids).not.toContain('gz-08-veteran-loan')
    const owner = await c.call('policy', { action: 'policy.admin.review', payload: { id: 'wz-04-code-loan' } }, 'pol-wz')
    expect(!owner.body.ok && owner.body.error.code).toBe('FORBIDDEN')

    const reviewed = await c.ok('policy', 'policy.admin.review', { id: 'wz-04-code-loan' }, 'demo-regulator')
    expect(reviewed).toMatchObject({ age: 'current', reviewedBy: '王科员', reviewedAt: expect.stringMatching(/^2026-11-21T02:00/) })
    expect((await c.ok('policy', 'policy.admin.reviewList', {}, 'demo-regulator')).policies.map((p: { id: string }) => p.id)).not.toContain('wz-04-code-loan')
    const after = await c.ok('policy', 'policy.get', { id: 'wz-04-code-loan' }, 'pol-wz')
    expect(after).toMatchObject({ age: 'current', ageNote: null })
    // twelve months and a day later it asks again
    c.clock.set(new Date('2027-11-22T02:00:00Z'))
    expect((await c.ok('policy', 'policy.get', { id: 'wz-04-code-loan' }, 'pol-wz')).age).toBe('unconfirmed')
    c.clock.set(new Date('2026-11-21T02:00:00Z'))
  })

  test('an environment seeded before the review gets the corrected library; a policy staff edited keeps their text', async () => {
    const db = c.ports.db.collection('policies')
    // as an older library stored it: gz-10 matched every retailer in 甘州区, no end date
    await db.update('gz-10-vat-exemptions', { conditions: [{ fact: 'region', op: 'within', value: '620702' }, { fact: 'industry', op: 'in', value: ['retail', 'wholesale'] }], effectiveTo: null, period: null })
    // a library policy a regulator edited since
    await c.ok('policy', 'policy.admin.save', { ...(await c.ok('policy', 'policy.admin.get', { id: 'wz-14-legal-service' }, 'demo-regulator')).policy, title: '温州：法律服务进市场（本局改写）' }, 'demo-regulator')
    const r = await c.ok('policy', 'policy.admin.seed', {}, 'demo-admin')
    expect(r).toEqual({ added: 0, updated: 1 })
    const gz10 = (await db.get('gz-10-vat-exemptions')) as unknown as { conditions: Array<{ fact: string; value: unknown }>; effectiveTo: string | null }
    expect(gz10.effectiveTo).toBe('2024-12-31')
    expect(gz10.conditions.find((x) => x.fact === 'industry')!.value).not.toContain('wholesale')
    expect(((await db.get('wz-14-legal-service')) as unknown as { title: string }).title).toBe('温州：法律服务进市场（本局改写）')
  })

  test('a staff edit keeps what the editor does not show: the issuer, the draft mark and an unknown region', async () => {
    const got = (await c.ok('policy', 'policy.admin.get', { id: 'sm-3-3-flexible-insurance' }, 'demo-regulator')).policy
    const { title: _t, issuer: _i, draft: _d, region: _r, ...shown } = got.source
    await c.ok('policy', 'policy.admin.save', { ...got, title: '灵活就业人员参保（本局改写）', source: shown }, 'demo-regulator')
    const stored = (await c.ports.db.collection('policies').get('sm-3-3-flexible-insurance')) as unknown as { source: { region: unknown; issuer: string } }
    expect(stored.source.region).toBeNull()
    expect(stored.source.issuer).toBe(got.source.issuer)
  })

  test('a staff edit keeps the document’s quote behind an official site it left unchanged; a site staff add carries none', async () => {
    const got = (await c.ok('policy', 'policy.admin.get', { id: 'gz-22-credit-repair' }, 'demo-regulator')).policy
    // the editor gets names and addresses only: quotes are never typed in
    expect(got.act.online).toEqual([{ name: '国家企业信用信息公示系统', url: 'https://www.gsxt.gov.cn' }])
    const act = { ...got.act, online: [...got.act.online, { name: '甘州区政务服务网', url: 'https://example.gov.cn' }] }
    await c.ok('policy', 'policy.admin.save', { ...got, title: '年报补报（本局改写）', act }, 'demo-regulator')
    const stored = (await c.ports.db.collection('policies').get('gz-22-credit-repair')) as unknown as { act: { online: Array<{ quote: string | null; note: string | null }> } }
    expect(stored.act.online[0].quote).toContain('允许自行网上补报')
    expect(stored.act.online[0].note).toContain('本平台补上')
    expect(stored.act.online[1]).toMatchObject({ quote: null, note: null })
  })
})

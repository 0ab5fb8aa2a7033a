import { contracts } from '../../src/core/contracts'
import { testCloud, type TestCloud } from '../helpers/cloud'

/** 问一问 (#19): ask, 转人工, the staff reply in 消息, FAQ publishing, region scoping, the optional model. */
describe('问一问', () => {
  let c: TestCloud
  const OWNER = 'demo-owner-1' // 鹿城区张记面馆: catering, a veteran, region 330302 (温州)
  const REG = 'demo-regulator' // 鹿城区
  const OTHER = 'reg-elsewhere'
  const outbox = async (openid: string) =>
    ((await (await fetch(`${c.url}/api/local/outbox?openid=${openid}&limit=50`)).json()) as { data: { messages: Array<{ title: string; body: string }> } }).data.messages
  /** the envelope of a call (for refusals) */
  const raw = async (action: string, payload: unknown, who: string): Promise<any> => (await c.call<any>('assistant', { action, payload }, who)).body
  const ask = async (q: string, who = OWNER) => contracts['assistant.ask'].output.parse(await c.ok('assistant', 'assistant.ask', { q }, who))

  beforeAll(async () => {
    c = await testCloud()
    c.clock.set(new Date('2026-11-21T04:00:00Z'))
    await c.ports.db.collection('staff').set(OTHER, { role: 'regulator', name: '外地科员', region: '420100', bankName: null, createdAt: '2026-01-01T00:00:00Z' } as never)
  })
  afterAll(() => c.stop())

  test('an owner\'s question gets up to three cited cards, each with its source and its page, policies with the owner\'s status', async () => {
    const r = await ask('我是退役军人开小吃店，能贷款吗')
    expect(r.found).toBe(true)
    expect(r.summary).toBeNull() // no model locally: extractive only
    expect(r.cards.length).toBe(3)
    expect(r.cards.map((x) => x.n)).toEqual([1, 2, 3])
    for (const card of r.cards) {
      expect(card.source.length).toBeGreaterThan(4)
      expect(card.target?.url).toMatch(/^\/(policy|course|loan|reminder|complaint)\//)
    }
    const veteran = r.cards.find((x) => x.target?.url === '/policy/pages/detail/index?id=gz-08-veteran-loan')!
    expect(veteran.quote).toContain('退役军人')
    expect(veteran.source).toContain('第8条')
    // 甘州区's 2024 notice: ended, whatever the profile says; never a verdict
    expect(veteran.fit).toMatchObject({ label: '已过期', tone: 'gray' })
    // our own lines never decide: only the policy pages' labels, never "您符合"
    for (const card of r.cards) {
      if (!card.fit) continue
      expect(['可能符合', '差一项', '可能不符合', '不适用本地区', '地区不明', '已过期']).toContain(card.fit.label)
      expect(card.fit.note).not.toMatch(/您符合|可以申请到|一定/)
    }
  })

  test('a 温州 owner sees 可能符合 (or why not) on a 温州 policy, with the policy pages\' words', async () => {
    const r = await ask('码上贷是啥')
    const wz = r.cards.find((x) => x.target?.url.endsWith('wz-04-code-loan'))!
    expect(wz).toBeTruthy()
    expect(['可能符合', '差一项', '可能不符合']).toContain(wz.fit?.label)
    expect(wz.fit?.note).toMatch(/以主管部门审核为准|需|您/)
  })

  test('a question with no reliable answer says so and shows nothing as an answer; 转人工 hands it to the region', async () => {
    const r = await ask('东门市场的卫生间晚上几点锁门')
    expect(r.found).toBe(false)
    expect(r.cards).toEqual([])
    expect(r.canHandoff).toBe(true)
    expect(await c.ok('assistant', 'assistant.handoff', { id: r.questionId }, OWNER)).toEqual({ state: 'waiting' })
    // handing it off twice changes nothing
    expect(await c.ok('assistant', 'assistant.handoff', { id: r.questionId }, OWNER)).toEqual({ state: 'waiting' })
    // another owner cannot hand off someone else's question
    expect((await raw('assistant.handoff', { id: r.questionId }, 'demo-owner-2')).error.code).toBe('NOT_FOUND')

    const list = await c.ok('assistant', 'assistant.staff.list', { view: 'waiting' }, REG)
    expect(list.waiting).toBe(1)
    const row = list.items.find((x: any) => x.id === r.questionId)
    expect(row).toMatchObject({ text: '东门市场的卫生间晚上几点锁门', regionName: expect.stringContaining('鹿城区'), state: 'waiting', found: false })
    // anonymised: no openid and no name anywhere in what staff get
    expect(JSON.stringify(list)).not.toMatch(/demo-owner|张记|openid/)
    // a regulator of another region sees none of it and cannot reply
    expect((await c.ok('assistant', 'assistant.staff.list', { view: 'all' }, OTHER)).total).toBe(0)
    expect((await raw('assistant.staff.reply', { id: r.questionId, reply: '晚上十点锁门' }, OTHER)).error.code).toBe('FORBIDDEN')
    // owners and bank officers cannot read the queue
    expect((await raw('assistant.staff.list', {}, OWNER)).ok).toBe(false)
    expect((await raw('assistant.staff.list', {}, 'demo-bank')).ok).toBe(false)
  })

  test('the staff reply arrives in the owner\'s 消息; publishing it as an FAQ answers the next identical question', async () => {
    const q = '东门市场的公共厕所每月卫生费收多少'
    const first = await ask(q)
    await c.ok('assistant', 'assistant.handoff', { id: first.questionId }, OWNER)
    const reply = '东门农贸市场公示的卫生费是每个摊位每月30元，公示栏在市场东门口；多收了可以在“我要诉求”里反映。'
    const replied = await c.ok('assistant', 'assistant.staff.reply', { id: first.questionId, reply }, REG)
    expect(replied).toMatchObject({ state: 'replied', reply })
    // once only
    expect((await raw('assistant.staff.reply', { id: first.questionId, reply }, REG)).error.code).toBe('CONFLICT')

    const inbox = await c.ok('reminder', 'reminder.inbox.list', { limit: 20 }, OWNER)
    const msg = inbox.messages.find((m: any) => m.title.includes('问一问'))
    expect(msg.body).toContain('每个摊位每月30元')
    expect(msg.body).toContain('您问：')
    expect((await outbox(OWNER)).some((m) => m.title.includes('问一问'))).toBe(true)

    const published = await c.ok('assistant', 'assistant.staff.publish', { id: first.questionId, question: q, answer: reply }, REG)
    expect(published.published).toBe(true)
    const next = await ask(q, 'demo-owner-2')
    expect(next.found).toBe(true)
    expect(next.cards[0]).toMatchObject({ kind: 'faq', n: 1, plain: reply, quote: null, target: null })
    expect(next.cards[0].source).toContain('工作人员的答复')
    // a 鹿城区 entry does not answer someone elsewhere (an owner without a profile has no region)
    const elsewhere = await ask(q, 'no-profile-owner')
    expect(elsewhere.cards.some((x) => x.kind === 'faq')).toBe(false)
  })

  test('a question the content check holds is answered from the library but never shown to staff nor handed off', async () => {
    const r = await ask('代开发票违法吗')
    expect(r.canHandoff).toBe(false)
    const res = await raw('assistant.handoff', { id: r.questionId }, OWNER)
    expect(res.error.code).toBe('PRECONDITION_FAILED')
    expect(res.error.message).toContain('内容安全检查')
    const all = await c.ok('assistant', 'assistant.staff.list', { view: 'all', limit: 50 }, REG)
    const row = all.items.find((x: any) => x.id === r.questionId)
    expect(row.text).not.toContain('代开发票')
  })

  test('staff lists page with a cursor: 没找到答案 and 全部', async () => {
    for (const q of ['明天天气怎么样', '彩票怎么买', '股票明天会涨吗']) await ask(q)
    const seen: string[] = []
    let cursor: string | undefined
    for (let i = 0; i < 10; i++) {
      const p = await c.ok('assistant', 'assistant.staff.list', { view: 'unanswered', limit: 2, ...(cursor ? { cursor } : {}) }, REG)
      seen.push(...p.items.map((x: any) => x.id))
      expect(p.items.every((x: any) => x.found === false)).toBe(true)
      if (!p.nextCursor) break
      cursor = p.nextCursor
    }
    expect(new Set(seen).size).toBe(seen.length)
    expect(seen.length).toBe((await c.ok('assistant', 'assistant.staff.list', { view: 'unanswered', limit: 50 }, REG)).total)
    expect(seen.length).toBeGreaterThanOrEqual(4)
  })

  test('a model answer is shown only when every sentence cites a retrieved passage; otherwise the cards alone', async () => {
    const calls: Array<{ system: string; user: string }> = []
    let answer = '逾期未报会被标记为经营异常[1]。补报后可以在网上申请信用修复[1]。'
    c.ports.answerModel = { generate: async (p) => (calls.push(p), answer) }
    try {
      const good = await ask('年报不报会怎样')
      expect(good.summary).toBe(answer)
      // the model got the passages and the question, nothing about the owner
      expect(calls[0].user).toContain('问题：年报不报会怎样')
      expect(calls[0].user).not.toMatch(/张记|demo-owner|330302/)
      answer = '逾期未报会被罚款五万元。'
      expect((await ask('年报不报会怎样')).summary).toBeNull()
      answer = '逾期未报会被标记为经营异常[7]。'
      expect((await ask('年报不报会怎样')).summary).toBeNull()
      // nothing retrieved: the model is not asked at all
      const before = calls.length
      expect((await ask('彩票怎么买')).summary).toBeNull()
      expect(calls.length).toBe(before)
    } finally {
      delete c.ports.answerModel
    }
  })

  test('input errors are plain Chinese', async () => {
    const r = { body: await raw('assistant.ask', { q: '啊' }, OWNER) }
    expect(r.body.error.code).toBe('INVALID_INPUT')
    expect(JSON.stringify(r.body.error)).toContain('请把问题写完整一些')
    const long = { body: await raw('assistant.ask', { q: '问'.repeat(201) }, OWNER) }
    expect(JSON.stringify(long.body.error)).toContain('最多200个字')
    expect(c.errors).toEqual([])
  })
})

import { testCloud, type TestCloud } from '../helpers/cloud'

/**
 * Every step of a 名特优新 application reaches the owner, and the steps that happen "between"
 * (a 公示 over before the sweep ran, a 认定 replaced by a later one) are recorded and told once.
 */
const OWNER = 'demo-owner-1'
const REG = 'demo-regulator'
const WHAT = '本店1998年开业，手工拉面坚持传统做法二十多年，是东门一带的老字号，街坊都知道。'

describe('名特优新: every step messages the owner; the in-between steps are told once', () => {
  let c: TestCloud
  const setClock = (iso: string) => c.post('/api/local/clock', JSON.stringify({ now: iso }))
  const trigger = () => c.post('/api/local/trigger/scheduler', '')
  const inbox = async (openid: string) => (await c.ok('reminder', 'reminder.inbox.list', { limit: 50 }, openid)).messages as Array<{ title: string; body: string }>
  const act = (id: string, expected: string, type: string, reason: string) => c.ok('recognition', 'recognition.staff.act', { id, expected, event: { type, reason } }, REG)
  const queue = async (status: string) => ((await c.ok('recognition', 'recognition.staff.queue', { status }, REG)).items as Array<{ id: string; status: string; statusLabel: string }>)
  const apply = (category: string, key: string) => c.ok('recognition', 'recognition.apply', { category, what: WHAT }, OWNER, key)

  beforeAll(async () => {
    c = await testCloud()
    // Tuesday 1 December 2026, 10:00 in China
    await setClock('2026-12-01T02:00:00Z')
  })
  afterAll(() => c.stop())

  test('不予推荐: the owner is told, with the reason; the timeline carries it', async () => {
    const a = await apply('famous', 'steps-apply-famous-1')
    const done = await act(a.id, 'submitted', 'decline', '开业不满三年，暂不符合知名类条件')
    expect(done.status).toBe('declined')
    const msg = (await inbox(OWNER)).filter((m) => m.title === '名特优新申报不予推荐')
    expect(msg).toHaveLength(1)
    expect(msg[0].body).toContain('开业不满三年，暂不符合知名类条件')
    const mine = await c.ok('recognition', 'recognition.get', { id: a.id }, OWNER)
    expect(mine.timeline.at(-1)).toMatchObject({ label: '不予推荐', note: '开业不满三年，暂不符合知名类条件' })
  })

  test('resubmit after 退回 and withdraw: the owner is told of each', async () => {
    const a = await apply('famous', 'steps-apply-famous-2')
    await act(a.id, 'submitted', 'return', '请补充获得过的荣誉')
    expect((await inbox(OWNER)).find((m) => m.title === '名特优新申报退回补充')?.body).toContain('请补充获得过的荣誉')
    await c.ok('recognition', 'recognition.resubmit', { id: a.id, what: `${WHAT}2019年获评区级“放心餐饮店”。`, links: [] }, OWNER, 'steps-resubmit-1')
    expect((await inbox(OWNER)).filter((m) => m.title === '名特优新申报已重新提交')).toHaveLength(1)
    await c.ok('recognition', 'recognition.withdraw', { id: a.id }, OWNER)
    expect((await inbox(OWNER)).filter((m) => m.title === '名特优新申报已撤回')).toHaveLength(1)
  })

  let special = ''
  test('待认定 in the queue follows what the staff see: a 公示 over but not yet swept is 待认定, not 公示中', async () => {
    special = (await apply('special', 'steps-apply-special')).id
    await act(special, 'submitted', 'recommend', '传统手工拉面二十余年')
    expect((await queue('publicizing')).map((i) => i.id)).toContain(special)
    expect((await queue('decision')).map((i) => i.id)).not.toContain(special)
    // 8 December, 00:00:30 China: the last day (7 December) is over; the sweep has not run
    await setClock('2026-12-07T16:00:30Z')
    expect((await queue('publicizing')).map((i) => i.id)).not.toContain(special)
    const due = (await queue('decision')).find((i) => i.id === special)
    expect(due).toMatchObject({ status: 'decision', statusLabel: '公示期满，待认定' })
    // the unfiltered queue says the same
    expect((await c.ok('recognition', 'recognition.staff.queue', {}, REG)).items.find((i: { id: string }) => i.id === special)).toMatchObject({ status: 'decision' })
  })

  test('a decision after the 公示 ended, before the sweep: the message and timeline say 公示期满; the sweep sends nothing stale', async () => {
    await setClock('2026-12-08T02:00:00Z')
    const done = await act(special, 'decision', 'recognise', '符合特色类条件，公示期间无异议')
    expect(done.status).toBe('recognised')
    const labels = done.timeline.map((t: { label: string }) => t.label)
    expect(labels.slice(-3)).toEqual(['公示中', '公示期满，待认定', '已认定'])
    // the 公示 ended at the start of 8 December (China), by no one in particular
    expect(done.timeline.at(-2)).toMatchObject({ at: '2026-12-07T16:00:00.000Z', by: null })
    const msgs = (await inbox(OWNER)).filter((m) => /特色/.test(m.body) && /公示期满|认定/.test(m.title))
    expect(msgs.map((m) => m.title)).toEqual(['已认定为名特优新'])
    expect(msgs[0].body).toContain('公示期已满')
    expect(msgs[0].body).toContain('有效至')
    await trigger()
    await trigger()
    expect((await inbox(OWNER)).filter((m) => m.title === '名特优新公示期满')).toHaveLength(0)
    expect((await inbox(REG)).filter((m) => m.title === '名特优新公示期满，待认定')).toHaveLength(0)
  })

  let quality = ''
  test('不予认定 (after the sweep): the owner is told, with the reason', async () => {
    quality = (await apply('quality', 'steps-apply-quality-1')).id
    await act(quality, 'submitted', 'recommend', '产品质量较好')
    await setClock('2026-12-16T02:00:00Z')
    await trigger()
    expect((await inbox(OWNER)).filter((m) => m.title === '名特优新公示期满')).toHaveLength(1)
    await act(quality, 'decision', 'notRecognise', '抽检有一批次不合格，暂不认定')
    const msg = (await inbox(OWNER)).filter((m) => m.title === '名特优新申报不予认定')
    expect(msg).toHaveLength(1)
    expect(msg[0].body).toContain('抽检有一批次不合格，暂不认定')
    // the normal path's message does not repeat the 公示期满 already sent
    expect(msg[0].body).not.toContain('公示期已满')
  })

  test('a later 认定 replaces the earlier one: the earlier application says so and the owner is told once', async () => {
    const q = (await apply('quality', 'steps-apply-quality-2')).id
    await act(q, 'submitted', 'recommend', '产品质量较好，整改到位')
    await setClock('2026-12-24T02:00:00Z')
    await trigger()
    const before = await c.ports.db.collection<any>('recognitions').get(OWNER)
    expect(before).toMatchObject({ applicationId: special, state: 'inForce' })
    await act(q, 'decision', 'recognise', '符合优质类条件')
    // as if the first attempt had stopped after retiring the earlier 认定, before writing the new one
    const { _id, ...earlierDoc } = before
    await c.ports.db.collection<any>('recognitions').set(OWNER, earlierDoc)
    // the workbench opening it again repeats the mirror's writes: nothing more is told or recorded
    await c.ok('recognition', 'recognition.staff.get', { id: q }, REG)
    await c.ok('recognition', 'recognition.staff.get', { id: q }, REG)
    const earlier = await c.ok('recognition', 'recognition.get', { id: special }, OWNER)
    expect(earlier.status).toBe('lapsed')
    const replaced = earlier.timeline.filter((t: { note: string | null }) => t.note?.includes('已由新的认定替代'))
    expect(replaced).toHaveLength(1)
    expect(replaced[0].note).toContain('优质')
    const told = (await inbox(OWNER)).filter((m) => m.title === '名特优新认定已替代')
    expect(told).toHaveLength(1)
    expect(told[0].body).toContain('特色')
    expect(told[0].body).toContain('优质')
    const mine = await c.ok('recognition', 'recognition.mine', {}, OWNER)
    expect(mine.recognition).toMatchObject({ category: 'quality', inForce: true })
    expect(await c.ports.db.collection<any>('recognitions').get(OWNER)).toMatchObject({ applicationId: q, category: 'quality' })
    expect(c.errors).toEqual([])
  })
})

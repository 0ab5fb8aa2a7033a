import { cmd, type Db } from '../../cloudfunctions/common/ports'
import { classificationDecisionSweep, classificationRedecisionSweep, type DecisionDoc, type ObjectionDoc } from '../../cloudfunctions/user/classification'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import { WUHAN } from '../helpers/classification'
import { testCloud, type TestCloud } from '../helpers/cloud'
import { profileOf } from '../helpers/fixtures'
import { instrumented } from '../helpers/instrumented'
import { localPorts } from '../helpers/ports'
import { verifyOwner } from '../helpers/verify'

/**
 * The yearly 分型 (#18) through the local cloud: the decision with the clock moved across 7月1日
 * 09:00 China time, the 异议 window, the regulator's review, the 9月30日 re-decision, region
 * scoping; and, in-process, the sweep over several pages with a crash in the middle.
 */
const HUBEI = ['yr-a', 'yr-b', 'yr-c', 'yr-d']
const ZHEJIANG = 'yr-wz'

let c: TestCloud
const db = () => c.ports.db
const setClock = (iso: string) => c.clock.set(new Date(iso))
const trigger = () => c.post('/api/local/trigger/scheduler', '')
const decisions = () => db().collection<DecisionDoc>('classificationDecisions')

async function onboard(openid: string, extra: Record<string, unknown>) {
  await c.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, openid)
  await c.ok('user', 'user.profile.save', profileOf(openid, extra), openid)
}

beforeAll(async () => {
  c = await testCloud()
  setClock('2026-06-20T02:00:00Z')
  // a-c: small stalls; d: eight employees, taxes, opened 2019 (发展型 by our thresholds)
  for (const o of HUBEI.slice(0, 3)) await onboard(o, { region: WUHAN, employees: 0, revenueBand: 'lt10w', taxPaid: false, openedOn: '2025-03-15' })
  await onboard('yr-d', { region: WUHAN, employees: 8, revenueBand: '100w_500w', taxPaid: true, openedOn: '2019-05-01' })
  await onboard(ZHEJIANG, {})
  // a verified household: the decision reads the register's opening date
  await verifyOwner(c, 'yr-c')
  await db().collection('staff').set('yr-wuhan-officer', { role: 'regulator', name: '江岸区王科员', region: '420100', bankName: null, createdAt: '2026-01-01T00:00:00Z' } as never)
  await db().collection('staff').set('yr-wz-officer', { role: 'regulator', name: '鹿城区科员', region: '330300', bankName: null, createdAt: '2026-01-01T00:00:00Z' } as never)
})
afterAll(() => c.stop())

describe('the decision on 7月1日', () => {
  test('nothing before 09:00 China time on 1 July; an 异议 is refused', async () => {
    await trigger()
    setClock('2026-07-01T00:59:00Z')
    await trigger()
    expect(await decisions().count({})).toBe(0)
    const r = await c.call('user', { action: 'user.classification.object', payload: { reason: '我今年雇了两个人' } }, 'yr-a')
    expect(r.body).toMatchObject({ ok: false, error: { code: 'PRECONDITION_FAILED', message: '2026年的分型还没有判定，7月1日判定后才能提出异议' } })
    const mine = await c.ok('user', 'user.classification.get', {}, 'yr-a')
    expect(mine.decision).toBeNull()
    expect(mine.estimate).toMatchObject({ label: '生存型' })
    expect(mine.schedule.decision.quote).toContain('7月1日')
  })

  test('every Hubei household after it, none twice, none elsewhere; each told its type once', async () => {
    setClock('2026-07-01T01:00:00Z')
    await trigger()
    await trigger()
    const all = await decisions().find({}, { limit: 100 })
    expect(all.map((d) => d.openid).sort()).toEqual(HUBEI)
    expect(Object.fromEntries(all.map((d) => [d.openid, d.type]))).toEqual({ 'yr-a': 'survival', 'yr-b': 'survival', 'yr-c': 'survival', 'yr-d': 'development' })
    expect(all.find((d) => d.openid === 'yr-c')!.inputs.source).toBe('register')
    expect(all.find((d) => d.openid === 'yr-a')!.inputs.source).toBe('profile')
    // the owner sees the decided type with its year and date, and the estimate apart
    const me = await c.ok('user', 'user.profile.get', {}, 'yr-d')
    expect(me.decision).toMatchObject({ year: 2026, label: '发展型', decidedAt: '2026-07-01T01:00:00.000Z', roundLabel: '集中判定' })
    expect(me.classification.label).toBe('发展型')
    const wz = await c.ok('user', 'user.profile.get', {}, ZHEJIANG)
    expect(wz.decision).toBeNull()
    expect((await c.ok('user', 'user.classification.get', {}, ZHEJIANG)).schedule).toBeNull()
    // told once, in 消息, with what the type brings in the source's words
    const inbox = await c.ok('reminder', 'reminder.inbox.list', {}, 'yr-d')
    const told = inbox.messages.filter((m: { title: string }) => m.title.includes('2026年分型结果'))
    expect(told).toHaveLength(1)
    expect(told[0].title).toBe('2026年分型结果：发展型')
    expect(told[0].body).toContain('对于“发展型”个体工商户,侧重提升合规管理水平')
    const none = await c.ok('reminder', 'reminder.inbox.list', {}, ZHEJIANG)
    expect(none.messages.some((m: { title: string }) => m.title.includes('分型结果'))).toBe(false)
  })

  test('the decided type is the 分型 in use: saving the profile keeps it, the estimate moves apart', async () => {
    await c.ok('user', 'user.profile.save', profileOf('yr-b', { region: WUHAN, employees: 3, revenueBand: '10w_50w', taxPaid: true, openedOn: '2023-03-15' }), 'yr-b')
    const me = await c.ok('user', 'user.profile.get', {}, 'yr-b')
    expect(me.decision.label).toBe('生存型')
    expect(me.classification.label).toBe('成长型')
    expect((await db().collection<{ _id: string; classType: string }>('owners').get('yr-b'))!.classType).toBe('survival')
    // and the change is marked for the re-decision
    expect((await decisions().get('2026:yr-b'))!.redecideAt).toBe('2026-09-30T10:00:00.000Z')
  })
})

describe('异议 and the regulator’s review', () => {
  test('an owner objects once, with a reason; a second is refused', async () => {
    setClock('2026-08-03T02:00:00Z')
    const short = await c.call('user', { action: 'user.classification.object', payload: { reason: '不对' } }, 'yr-a')
    expect(short.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const filed = await c.ok('user', 'user.classification.object', { reason: '我今年雇了两个人，营业额也到了20万' }, 'yr-a', 'objection-a-1')
    expect(filed).toMatchObject({ status: 'open', statusLabel: '待复核', typeLabel: '生存型' })
    const again = await c.call('user', { action: 'user.classification.object', payload: { reason: '再提一次试试看' }, requestId: 'objection-a-2' }, 'yr-a')
    expect(again.body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    await c.ok('user', 'user.classification.object', { reason: '我觉得应该是成长型' }, 'yr-c', 'objection-c-1')
    // a household with no decision (Zhejiang) has nothing to object to
    const wz = await c.call('user', { action: 'user.classification.object', payload: { reason: '我觉得应该是成长型' } }, ZHEJIANG)
    expect(wz.body).toMatchObject({ ok: false, error: { code: 'PRECONDITION_FAILED' } })
    // the region's officer is told
    const inbox = await c.ok('reminder', 'reminder.inbox.list', {}, 'yr-wuhan-officer')
    expect(inbox.messages.filter((m: { title: string }) => m.title === '新的分型异议')).toHaveLength(2)
  })

  test('the queue is region-scoped, paged and masked', async () => {
    const q = await c.ok('user', 'user.classification.queue', { status: 'open', limit: 1 }, 'yr-wuhan-officer')
    expect(q.total).toBe(2)
    expect(q.items).toHaveLength(1)
    expect(q.nextCursor).toBeTruthy()
    const rest = await c.ok('user', 'user.classification.queue', { status: 'open', limit: 1, cursor: q.nextCursor }, 'yr-wuhan-officer')
    const ids = [...q.items, ...rest.items].map((i: { id: string }) => i.id).sort()
    expect(ids).toEqual(['2026:yr-a', '2026:yr-c'])
    expect(q.items[0].businessName).toContain('*')
    expect(q.items[0].businessName).not.toBe('鹿城区阿强水果摊')
    const other = await c.ok('user', 'user.classification.queue', { status: 'open' }, 'yr-wz-officer')
    expect(other.total).toBe(0)
    const denied = await c.call('user', { action: 'user.classification.decide', payload: { id: '2026:yr-a', outcome: 'keep', reason: '越权' } }, 'yr-wz-officer')
    expect(denied.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const owner = await c.call('user', { action: 'user.classification.queue', payload: { status: 'open' } }, 'yr-a')
    expect(owner.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })

  test('the regulator changes the decision: who, when and why are kept, the owner is told, the audit log has it', async () => {
    setClock('2026-08-20T03:00:00Z')
    const noReason = await c.call('user', { action: 'user.classification.decide', payload: { id: '2026:yr-a', outcome: 'change', type: 'growth', reason: ' ' } }, 'yr-wuhan-officer')
    expect(noReason.body).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '请写明改判的理由，经营户会看到' } })
    const done = await c.ok('user', 'user.classification.decide', { id: '2026:yr-a', outcome: 'change', type: 'growth', reason: '核实雇员2人，已参加社保' }, 'yr-wuhan-officer')
    expect(done).toMatchObject({ status: 'changed', outcomeLabel: '成长型', decidedByName: '江岸区王科员', open: false })
    const d = (await decisions().get('2026:yr-a'))!
    expect(d).toMatchObject({ type: 'growth', round: 'review', reviewed: true, decidedAt: expect.stringMatching(/^2026-08-20T03:00/) })
    expect(d.history.map((h) => [h.type, h.round, h.byName, h.why])).toEqual([
      ['survival', 'july', null, null],
      ['growth', 'review', '江岸区王科员', '核实雇员2人，已参加社保']
    ])
    const me = await c.ok('user', 'user.classification.get', {}, 'yr-a')
    expect(me.decision).toMatchObject({ label: '成长型', roundLabel: '异议复核改判' })
    expect(me.objection).toMatchObject({ statusLabel: '已改判', note: '核实雇员2人，已参加社保' })
    const inbox = await c.ok('reminder', 'reminder.inbox.list', {}, 'yr-a')
    expect(inbox.messages.some((m: { title: string }) => m.title === '2026年分型结果改为成长型')).toBe(true)
    const log = await db().collection<{ _id: string; action: string; actor: string; target: string }>('audit').find({ target: '2026:yr-a' }, { limit: 10 })
    expect(log.map((e) => [e.action, e.actor])).toEqual([['classification.change', 'yr-wuhan-officer']])
    // one decision: a second officer's step is refused
    const twice = await c.call('user', { action: 'user.classification.decide', payload: { id: '2026:yr-a', outcome: 'keep', reason: '维持' } }, 'demo-admin')
    expect(twice.body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } })
    expect((await db().collection<{ _id: string; classType: string }>('owners').get('yr-a'))!.classType).toBe('growth')
  })
})

describe('the re-decision on 9月30日', () => {
  test('an 异议 filed on 30 September is taken; the re-decision handles the open ones and changed data; after it, refused', async () => {
    setClock('2026-09-30T03:00:00Z')
    // yr-d objects though nothing changed: the re-decision keeps 发展型 and tells them
    await c.ok('user', 'user.classification.object', { reason: '我想确认一下我的分型' }, 'yr-d', 'objection-d-1')
    await trigger()
    expect((await decisions().get('2026:yr-b'))!.type).toBe('survival')
    setClock('2026-09-30T10:00:00Z')
    await trigger()
    const byId = Object.fromEntries((await decisions().find({}, { limit: 100 })).map((d) => [d.openid, d]))
    // changed data (yr-b saved a bigger profile): re-decided to 成长型
    expect(byId['yr-b']).toMatchObject({ type: 'growth', round: 'september', redecideAt: null })
    // the regulator's review stands
    expect(byId['yr-a']).toMatchObject({ type: 'growth', round: 'review' })
    // unchanged, objection handled by the re-decision
    expect(byId['yr-d']).toMatchObject({ type: 'development', round: 'july' })
    expect(byId['yr-d'].history.at(-1)).toMatchObject({ round: 'september', why: '重新判定，结果不变' })
    const objs = Object.fromEntries((await db().collection<ObjectionDoc>('classificationObjections').find({}, { limit: 100 })).map((o) => [o.openid, o.status]))
    expect(objs).toEqual({ 'yr-a': 'changed', 'yr-c': 'redecided', 'yr-d': 'redecided' })
    const b = await c.ok('reminder', 'reminder.inbox.list', {}, 'yr-b')
    expect(b.messages.some((m: { title: string }) => m.title === '2026年分型结果改为成长型')).toBe(true)
    const d = await c.ok('reminder', 'reminder.inbox.list', {}, 'yr-d')
    expect(d.messages.some((m: { title: string }) => m.title === '2026年分型重新判定：仍为发展型')).toBe(true)
    // owners untouched by it hear nothing more
    await trigger()
    expect((await c.ok('reminder', 'reminder.inbox.list', {}, 'yr-b')).messages.filter((m: { title: string }) => m.title.startsWith('2026年分型结果改为'))).toHaveLength(1)
    // after it: refused, and the regulator can no longer decide
    const late = await c.call('user', { action: 'user.classification.object', payload: { reason: '我还想再提一次异议' } }, 'yr-b')
    expect(late.body).toMatchObject({ ok: false, error: { code: 'PRECONDITION_FAILED', message: expect.stringContaining('复核已经结束') } })
    setClock('2026-10-01T02:00:00Z')
    const october = await c.call('user', { action: 'user.classification.object', payload: { reason: '我还想再提一次异议' } }, 'yr-b')
    expect(october.body).toMatchObject({ ok: false, error: { code: 'PRECONDITION_FAILED' } })
  })
})

describe('the decision sweep over many pages (in-process)', () => {
  const env = localPorts()
  afterAll(() => env.cleanup())
  const N = 2_300
  /** every document, a page of 1,000 at a time by _id (a query returns at most 1,000) */
  async function all<T extends { _id: string }>(name: string): Promise<T[]> {
    const out: T[] = []
    for (;;) {
      const page = await env.ports.db.collection<T>(name).find(out.length ? { _id: cmd.gt(out[out.length - 1]._id) } : {}, { orderBy: [['_id', 'asc']], limit: 1000 })
      out.push(...page)
      if (page.length < 1000) return out
    }
  }

  test('a crash mid-way: the rerun never decides a household twice and never skips one', async () => {
    const at = '2026-06-01T00:00:00.000Z'
    const docs = Array.from({ length: N }, (_, i) => ({
      _id: `hb${String(i).padStart(5, '0')}`,
      profile: { businessName: `第${i}号`, creditCode: `x${i}`, industry: 'catering', region: i % 10 === 9 ? '330302' : WUHAN, openedOn: '2020-01-15', employees: i % 9, revenueBand: 'lt10w', taxPaid: i % 2 === 0, socialInsurance: false, groups: [], graduationYear: null, updatedAt: at },
      marketId: null,
      stallId: null,
      settings: { careMode: false, personalized: true },
      consents: {},
      createdAt: at,
      updatedAt: at
    }))
    for (let i = 0; i < N; i += 1000) await env.ports.db.collection('owners').addMany(docs.slice(i, i + 1000) as never)
    const hubei = docs.filter((d) => d.profile.region === WUHAN).length
    env.clock.set(new Date('2026-07-01T01:00:00Z'))
    const faulty = instrumented(env.ports.db)
    // the second page dies after its decisions are written, before the owners learn them
    faulty.crashAt('owners.updateWhere', 4, true)
    const ports = { ...env.ports, db: faulty.db as Db }
    let pages = 0
    let crashes = 0
    for (let more = true; more && pages < 20; pages++) {
      try {
        more = (await classificationDecisionSweep.page(ports, env.clock.now())).more
      } catch (err) {
        if (!(err as { crash?: boolean }).crash) throw err
        crashes++
      }
    }
    expect(crashes).toBe(1)
    const written = await all<DecisionDoc>('classificationDecisions')
    expect(written).toHaveLength(hubei)
    expect(new Set(written.map((d) => d.openid)).size).toBe(hubei)
    const owners = await all<{ _id: string; decided?: { year: number } | null; broadcasts?: string[] }>('owners')
    expect(owners).toHaveLength(N)
    const inHubei = owners.filter((o) => docs[Number(o._id.slice(2))].profile.region === WUHAN)
    expect(inHubei.every((o) => o.decided?.year === 2026)).toBe(true)
    // told once each (the broadcast of their type, in their list once)
    expect(inHubei.every((o) => (o.broadcasts ?? []).filter((b) => b.startsWith('classification:420000:2026:july:')).length === 1)).toBe(true)
    expect(owners.filter((o) => !inHubei.includes(o)).every((o) => !o.decided && !(o.broadcasts ?? []).length)).toBe(true)
    // done: a later run does nothing
    expect(await classificationDecisionSweep.page(env.ports, env.clock.now())).toEqual({ handled: 0, more: false })
    expect(await classificationRedecisionSweep.page(env.ports, env.clock.now())).toEqual({ handled: 0, more: false })
  })
})

import { userContract } from '../../src/core/user/contract'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import { testCloud, type TestCloud } from '../helpers/cloud'
import { PROFILE } from '../helpers/fixtures'
import { demoCreditCode } from '../../scripts/local-cloud/demo'
import { patch } from '../../cloudfunctions/common/ports'

/**
 * A stall already held (#14): a second owner scanning it is told (never who holds it), can ask
 * the region's regulator to have it moved, or bind beside the holder where the regulator allows.
 * A-01 (DMA2K7) is held by 张记面馆 (demo-owner-1), A-02 (DMB3P8) by 小李水果店 (demo-owner-2).
 */
describe('a stall already held', () => {
  let c: TestCloud
  beforeAll(async () => {
    c = await testCloud()
    c.clock.set(new Date('2026-11-21T04:00:00Z'))
    // a regulator of another county (瓯海区) and one of another city (杭州)
    await c.ports.db.collection('staff').set('reg-ouhai', { role: 'regulator', name: '赵科员', region: '330304', bankName: null, createdAt: '' } as never)
    await c.ports.db.collection('staff').set('reg-hz', { role: 'regulator', name: '钱科员', region: '330100', bankName: null, createdAt: '' } as never)
  })
  afterAll(() => c.stop())

  let n = 0
  /** a new owner with a profile (own name and credit code), bound to no stall */
  async function owner(name: string, extra: Record<string, unknown> = {}) {
    const openid = `stall-owner-${++n}`
    await c.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, openid)
    await c.ok('user', 'user.profile.save', { ...PROFILE, businessName: name, creditCode: demoCreditCode('330302', `MA7T${String(n).padStart(5, '0')}`), ...extra }, openid)
    return openid
  }
  const inbox = async (openid: string) =>
    ((await c.ports.db.collection('inbox').find({ openid } as never, { limit: 100 })) as unknown as Array<{ title: string; body: string; page: string | null }>)
  const reqs = (openid: string) => c.ports.db.collection('stallRequests').find({ openid } as never, { limit: 100 })

  test('scanning a held stall says so and nothing about who holds it', async () => {
    const me = await owner('鹿城区阿强水果摊')
    const r = await c.ok('user', 'user.stall.resolve', { scene: 'DMA2K7' }, me)
    expect(userContract['user.stall.resolve'].output.parse(r)).toBeTruthy()
    expect(r).toMatchObject({ stall: { number: 'A-01' }, holding: 'held', shareAllowed: false, request: null })
    const raw = JSON.stringify(r)
    for (const secret of ['张记面馆', 'demo-owner-1', 'MA2H7K3L1']) expect(raw).not.toContain(secret)
    // a newcomer with no profile is told the same; the holder sees it as theirs
    expect((await c.ok('user', 'user.stall.resolve', { scene: 'DMA2K7' }, 'brand-new-scanner')).holding).toBe('held')
    expect((await c.ok('user', 'user.stall.resolve', { scene: 'DMA2K7' }, 'demo-owner-1')).holding).toBe('mine')
  })

  test('saving a profile with a held stall is refused with a word, not bound; nothing of the form is saved', async () => {
    const who = 'stall-newcomer'
    await c.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, who)
    const r = await c.call('user', { action: 'user.profile.save', payload: { ...PROFILE, stallCode: 'DMA2K7' } }, who)
    expect(r.status).toBe(409)
    expect(!r.body.ok && r.body.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('已由另一户经营者绑定'), details: [{ path: 'stallCode', message: '这个摊位已有人绑定' }] })
    expect((await c.ok('user', 'user.profile.get', {}, who)).profile).toBeNull()
    // asking to share where the regulator does not allow it is refused the same way
    const shared = await c.call('user', { action: 'user.profile.save', payload: { ...PROFILE, stallCode: 'DMA2K7', stallShare: true } }, who)
    expect(!shared.body.ok && shared.body.error.code).toBe('CONFLICT')
    // the holder keeps it
    const holder = await c.ok('user', 'user.profile.get', {}, 'demo-owner-1')
    expect(holder.stall.number).toBe('A-01')
    expect(holder.stallShared).toBe(false)
  })

  test('ten owners saving the same free stall at once: one holds it, the others are told', async () => {
    const who = Array.from({ length: 10 }, (_, i) => `racer-${i}`)
    for (const o of who) await c.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, o)
    const results = await Promise.all(who.map((o) => c.call('user', { action: 'user.profile.save', payload: { ...PROFILE, stallCode: 'DMD5R2' } }, o)))
    expect(results.filter((r) => r.body.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.body.ok && r.body.error.code === 'CONFLICT')).toHaveLength(9)
    const views = await Promise.all(who.map((o) => c.ok('user', 'user.stall.resolve', { scene: 'DMD5R2' }, o)))
    expect(views.map((v) => v.holding).sort()).toEqual([...Array(9).fill('held'), 'mine'])
  })

  test('binding beside the holder where the regulator allows it (per stall, over the market)', async () => {
    const me = await owner('鹿城区小赵炒货')
    const refused = await c.call('user', { action: 'user.stall.bind', payload: { stallCode: 'DMB3P8', share: true } }, me)
    expect(!refused.body.ok && refused.body.error.code).toBe('CONFLICT')
    // the regulator allows more than one business at A-02 only
    const set = await c.ok('admin', 'admin.stall.sharing', { stallId: 'demo-stall-2', allowShared: true }, 'demo-regulator')
    expect(set).toMatchObject({ number: 'A-02', allowShared: true, businesses: 1 })
    expect((await c.ok('user', 'user.stall.resolve', { scene: 'DMB3P8' }, me)).shareAllowed).toBe(true)
    expect((await c.ok('user', 'user.stall.resolve', { scene: 'DMA2K7' }, me)).shareAllowed).toBe(false)
    // without asking to share, still refused: a held stall is never taken silently
    const plain = await c.call('user', { action: 'user.stall.bind', payload: { stallCode: 'DMB3P8', share: false } }, me)
    expect(!plain.body.ok && plain.body.error.code).toBe('CONFLICT')
    const view = await c.ok('user', 'user.stall.bind', { stallCode: 'DMB3P8', share: true }, me)
    expect(view).toMatchObject({ stall: { number: 'A-02' }, market: { name: '东门农贸市场' }, stallShared: true })
    expect((await c.ok('user', 'user.stall.resolve', { scene: 'DMB3P8' }, me)).holding).toBe('mineShared')
    // the holder still holds it
    expect((await c.ok('user', 'user.profile.get', {}, 'demo-owner-2')).stall.number).toBe('A-02')
    expect((await c.ok('user', 'user.stall.resolve', { scene: 'DMB3P8' }, 'demo-owner-2')).holding).toBe('mine')
    const list = await c.ok('admin', 'admin.stall.list', { marketId: 'demo-market-1' }, 'demo-regulator')
    expect(list.stalls.find((s: { number: string }) => s.number === 'A-02')).toMatchObject({ businesses: 2, allowShared: true })
    // the market's switch: on for 城南 makes its stalls shareable unless a stall says otherwise
    const market = await c.ok('admin', 'admin.market.sharing', { marketId: 'demo-market-2', allowShared: true }, 'demo-regulator')
    expect(market).toMatchObject({ name: '城南小商品市场', allowShared: true })
    await c.ok('admin', 'admin.stall.sharing', { stallId: 'demo-stall-10', allowShared: false }, 'demo-regulator')
    expect((await c.ok('user', 'user.stall.resolve', { scene: 'DMJ2W7' }, me)).shareAllowed).toBe(true)
    expect((await c.ok('user', 'user.stall.resolve', { scene: 'DMK3X8' }, me)).shareAllowed).toBe(false)
    await c.ok('admin', 'admin.market.sharing', { marketId: 'demo-market-2', allowShared: false }, 'demo-regulator')
  })

  test('sharing settings: regulators of the market’s region only', async () => {
    for (const who of ['reg-ouhai', 'demo-owner-1', 'demo-bank']) {
      const a = await c.call('admin', { action: 'admin.market.sharing', payload: { marketId: 'demo-market-1', allowShared: true } }, who)
      const b = await c.call('admin', { action: 'admin.stall.sharing', payload: { stallId: 'demo-stall-1', allowShared: true } }, who)
      expect([who, a.body.ok || a.body.error.code, b.body.ok || b.body.error.code]).toEqual([who, 'FORBIDDEN', 'FORBIDDEN'])
    }
    expect((await c.ok('admin', 'admin.market.list', {}, 'demo-regulator')).markets.find((m: { id: string }) => m.id === 'demo-market-1').allowShared).toBe(false)
  })

  test('a request: needs a profile, a held stall; once per requestId; one open per owner and stall, even twenty at once', async () => {
    const me = await owner('鹿城区阿明鲜肉')
    const noProfile = await c.call('user', { action: 'user.stall.request', payload: { stallCode: 'DMA2K7' }, requestId: 'req-np-1' }, 'no-profile-asker')
    expect(!noProfile.body.ok && noProfile.body.error).toMatchObject({ code: 'PRECONDITION_FAILED', message: expect.stringContaining('建档') })
    const free = await c.call('user', { action: 'user.stall.request', payload: { stallCode: 'DME6S3' }, requestId: 'req-free-1' }, me)
    expect(!free.body.ok && free.body.error).toMatchObject({ code: 'PRECONDITION_FAILED', message: expect.stringContaining('没有人绑定') })
    const mine = await c.call('user', { action: 'user.stall.request', payload: { stallCode: 'DMA2K7' }, requestId: 'req-own-1' }, 'demo-owner-1')
    expect(!mine.body.ok && mine.body.error.code).toBe('CONFLICT')

    const first = await c.ok('user', 'user.stall.request', { stallCode: 'DMA2K7', note: '我已向市场租下这个摊位' }, me, 'req-a-0001')
    expect(userContract['user.stall.request'].output.parse(first)).toBeTruthy()
    expect(first).toMatchObject({ status: 'pending', statusLabel: '等待审核', stallNumber: 'A-01', marketName: '东门农贸市场', note: '我已向市场租下这个摊位' })
    expect(await c.ok('user', 'user.stall.request', { stallCode: 'DMA2K7', note: '我已向市场租下这个摊位' }, me, 'req-a-0001')).toEqual(first)
    const again = await c.call('user', { action: 'user.stall.request', payload: { stallCode: 'DMA2K7' }, requestId: 'req-a-0002' }, me)
    expect(!again.body.ok && again.body.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('已经申请过') })
    expect(await reqs(me)).toHaveLength(1)
    // the scan shows the owner their own request
    expect((await c.ok('user', 'user.stall.resolve', { scene: 'DMA2K7' }, me)).request).toEqual(first)

    const racer = await owner('鹿城区并发测试摊')
    const all = await Promise.all(
      Array.from({ length: 20 }, (_, i) => c.call('user', { action: 'user.stall.request', payload: { stallCode: 'DMA2K7' }, requestId: `race-req-${i}` }, racer))
    )
    expect(all.filter((r) => r.body.ok)).toHaveLength(1)
    expect(all.filter((r) => !r.body.ok && r.body.error.code === 'CONFLICT')).toHaveLength(19)
    expect(await reqs(racer)).toHaveLength(1)
  })

  test('the region’s regulators are told of a request; the queue is theirs alone; others are refused', async () => {
    const me = await owner('鹿城区老陈豆腐')
    const r = await c.ok('user', 'user.stall.request', { stallCode: 'DMA2K7' }, me, 'req-b-0001')
    for (const staff of ['demo-regulator', 'demo-supervisor']) {
      const told = (await inbox(staff)).filter((m) => m.title === '新的摊位绑定申请' && m.body.includes('鹿城区老陈豆腐'))
      expect([staff, told.length]).toEqual([staff, 1])
      expect(told[0].page).toBe('staff/pages/stallrequests/index')
    }
    expect((await inbox('reg-hz')).filter((m) => m.title === '新的摊位绑定申请')).toEqual([])

    const queue = await c.ok('user', 'user.stall.requests', { status: 'open' }, 'demo-regulator')
    const item = queue.requests.find((x: { id: string }) => x.id === r.id)
    expect(item).toMatchObject({
      marketName: '东门农贸市场',
      stallNumber: 'A-01',
      requester: { businessName: '鹿城区老陈豆腐' },
      holder: { businessName: '鹿城区张记面馆' },
      status: 'pending'
    })
    expect((await c.ok('user', 'user.stall.requests', { status: 'open' }, 'demo-supervisor')).requests.map((x: { id: string }) => x.id)).toContain(r.id)
    expect((await c.ok('user', 'user.stall.requests', { status: 'open' }, 'reg-ouhai')).requests).toEqual([])
    expect((await c.ok('user', 'user.stall.requests', { status: 'open' }, 'demo-admin')).requests.map((x: { id: string }) => x.id)).toContain(r.id)

    const outside = await c.call('user', { action: 'user.stall.decide', payload: { id: r.id, decision: 'approve' } }, 'reg-ouhai')
    expect(!outside.body.ok && outside.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('瓯海区') })
    for (const who of ['demo-owner-1', me, 'demo-bank']) {
      const d = await c.call('user', { action: 'user.stall.decide', payload: { id: r.id, decision: 'approve' } }, who)
      const q = await c.call('user', { action: 'user.stall.requests', payload: { status: 'open' } }, who)
      expect([who, !d.body.ok && d.body.error.code, !q.body.ok && q.body.error.code]).toEqual([who, 'FORBIDDEN', 'FORBIDDEN'])
    }
    expect((await c.ok('user', 'user.profile.get', {}, 'demo-owner-1')).stall.number).toBe('A-01')
  })

  test('declining needs a reason the requester is told; then they may ask again', async () => {
    const me = await owner('鹿城区小吴干货')
    const r = await c.ok('user', 'user.stall.request', { stallCode: 'DMA2K7' }, me, 'req-c-0001')
    const bare = await c.call('user', { action: 'user.stall.decide', payload: { id: r.id, decision: 'decline' } }, 'demo-regulator')
    expect(!bare.body.ok && bare.body.error.details).toEqual([{ path: 'reason', message: '请写明不同意的理由，申请人会看到' }])
    const done = await c.ok('user', 'user.stall.decide', { id: r.id, decision: 'decline', reason: '原经营者租期未满，仍在经营' }, 'demo-regulator')
    expect(done).toMatchObject({ status: 'declined', statusLabel: '未同意', reason: '原经营者租期未满，仍在经营', decidedByName: '王科员' })
    // the same decision again changes nothing and tells nobody twice; the other one is refused
    expect(await c.ok('user', 'user.stall.decide', { id: r.id, decision: 'decline', reason: '原经营者租期未满，仍在经营' }, 'demo-regulator')).toMatchObject({ status: 'declined' })
    const flip = await c.call('user', { action: 'user.stall.decide', payload: { id: r.id, decision: 'approve' } }, 'demo-supervisor')
    expect(!flip.body.ok && flip.body.error.code).toBe('CONFLICT')
    const told = (await inbox(me)).filter((m) => m.title === '摊位申请未同意')
    expect(told).toHaveLength(1)
    expect(told[0].body).toContain('原经营者租期未满')
    expect((await inbox('demo-owner-1')).filter((m) => m.title === '摊位绑定已变更')).toEqual([])
    expect((await c.ok('user', 'user.profile.get', {}, 'demo-owner-1')).stall.number).toBe('A-01')
    // closed: a new request is allowed
    expect((await c.ok('user', 'user.stall.request', { stallCode: 'DMA2K7' }, me, 'req-c-0002')).status).toBe('pending')
  })

  test('a requester can withdraw while it waits; a withdrawn request cannot be decided', async () => {
    const me = await owner('鹿城区小郑鞋铺')
    const r = await c.ok('user', 'user.stall.request', { stallCode: 'DMA2K7' }, me, 'req-d-0001')
    expect(await c.ok('user', 'user.stall.cancel', { id: r.id }, me)).toMatchObject({ status: 'cancelled', statusLabel: '已撤回' })
    expect((await c.ok('user', 'user.stall.cancel', { id: r.id }, me)).status).toBe('cancelled')
    const d = await c.call('user', { action: 'user.stall.decide', payload: { id: r.id, decision: 'approve' } }, 'demo-regulator')
    expect(!d.body.ok && d.body.error).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('撤回') })
    const other = await c.call('user', { action: 'user.stall.cancel', payload: { id: r.id } }, 'demo-owner-1')
    expect(!other.body.ok && other.body.error.code).toBe('NOT_FOUND')
    expect((await c.ok('user', 'user.stall.resolve', { scene: 'DMA2K7' }, me)).request).toBeNull()
  })

  test('approving moves the stall to the requester, frees the one they held, and tells both owners once', async () => {
    // the requester holds B-03 today; the stall they ask for is A-03, held by another owner
    const holder = await owner('鹿城区老林杂货', { stallCode: 'DMC4Q9' })
    const me = await owner('鹿城区阿华水产', { stallCode: 'DML4Y9' })
    expect((await c.ok('user', 'user.profile.get', {}, me)).stall.number).toBe('B-03')
    const r = await c.ok('user', 'user.stall.request', { stallCode: 'DMC4Q9', note: '林老板已把摊位转给我' }, me, 'req-e-0001')

    // two regulators press 同意 at the same moment, and again later: one move, one message each
    const [a, b] = await Promise.all([
      c.call('user', { action: 'user.stall.decide', payload: { id: r.id, decision: 'approve' } }, 'demo-regulator'),
      c.call('user', { action: 'user.stall.decide', payload: { id: r.id, decision: 'approve' } }, 'demo-supervisor')
    ])
    expect([a.body.ok, b.body.ok]).toEqual([true, true])
    const again = await c.ok('user', 'user.stall.decide', { id: r.id, decision: 'approve' }, 'demo-regulator')
    expect(again).toMatchObject({ status: 'approved', statusLabel: '已同意', holder: { businessName: '鹿城区阿华水产' } })

    const mine = await c.ok('user', 'user.profile.get', {}, me)
    expect(mine).toMatchObject({ stall: { number: 'A-03' }, market: { name: '东门农贸市场' }, stallShared: false })
    const theirs = await c.ok('user', 'user.profile.get', {}, holder)
    expect(theirs).toMatchObject({ stall: null, market: null })
    expect((await c.ok('user', 'user.stall.resolve', { scene: 'DMC4Q9' }, me)).holding).toBe('mine')
    expect((await c.ok('user', 'user.stall.resolve', { scene: 'DMC4Q9' }, holder)).holding).toBe('held')
    // B-03, which the requester held before, is free for the next owner
    expect((await c.ok('user', 'user.stall.resolve', { scene: 'DML4Y9' }, 'anyone-else')).holding).toBe('free')

    const toMe = (await inbox(me)).filter((m) => m.title === '摊位已转到您名下')
    const toHolder = (await inbox(holder)).filter((m) => m.title === '摊位绑定已变更')
    expect([toMe.length, toHolder.length]).toEqual([1, 1])
    // neither message names the other owner
    expect(toMe[0].body).not.toContain('老林杂货')
    expect(toHolder[0].body).not.toContain('阿华水产')
    expect(toHolder[0].body).toContain('东门农贸市场A-03号摊位')
    const decided = await c.ok('user', 'user.stall.requests', { status: 'decided' }, 'demo-regulator')
    expect(decided.requests.find((x: { id: string }) => x.id === r.id)).toMatchObject({ status: 'approved' })
    const declineLater = await c.call('user', { action: 'user.stall.decide', payload: { id: r.id, decision: 'decline', reason: '弄错了' } }, 'demo-regulator')
    expect(!declineLater.body.ok && declineLater.body.error.code).toBe('CONFLICT')
  })

  test('同意 and 不同意 at the same moment: exactly one wins and the stall agrees with it', async () => {
    for (let round = 0; round < 3; round++) {
      const holder = await owner(`鹿城区并发摊主${round}`)
      const code = ['DMF7T4', 'DMH9V6', 'DMM5Z2'][round]
      await c.ok('user', 'user.stall.bind', { stallCode: code, share: false }, holder)
      const me = await owner(`鹿城区并发申请${round}`)
      const r = await c.ok('user', 'user.stall.request', { stallCode: code }, me, `req-f-000${round}`)
      const [a, d] = await Promise.all([
        c.call('user', { action: 'user.stall.decide', payload: { id: r.id, decision: 'approve' } }, 'demo-regulator'),
        c.call('user', { action: 'user.stall.decide', payload: { id: r.id, decision: 'decline', reason: '核实后不符合' } }, 'demo-supervisor')
      ])
      expect([a.body.ok, d.body.ok].filter(Boolean)).toHaveLength(1)
      const held = (await c.ok('user', 'user.stall.resolve', { scene: code }, me)).holding
      expect(held).toBe(a.body.ok ? 'mine' : 'held')
    }
  })

  test('a stall bound before holders were recorded learns its holder from the owners bound to it', async () => {
    // as stored before this change: the owner points at the stall, the stall names nobody
    await c.ports.db.collection('stalls').update('demo-stall-9', { holder: patch.remove(), heldAt: patch.remove() })
    const old = await owner('鹿城区老顾客户')
    await c.ports.db.collection('owners').update(old, { marketId: 'demo-market-2', stallId: 'demo-stall-9' })
    expect((await c.ports.db.collection('stalls').get('demo-stall-9')) as object).not.toHaveProperty('holder')
    expect((await c.ok('user', 'user.profile.get', {}, old)).stall.number).toBe('B-01')
    const me = await owner('鹿城区新来的')
    expect((await c.ok('user', 'user.stall.resolve', { scene: 'DMJ2W7' }, me)).holding).toBe('held')
    expect((await c.ok('user', 'user.stall.resolve', { scene: 'DMJ2W7' }, old)).holding).toBe('mine')
    expect(((await c.ports.db.collection('stalls').get('demo-stall-9')) as unknown as { holder: string }).holder).toBe(old)
  })

  test('a holder whose own record moved on (a release lost in a crash) frees the stall after a while', async () => {
    const gone = await owner('鹿城区搬走的', { stallCode: 'DMG8U5' })
    // their document points elsewhere, but A-07 still names them (the release never ran)
    await c.ports.db.collection('owners').update(gone, { stallId: null, marketId: null })
    const me = await owner('鹿城区接手的')
    expect((await c.ok('user', 'user.stall.resolve', { scene: 'DMG8U5' }, me)).holding).toBe('held')
    c.clock.set(new Date('2026-11-21T04:05:00Z'))
    try {
      expect((await c.ok('user', 'user.stall.resolve', { scene: 'DMG8U5' }, me)).holding).toBe('free')
      expect((await c.ok('user', 'user.stall.bind', { stallCode: 'DMG8U5', share: false }, me)).stall.number).toBe('A-07')
    } finally {
      c.clock.set(new Date('2026-11-21T04:00:00Z'))
    }
  })
})

import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LocalDb } from '../../cloudfunctions/common/adapters/local/db'
import { newPolicyDoc } from '../../cloudfunctions/policy/store'
import { PROFILE } from '../helpers/fixtures'
import { COLLECTIONS, INDEXES } from '../../cloudfunctions/common/indexes'
import { adminContract } from '../../src/core/admin/contract'
import { testCloud, type TestCloud } from '../helpers/cloud'

describe('admin function: markets, stalls and QR codes', () => {
  let c: TestCloud
  beforeAll(async () => {
    c = await testCloud()
    await c.ports.db.collection('staff').set('reg-other', { role: 'regulator', name: '赵科员', region: '330304', bankName: null, createdAt: '' } as never)
  })
  afterAll(() => c.stop())

  const actions = Object.keys(adminContract)
  const samplePayload: Record<string, unknown> = {
    'admin.setup': {},
    'admin.market.create': { name: '新市场', region: '330302', address: '某路1号' },
    'admin.market.list': {},
    'admin.stall.create': { marketId: 'demo-market-1', numbers: ['Z-01'] },
    'admin.stall.list': { marketId: 'demo-market-1' },
    'admin.qr.sheet': { marketId: 'demo-market-1' },
    'admin.market.sharing': { marketId: 'demo-market-1', allowShared: true },
    'admin.stall.sharing': { stallId: 'demo-stall-1', allowShared: true }
  }

  test.each(actions)('%s: owners and bank officers get FORBIDDEN and nothing changes', async (action) => {
    const before = await c.ports.db.collection('markets').count({})
    for (const who of ['demo-owner-1', 'brand-new-owner', 'demo-bank']) {
      const r = await c.call('admin', { action, payload: samplePayload[action] }, who)
      expect(r.status).toBe(403)
      expect(!r.body.ok && r.body.error.code).toBe('FORBIDDEN')
    }
    expect(await c.ports.db.collection('markets').count({})).toBe(before)
  })

  test('a regulator creates a market in their region; creating twice with one requestId makes one', async () => {
    const payload = { name: '南门菜场', region: '330302', address: '南门路2号' }
    const a = await c.ok('admin', 'admin.market.create', payload, 'demo-regulator', 'create-market-0001')
    const b = await c.ok('admin', 'admin.market.create', payload, 'demo-regulator', 'create-market-0001')
    expect(b).toEqual(a)
    const list = await c.ok('admin', 'admin.market.list', {}, 'demo-regulator')
    expect(list.markets.filter((m: { name: string }) => m.name === '南门菜场')).toHaveLength(1)
  })

  test('a regulator cannot create or see markets outside their region', async () => {
    const r = await c.call('admin', { action: 'admin.market.create', payload: { name: '外区市场', region: '330302', address: 'x' } }, 'reg-other')
    expect(!r.body.ok && r.body.error).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('瓯海区') })
    expect((await c.ok('admin', 'admin.market.list', {}, 'reg-other')).markets).toEqual([])
    const peek = await c.call('admin', { action: 'admin.stall.list', payload: { marketId: 'demo-market-1' } }, 'reg-other')
    expect(!peek.body.ok && peek.body.error.code).toBe('FORBIDDEN')
    // an admin (no region) sees everything
    expect((await c.ok('admin', 'admin.market.list', {}, 'demo-admin')).markets.length).toBeGreaterThanOrEqual(2)
  })

  test('stalls: created once each, duplicates reported, codes unique and fit a WeChat scene', async () => {
    const market = await c.ok('admin', 'admin.market.create', { name: '测试市场', region: '330302', address: '测试路' }, 'demo-regulator')
    const first = await c.ok('admin', 'admin.stall.create', { marketId: market.id, numbers: ['A-01', 'A-02', 'A-02', 'A-03'] }, 'demo-regulator')
    expect(first.created.map((s: { number: string }) => s.number)).toEqual(['A-01', 'A-02', 'A-03'])
    expect(first.existing).toEqual([])
    const second = await c.ok('admin', 'admin.stall.create', { marketId: market.id, numbers: ['A-03', 'A-04'] }, 'demo-regulator')
    expect(second.created.map((s: { number: string }) => s.number)).toEqual(['A-04'])
    expect(second.existing).toEqual(['A-03'])
    const { stalls } = await c.ok('admin', 'admin.stall.list', { marketId: market.id }, 'demo-regulator')
    expect(stalls.map((s: { number: string }) => s.number)).toEqual(['A-01', 'A-02', 'A-03', 'A-04'])
    const codes = stalls.map((s: { code: string }) => s.code)
    expect(new Set(codes).size).toBe(4)
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJ-NP-Z]{6}$/)
    const bad = await c.call('admin', { action: 'admin.stall.create', payload: { marketId: market.id, numbers: ['A 01<'] } }, 'demo-regulator')
    expect(!bad.body.ok && bad.body.error.code).toBe('INVALID_INPUT')
    const missing = await c.call('admin', { action: 'admin.stall.create', payload: { marketId: 'nope', numbers: ['A-01'] } }, 'demo-regulator')
    expect(!missing.body.ok && missing.body.error.code).toBe('NOT_FOUND')
  })

  test('the QR sheet: real PNG codes that open the stall’s onboarding page, made once and kept', async () => {
    const sheet = await c.ok('admin', 'admin.qr.sheet', { marketId: 'demo-market-2' }, 'demo-regulator')
    expect(adminContract['admin.qr.sheet'].output.parse(sheet)).toBeTruthy()
    expect(sheet.pending).toBe(0)
    expect(sheet.items.map((i: { number: string }) => i.number)).toEqual(['B-01', 'B-02', 'B-03', 'B-04'])
    for (const item of sheet.items) {
      const res = await fetch(c.url + item.imageUrl)
      expect(res.headers.get('content-type')).toBe('image/png')
      const png = PNG.sync.read(Buffer.from(await res.arrayBuffer()))
      const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
      expect(decoded?.data).toBe(`${c.url}/#/pages/onboard/index?scene=${item.code}`)
      expect(item.target).toBe(decoded?.data)
    }
    // a second sheet reuses the stored images
    const before = await c.ports.db.collection('stalls').find({ marketId: 'demo-market-2' } as never)
    const again = await c.ok('admin', 'admin.qr.sheet', { marketId: 'demo-market-2' }, 'demo-regulator')
    expect(again.items.map((i: { imageUrl: string }) => i.imageUrl)).toEqual(sheet.items.map((i: { imageUrl: string }) => i.imageUrl))
    const after = await c.ports.db.collection('stalls').find({ marketId: 'demo-market-2' } as never)
    expect(after.map((s) => (s as unknown as { updatedAt: string }).updatedAt)).toEqual(before.map((s) => (s as unknown as { updatedAt: string }).updatedAt))
  })
})

describe('admin.setup: the cloud database after a deploy', () => {
  let c: TestCloud
  beforeAll(async () => {
    // no demo data: only the first admin exists, as right after README step 4
    c = await testCloud({ seed: false })
    await c.ports.db.collection('staff').set('first-admin', { role: 'admin', name: '管理员', region: null, bankName: null, createdAt: '' } as never)
    await c.ports.db.collection('staff').set('a-regulator', { role: 'regulator', name: '钱科员', region: '330300', bankName: null, createdAt: '' } as never)
  })
  afterAll(() => c.stop())

  test('only an admin may run it: a regulator, an owner and an unknown caller are refused and nothing is created', async () => {
    for (const who of ['a-regulator', 'some-owner']) {
      const r = await c.call('admin', { action: 'admin.setup', payload: {} }, who)
      expect(r.status).toBe(403)
      expect(!r.body.ok && r.body.error.code).toBe('FORBIDDEN')
    }
    const anonymous = await c.call('admin', { action: 'admin.setup', payload: {} }, null)
    expect(!anonymous.body.ok && anonymous.body.error.code).toBe('UNAUTHENTICATED')
    expect(existsSync(join(c.dataDir, 'db', 'markets.db'))).toBe(false)
  })

  test('the first run creates every missing collection; a second run creates nothing and says so', async () => {
    const first = await c.ok('admin', 'admin.setup', {}, 'first-admin')
    // the router reads `staff` and `helpers` (a helper's delegation) on every call
    expect(first.existing).toEqual(['staff', 'helpers'])
    expect(first.created).toEqual(COLLECTIONS.filter((n) => n !== 'staff' && n !== 'helpers'))
    expect(first.message).toContain(`已新建 ${COLLECTIONS.length - 2} 个集合`)
    for (const name of COLLECTIONS) expect(existsSync(join(c.dataDir, 'db', `${name}.db`))).toBe(true)

    const second = await c.ok('admin', 'admin.setup', {}, 'first-admin')
    expect(second.created).toEqual([])
    expect(second.existing).toEqual([...COLLECTIONS])
    expect(second.message).toContain('所有集合都已存在，没有新建')
    // what the console still needs is the same both times, one item per collection
    expect(second.checklist).toEqual(first.checklist)
  })

  test('the checklist names every index of indexes.ts and the admin-only permission, in Chinese', async () => {
    const { checklist } = await c.ok('admin', 'admin.setup', {}, 'first-admin')
    expect(checklist.map((i: { collection: string }) => i.collection)).toEqual([...COLLECTIONS])
    const stalls = checklist.find((i: { collection: string }) => i.collection === 'stalls')
    expect(stalls).toEqual({
      collection: 'stalls',
      permission: '仅管理端可读写',
      indexes: [{ fields: ['code'], unique: true }, { fields: ['marketId', 'number'], unique: true }, { fields: ['holder'], unique: false }],
      text: '集合 stalls：数据权限设为“仅管理端可读写”；索引管理中添加 code 升序（唯一）；marketId 升序 + number 升序（唯一）；holder 升序（非唯一）'
    })
    for (const item of checklist) {
      expect(item.indexes).toHaveLength((INDEXES[item.collection] ?? []).length)
      expect(item.text).toContain('仅管理端可读写')
    }
    expect(checklist.find((i: { collection: string }) => i.collection === 'meta').text).toContain('无需添加索引')
  })
})

describe('regions stored as free text before they were codes are migrated', () => {
  test('owners, markets, staff and policy rules get GB/T 2260 codes; what is not one place is counted, not guessed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'getihu-migrate-'))
    // a store written by the old version: text regions, one typed without the province
    const old = new LocalDb(join(dataDir, 'db'))
    const at = '2026-01-01T00:00:00.000Z'
    await old.collection('owners').set('old-owner', { profile: { ...PROFILE, region: '温州市鹿城区', creditCode: PROFILE.creditCode, updatedAt: at }, marketId: null, stallId: null, settings: { careMode: false, personalized: true }, consents: {}, createdAt: at, updatedAt: at } as never)
    await old.collection('owners').set('typo-owner', { profile: { ...PROFILE, region: '温洲市鹿城', updatedAt: at }, marketId: null, stallId: null, settings: { careMode: false, personalized: true }, consents: {}, createdAt: at, updatedAt: at } as never)
    await old.collection('markets').set('old-market', { name: '老市场', region: '浙江省温州市鹿城区', address: 'x', createdBy: 'x', createdAt: at, updatedAt: at } as never)
    await old.collection('staff').set('old-reg', { role: 'regulator', name: '老科员', region: '浙江省温州市', bankName: null, createdAt: at } as never)
    await old.collection('staff').set('mig-admin', { role: 'admin', name: '管理员', region: null, bankName: null, createdAt: at } as never)
    await old.collection('policies').set('old-policy', { ...newPolicyDoc({ title: '温州老政策', summary: { what: 'x', who: 'x', how: 'x', where: 'x' }, department: 'x', category: 'finance', effectiveFrom: '2024-01-01', effectiveTo: null, source: { document: 'x', number: null, clause: 'x' }, conditions: [{ fact: 'region', op: 'within', value: '浙江省温州市' as never }] }, 'published', 'x', at) } as never)
    const c = await testCloud({ dataDir, seed: false })
    try {
      const owner = (await c.ports.db.collection('owners').get('old-owner')) as unknown as { profile: { region: string } }
      expect(owner.profile.region).toBe('330302')
      expect(((await c.ports.db.collection('markets').get('old-market')) as unknown as { region: string }).region).toBe('330302')
      expect(((await c.ports.db.collection('staff').get('old-reg')) as unknown as { region: string }).region).toBe('330300')
      expect(((await c.ports.db.collection('policies').get('old-policy')) as unknown as { conditions: Array<{ value: string }> }).conditions[0].value).toBe('330300')
      // the typo is left for the owner to pick again
      expect(((await c.ports.db.collection('owners').get('typo-owner')) as unknown as { profile: { region: string } }).profile.region).toBe('温洲市鹿城')
      // the migrated owner now sees the migrated regulator's market and their region by name
      const login = await c.ok('user', 'user.login', {}, 'old-owner')
      expect(login.profile.regionName).toBe('浙江省温州市鹿城区')
      // admin.setup runs it too and reports nothing left
      const setup = await c.ok('admin', 'admin.setup', {}, 'mig-admin')
      expect(setup.regions).toEqual({ migrated: 0, unresolved: 0, more: false })
    } finally {
      await c.stop()
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

import { DEMO_LICENSE_CODE, DEMO_UNLISTED } from '../../cloudfunctions/common/demoRegister'
import { verifyContract } from '../../src/core/verify/contract'
import { LOAN_CONSENT_VERSION } from '../../src/core/loan/products'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import { testCloud, type TestCloud } from '../helpers/cloud'
import { codeFor, PROFILE, profileOf } from '../helpers/fixtures'

/** Verified businesses (#16): the register, the 电子营业执照, in person; one business, one account; coverage. */
describe('verified businesses', () => {
  let c: TestCloud
  const accept = (o: string) => c.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, o)
  const save = async (o: string, p: Record<string, unknown>) => {
    await accept(o)
    return c.call<any>('user', { action: 'user.profile.save', payload: p }, o)
  }
  const status = (o: string) => c.ok('user', 'user.verify.status', {}, o)
  const titles = async (openid: string) =>
    ((await (await fetch(`${c.url}/api/local/outbox?openid=${openid}&limit=100`)).json()) as { data: { messages: Array<{ title: string }> } }).data.messages.map((m) => m.title)
  const setRow = (code: string, patch: Record<string, unknown>) =>
    c.ports.db.collection('register').set(code, {
      creditCode: code, name: '鹿城区测试小店', operatorName: '张三丰', address: '鹿城区测试路1号', registeredOn: '2020-01-02', status: 'active', statusText: '存续',
      region: '330302', marketId: 'demo-market-2', importId: 't', importedAt: '', updatedAt: '', ...patch
    } as never)

  beforeAll(async () => {
    c = await testCloud()
    c.clock.set(new Date('2026-11-21T04:00:00Z'))
  })
  afterAll(() => c.stop())

  test('found, active, same name (spaces, full-width brackets aside) → 已核验（登记信息一致）', async () => {
    await setRow(codeFor('v-ok'), { name: '鹿城区（东门）测试小店' })
    const r = await save('v-ok', profileOf('v-ok', { businessName: '鹿城区 (东门) 测试小店' }))
    expect(r.body.ok).toBe(true)
    const s = await status('v-ok')
    expect(verifyContract['user.verify.status'].output.parse(s)).toBeTruthy()
    expect(s).toMatchObject({ state: 'verified', via: 'register', label: '已核验（登记信息一致）', why: null, steps: [] })
    // the owner document carries the shape the other slices build on
    const doc = await c.ports.db.collection<any>('owners').get('v-ok')
    expect(doc.verification).toEqual({ state: 'verified', via: 'register', at: expect.any(String), by: null })
  })

  test('name differs → 待核验 with why and both ways to verify', async () => {
    await setRow(codeFor('v-name'), { name: '鹿城区别的名字' })
    await save('v-name', profileOf('v-name'))
    expect(await status('v-name')).toMatchObject({
      state: 'pending', label: '待核验', why: '字号名称与登记的名称不一致，请按营业执照上的名称填写',
      steps: [expect.stringContaining('电子营业执照'), expect.stringContaining('带营业执照原件到市场监管所或市场管理处')]
    })
  })

  test('not in the register → 待核验 (未在登记名录中找到); cancelled → 待核验 (登记状态为注销)', async () => {
    await save('v-none', profileOf('v-none'))
    expect((await status('v-none')).why).toContain('未在登记名录中找到')
    await setRow(codeFor('v-gone'), { name: PROFILE.businessName, status: 'cancelled', statusText: '注销' })
    await save('v-gone', profileOf('v-gone'))
    expect(await status('v-gone')).toMatchObject({ state: 'pending', why: '登记状态为注销，不能在线核验' })
    // the office updates the register: a re-check picks it up
    await setRow(codeFor('v-none'), { name: PROFILE.businessName })
    expect(await c.ok('user', 'user.verify.check', {}, 'v-none')).toMatchObject({ state: 'verified', label: '已核验（登记信息一致）' })
  })

  test('电子营业执照 (local demo): a wrong code is refused; a licence that differs never verifies; the right one does', async () => {
    await save('v-lic', { ...PROFILE, businessName: DEMO_UNLISTED.name, creditCode: DEMO_UNLISTED.creditCode })
    expect(await status('v-lic')).toMatchObject({ state: 'pending', license: { mode: 'demo', appId: null } })
    const bad = await c.call<any>('user', { action: 'user.verify.license', payload: { authCode: '123' } }, 'v-lic')
    expect(!bad.body.ok && bad.body.error.details).toEqual([{ path: 'authCode', message: '授权码不对或已过期，请重新授权' }])
    // a profile whose name is not the licence's: the service says no match, and nothing changes
    await save('v-lic2', profileOf('v-lic2'))
    const mismatch = await c.call<any>('user', { action: 'user.verify.license', payload: { authCode: DEMO_LICENSE_CODE } }, 'v-lic2')
    expect(!mismatch.body.ok && mismatch.body.error.message).toContain('与您的档案不一致')
    expect((await status('v-lic2')).state).toBe('pending')
    const ok = await c.ok('user', 'user.verify.license', { authCode: DEMO_LICENSE_CODE }, 'v-lic')
    expect(ok).toMatchObject({ state: 'verified', via: 'license', label: '已核验（电子营业执照）' })
    // saving again (the register still lacks it) keeps what the licence said; another name does not
    expect((await save('v-lic', { ...PROFILE, businessName: DEMO_UNLISTED.name, creditCode: DEMO_UNLISTED.creditCode, employees: 4 })).body.ok).toBe(true)
    expect((await status('v-lic')).label).toBe('已核验（电子营业执照）')
    await save('v-lic', { ...PROFILE, businessName: '鹿城区改了名的早点铺', creditCode: DEMO_UNLISTED.creditCode })
    expect((await status('v-lic')).state).toBe('pending')
  })

  test('a loan application needs 已核验, and says how to get it', async () => {
    await c.ok('loan', 'loan.consent.grant', { bankId: 'wz-rcb', version: LOAN_CONSENT_VERSION }, 'v-name')
    const apply = { bankId: 'wz-rcb', productId: 'startup-guaranteed', amount: 30000, termMonths: 12, phone: '13800138000', idNumber: '11010519491231002X', confirmUnfit: true }
    const refused = await c.call<any>('loan', { action: 'loan.apply', payload: apply, requestId: 'v-loan-0001' }, 'v-name')
    expect(refused.status).toBe(412)
    expect(!refused.body.ok && refused.body.error.message).toMatch(/申请贷款需要先核验营业执照.*电子营业执照.*现场核验/)
    expect(await c.ports.db.collection('loanApplications').count({ openid: 'v-name' } as never)).toBe(0)
  })

  test('in person: the regulator sees their region’s 待核验 owners masked, verifies one, and it is audited; another region cannot', async () => {
    const page = await c.ok('user', 'user.verify.pending', { limit: 50 }, 'demo-regulator')
    expect(verifyContract['user.verify.pending'].output.parse(page)).toBeTruthy()
    const row = page.items.find((i: any) => i.creditCode === codeFor('v-name'))
    expect(row).toMatchObject({ businessName: PROFILE.businessName, operator: '张*丰', why: expect.stringContaining('名称与登记的名称不一致'), state: 'pending' })
    expect(page.total).toBeGreaterThanOrEqual(2)
    expect(page.verified).toBeGreaterThanOrEqual(3)
    expect(JSON.stringify(page)).not.toContain('张三丰')
    // a regulator of another region neither sees nor verifies it
    await c.ports.db.collection('staff').set('reg-hz', { role: 'regulator', name: '杭州科员', region: '330100', bankName: null, createdAt: '' } as never)
    expect((await c.ok('user', 'user.verify.pending', {}, 'reg-hz')).items).toEqual([])
    const foreign = await c.call<any>('user', { action: 'user.verify.inPerson', payload: { id: row.id, sawLicence: true } }, 'reg-hz')
    expect(foreign.status).toBe(403)
    const unconfirmed = await c.call<any>('user', { action: 'user.verify.inPerson', payload: { id: row.id } }, 'demo-regulator')
    expect(unconfirmed.status).toBe(400)
    const done = await c.ok('user', 'user.verify.inPerson', { id: row.id, sawLicence: true }, 'demo-regulator')
    expect(done).toMatchObject({ state: 'verified', label: '已核验（现场核验）', verifiedByName: '王科员' })
    expect(await status('v-name')).toMatchObject({ state: 'verified', via: 'inPerson' })
    const doc = await c.ports.db.collection<any>('owners').get('v-name')
    expect(doc.verification).toMatchObject({ state: 'verified', via: 'inPerson', by: 'demo-regulator' })
    const log = await c.ports.db.collection<any>('audit').find({ target: 'v-name' } as never)
    expect(log).toEqual([expect.objectContaining({ actor: 'demo-regulator', role: 'regulator', action: 'owner.verify.inPerson', before: expect.objectContaining({ state: 'pending' }), after: expect.objectContaining({ via: 'inPerson' }) })])
    expect(await titles('v-name')).toContain('营业执照已核验')
    // figures: it left the pending list and counts as verified
    const again = await c.ok('user', 'user.verify.pending', { limit: 50 }, 'demo-regulator')
    expect(again.total).toBe(page.total - 1)
    expect(again.verified).toBe(page.verified + 1)
  })

  test('one business, one account: a second account is refused with a way to ask; the regulator approves, both are told', async () => {
    await setRow(codeFor('v-first'), { name: PROFILE.businessName, marketId: 'demo-market-2' })
    expect((await save('v-first', profileOf('v-first'))).body.ok).toBe(true)
    // two accounts at once on a new business: exactly one holds it
    const code = codeFor('v-race')
    const racers = ['v-race-a', 'v-race-b', 'v-race-c']
    for (const o of racers) await accept(o)
    const results = await Promise.all(racers.map((o) => c.call<any>('user', { action: 'user.profile.save', payload: { ...PROFILE, creditCode: code } }, o)))
    expect(results.filter((r) => r.body.ok)).toHaveLength(1)
    expect((await c.ports.db.collection<any>('bindings').get(code)).openid).toBe(racers[results.findIndex((r) => r.body.ok)])

    const second = await save('v-second', { ...profileOf('v-first'), businessName: '鹿城区阿强水果摊', employees: 7 })
    expect(second.status).toBe(409)
    expect(!second.body.ok && second.body.error).toMatchObject({ message: expect.stringContaining('这个营业执照已被另一个微信号绑定'), details: [{ path: 'creditCode', message: '这个营业执照已被另一个微信号绑定' }] })
    expect((await c.ports.db.collection<any>('owners').get('v-second')).profile).toBeNull()

    const claim = await c.ok('user', 'user.claim.request', { profile: { ...profileOf('v-first'), employees: 7 }, note: '店是我的' }, 'v-second', 'v-claim-0001')
    expect(claim).toMatchObject({ status: 'pending', statusLabel: '等待审核', creditCode: codeFor('v-first') })
    // the same request again is the same claim; a second open one is refused
    expect(await c.ok('user', 'user.claim.request', { profile: profileOf('v-first') }, 'v-second', 'v-claim-0001')).toEqual(claim)
    const dup = await c.call<any>('user', { action: 'user.claim.request', payload: { profile: profileOf('v-first') }, requestId: 'v-claim-0002' }, 'v-second')
    expect(dup.status).toBe(409)
    expect(await titles('demo-regulator')).toContain('新的营业执照转移申请')
    expect(await titles('v-first')).toContain('有人申请转移您的营业执照')
    expect((await status('v-second')).claim).toMatchObject({ statusLabel: '等待审核' })

    const queue = await c.ok('user', 'user.claim.list', { status: 'open' }, 'demo-regulator')
    expect(verifyContract['user.claim.list'].output.parse(queue)).toBeTruthy()
    const item = queue.items.find((i: any) => i.id === claim.id)
    expect(item).toMatchObject({ claimant: { businessName: '鹿城区阿强水果摊' }, holder: { businessName: '鹿城区阿强水果摊', state: '已核验（登记信息一致）' }, register: { operator: '张*丰' }, note: '店是我的' })
    const noReason = await c.call<any>('user', { action: 'user.claim.decide', payload: { id: claim.id, decision: 'decline' } }, 'demo-regulator')
    expect(!noReason.body.ok && noReason.body.error.details).toEqual([{ path: 'reason', message: '请写明不同意的理由，申请人会看到' }])
    const approved = await c.ok('user', 'user.claim.decide', { id: claim.id, decision: 'approve' }, 'demo-regulator')
    expect(approved).toMatchObject({ status: 'approved', statusLabel: '已同意', decidedByName: '王科员' })
    // the binding moved; the claimant's typed profile is saved and verified in person; the previous account is pending
    expect((await c.ports.db.collection<any>('bindings').get(codeFor('v-first'))).openid).toBe('v-second')
    expect((await c.ok('user', 'user.profile.get', {}, 'v-second')).profile).toMatchObject({ businessName: '鹿城区阿强水果摊', employees: 7 })
    expect(await status('v-second')).toMatchObject({ state: 'verified', via: 'inPerson' })
    expect(await status('v-first')).toMatchObject({ state: 'pending', why: expect.stringContaining('转到另一个微信号') })
    expect(await titles('v-second')).toContain('营业执照已转到您的微信号')
    expect(await titles('v-first')).toContain('营业执照绑定已变更')
    // deciding again is refused in words
    const twice = await c.call<any>('user', { action: 'user.claim.decide', payload: { id: claim.id, decision: 'decline', reason: '不是' } }, 'demo-regulator')
    expect(twice.status).toBe(409)
    expect((await c.ok('user', 'user.claim.list', { status: 'decided' }, 'demo-regulator')).items.map((i: any) => i.id)).toContain(claim.id)
  })

  test('a declined transfer keeps the business where it was; both are told', async () => {
    await setRow(codeFor('v-keep'), { name: PROFILE.businessName })
    await save('v-keep', profileOf('v-keep'))
    await accept('v-asker')
    const claim = await c.ok('user', 'user.claim.request', { profile: profileOf('v-keep') }, 'v-asker', 'v-claim-0101')
    const foreign = await c.call<any>('user', { action: 'user.claim.decide', payload: { id: claim.id, decision: 'approve' } }, 'reg-hz')
    expect(foreign.status).toBe(403)
    const declined = await c.ok('user', 'user.claim.decide', { id: claim.id, decision: 'decline', reason: '营业执照原件上的经营者不是申请人' }, 'demo-regulator')
    expect(declined).toMatchObject({ status: 'declined', reason: '营业执照原件上的经营者不是申请人' })
    expect((await c.ports.db.collection<any>('bindings').get(codeFor('v-keep'))).openid).toBe('v-keep')
    expect((await status('v-keep')).state).toBe('verified')
    expect(await titles('v-asker')).toContain('营业执照转移未同意')
    expect(await titles('v-keep')).toContain('营业执照仍绑定在您的微信号')
    expect((await status('v-asker')).claim).toMatchObject({ statusLabel: '未同意', reason: '营业执照原件上的经营者不是申请人' })
  })

  test('changing the credit code frees the old one for its real owner', async () => {
    await save('v-move', profileOf('v-move'))
    await save('v-move', profileOf('v-move', { creditCode: codeFor('v-move-new') }))
    expect((await save('v-move-real', profileOf('v-move'))).body.ok).toBe(true)
  })

  test('coverage per market: in the register, joined, verified, never joined; the visit list pages and masks', async () => {
    const cov = await c.ok('user', 'user.coverage', {}, 'demo-regulator')
    expect(verifyContract['user.coverage'].output.parse(cov)).toBeTruthy()
    const east = cov.markets.find((m: any) => m.marketId === 'demo-market-1')
    // demo register: 张记面馆, 小李水果店 (joined, verified), 王阿姨早餐店, 陈记裁缝铺, 阿强水果摊 (never joined here)
    expect(east).toMatchObject({ name: '东门农贸市场', inRegister: 5, joined: 2, verified: 2, neverJoined: 3 })
    const south = cov.markets.find((m: any) => m.marketId === 'demo-market-2')
    // 刘家干货行 and 老周修鞋摊 never joined; this file's rows in 城南 joined (v-ok, v-name, v-first→v-second, v-keep, v-gone, v-none)
    expect(south.inRegister - south.joined).toBe(south.neverJoined)
    expect(south.verified).toBeLessThanOrEqual(south.joined)
    expect(cov.markets.find((m: any) => m.marketId === null)).toMatchObject({ name: '不在市场内', inRegister: 1, joined: 0 })

    const first = await c.ok('user', 'user.coverage.visits', { marketId: 'demo-market-1', limit: 2 }, 'demo-regulator')
    expect(first.total).toBe(3)
    expect(first.items).toHaveLength(2)
    const rest = await c.ok('user', 'user.coverage.visits', { marketId: 'demo-market-1', limit: 2, cursor: first.nextCursor }, 'demo-regulator')
    expect(rest.nextCursor).toBeNull()
    const names = [...first.items, ...rest.items].map((v: any) => v.name).sort()
    expect(names).toEqual(['鹿城区王阿姨早餐店', '鹿城区阿强水果摊', '鹿城区陈记裁缝铺'].sort())
    expect([...first.items, ...rest.items].find((v: any) => v.name === '鹿城区王阿姨早餐店').operator).toBe('王*英')
    // someone joins: they leave the visit list and the counts follow
    await save('v-wang', { ...PROFILE, businessName: '鹿城区王阿姨早餐店', creditCode: first.items.concat(rest.items).find((v: any) => v.name === '鹿城区王阿姨早餐店').creditCode })
    expect((await c.ok('user', 'user.coverage', {}, 'demo-regulator')).markets.find((m: any) => m.marketId === 'demo-market-1')).toMatchObject({ joined: 3, verified: 3, neverJoined: 2 })
    expect((await c.ok('user', 'user.coverage.visits', { marketId: 'demo-market-1' }, 'demo-regulator')).total).toBe(2)
    // another region's regulator cannot read this market's list
    expect((await c.call('user', { action: 'user.coverage.visits', payload: { marketId: 'demo-market-1' } }, 'reg-hz')).status).toBe(403)
  })

  test('staff figures count verified businesses and show claims apart', async () => {
    const s = await c.ok('course', 'course.staff.stats', {}, 'demo-regulator')
    expect(s.totals.verified).toBeLessThan(s.totals.owners)
    expect(s.totals.verified).toBe(await c.ports.db.collection('owners').count({ 'verification.state': 'verified', 'profile.region': '330302' } as never))
  })
})

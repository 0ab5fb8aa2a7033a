import { userContract } from '../../src/core/user/contract'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import { testCloud, type TestCloud } from '../helpers/cloud'
import { PROFILE, profileOf } from '../helpers/fixtures'

const GOOD_CODE = PROFILE.creditCode
const profile = PROFILE

describe('user function over HTTP', () => {
  let c: TestCloud
  beforeAll(async () => {
    c = await testCloud()
    c.clock.set(new Date('2026-11-21T04:00:00Z'))
  })
  afterAll(() => c.stop())

  const accept = (openid: string) => c.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, openid)

  test('a first login creates the owner; the second is not new', async () => {
    const first = await c.ok('user', 'user.login', {}, 'owner-a')
    expect(userContract['user.login'].output.parse(first)).toBeTruthy()
    expect(first).toMatchObject({ role: 'owner', isNew: true, profile: null, privacy: { acceptedVersion: null, currentVersion: PRIVACY_VERSION } })
    expect((await c.ok('user', 'user.login', {}, 'owner-a')).isNew).toBe(false)
  })

  test('no profile is saved before the privacy notice is accepted', async () => {
    const r = await c.call('user', { action: 'user.profile.save', payload: profile }, 'owner-b')
    expect(r.status).toBe(412)
    expect(!r.body.ok && r.body.error).toMatchObject({ code: 'PRECONDITION_FAILED', message: expect.stringContaining('个人信息保护告知书') })
  })

  test('consent to an outdated notice is refused; the current one is recorded with version and time', async () => {
    const old = await c.call('user', { action: 'user.consent.record', payload: { kind: 'privacy', version: '2020-01-01', granted: true } }, 'owner-b')
    expect(!old.body.ok && old.body.error.code).toBe('CONFLICT')
    const r = await accept('owner-b')
    expect(r.consents).toEqual([{ kind: 'privacy', version: PRIVACY_VERSION, granted: true, at: expect.any(String) }])
    // the time comes from the (set) clock, not the machine: it is in November 2026
    expect(Math.abs(Date.parse(r.consents[0].at) - c.clock.now().getTime())).toBeLessThan(5000)
    const log = await c.ports.db.collection('consents').find({ openid: 'owner-b' } as never)
    expect(log).toHaveLength(1)
    expect((await c.ok('user', 'user.login', {}, 'owner-b')).privacy.acceptedVersion).toBe(PRIVACY_VERSION)
  })

  test('a wrong credit code is refused with a message that says so; a good one is saved and classified', async () => {
    await accept('owner-c')
    const wrongCheck = GOOD_CODE.slice(0, 17) + (GOOD_CODE[17] === '1' ? '2' : '1')
    const bad = await c.call('user', { action: 'user.profile.save', payload: { ...profile, creditCode: wrongCheck } }, 'owner-c')
    expect(bad.status).toBe(400)
    expect(!bad.body.ok && bad.body.error.details).toEqual([{ path: 'creditCode', message: expect.stringContaining('第18位校验码不对') }])

    const saved = await c.ok('user', 'user.profile.save', { ...profile, creditCode: GOOD_CODE.toLowerCase() }, 'owner-c')
    expect(saved.profile).toMatchObject({ ...profile, creditCode: GOOD_CODE })
    expect(saved.classification).toMatchObject({ type: 'growth', label: '成长型' })
    expect(saved.classification.reasons[0].text).toContain('1年8个月')
    expect(await c.ok('user', 'user.profile.get', {}, 'owner-c')).toEqual(saved)
  })

  test('an owner never reads another owner’s profile', async () => {
    // profile.get takes no payload: there is no way to name someone else
    const other = await c.call('user', { action: 'user.profile.get', payload: { openid: 'owner-c' } }, 'owner-d')
    expect(!other.body.ok && other.body.error.code).toBe('INVALID_INPUT')
    expect((await c.ok('user', 'user.profile.get', {}, 'owner-d')).profile).toBeNull()
    expect((await c.ok('user', 'user.profile.get', {}, 'owner-c')).profile.businessName).toBe(profile.businessName)
  })

  test('an opening date in the (China) future is refused', async () => {
    await accept('owner-e')
    // 2026-11-21T16:30Z is already 22 November in China
    c.clock.set(new Date('2026-11-21T16:30:00Z'))
    const ok = await c.call('user', { action: 'user.profile.save', payload: { ...profileOf('owner-e'), openedOn: '2026-11-22' } }, 'owner-e')
    expect(ok.body.ok).toBe(true)
    const bad = await c.call('user', { action: 'user.profile.save', payload: { ...profileOf('owner-e'), openedOn: '2026-11-23' } }, 'owner-e')
    expect(!bad.body.ok && bad.body.error.details).toEqual([{ path: 'openedOn', message: '开业日期不能晚于今天' }])
    expect(!bad.body.ok && bad.body.error.code).toBe('INVALID_INPUT')
    const impossible = await c.call('user', { action: 'user.profile.save', payload: { ...profileOf('owner-e'), openedOn: '2025-02-29' } }, 'owner-e')
    expect(!impossible.body.ok && impossible.body.error.details![0]).toEqual({ path: 'openedOn', message: '没有这一天' })
    c.clock.set(new Date('2026-11-21T04:00:00Z'))
  })

  test('a business name that fails the content check is refused and nothing is saved', async () => {
    await accept('owner-f')
    const r = await c.call('user', { action: 'user.profile.save', payload: { ...profileOf('owner-f'), businessName: '代开发票服务部' } }, 'owner-f')
    expect(!r.body.ok && r.body.error.details).toEqual([{ path: 'businessName', message: expect.stringContaining('不适宜') }])
    expect((await c.ok('user', 'user.profile.get', {}, 'owner-f')).profile).toBeNull()
  })

  test('scanning a stall: resolve shows market and stall; saving binds the owner to it', async () => {
    const r = await c.ok('user', 'user.stall.resolve', { scene: 'DMC4Q9' }, 'owner-g')
    expect(r).toEqual({
      market: { id: 'demo-market-1', name: '东门农贸市场', region: '330302', regionName: '浙江省温州市鹿城区', address: '鹿城区东门街88号' },
      stall: { id: 'demo-stall-3', code: 'DMC4Q9', number: 'A-03', marketId: 'demo-market-1' },
      holding: 'free',
      shareAllowed: false,
      request: null
    })
    expect((await c.ok('user', 'user.stall.resolve', { scene: 'dmc4q9' }, 'owner-g')).stall.number).toBe('A-03')
    await accept('owner-g')
    const saved = await c.ok('user', 'user.profile.save', { ...profileOf('owner-g'), stallCode: 'DMC4Q9' }, 'owner-g')
    expect(saved.market.name).toBe('东门农贸市场')
    expect(saved.stall.number).toBe('A-03')
    expect((await c.ok('user', 'user.stall.resolve', { scene: 'DMC4Q9' }, 'owner-g')).holding).toBe('mine')
    // a later edit without a scan keeps the binding
    const edited = await c.ok('user', 'user.profile.save', { ...profileOf('owner-g'), employees: 2 }, 'owner-g')
    expect(edited.stall.number).toBe('A-03')
  })

  test('an unknown or malformed scene is NOT_FOUND or INVALID_INPUT, in Chinese', async () => {
    const unknown = await c.call('user', { action: 'user.stall.resolve', payload: { scene: 'ZZZZZZ' } }, 'owner-g')
    expect(!unknown.body.ok && unknown.body.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('没有找到这个摊位') })
    const long = await c.call('user', { action: 'user.stall.resolve', payload: { scene: 'A'.repeat(33) } }, 'owner-g')
    expect(!long.body.ok && long.body.error.details![0].message).toBe('二维码内容过长')
    const bad = await c.call('user', { action: 'user.stall.resolve', payload: { scene: '<script>' } }, 'owner-g')
    expect(!bad.body.ok && bad.body.error.code).toBe('INVALID_INPUT')
    const bind = await c.call('user', { action: 'user.profile.save', payload: { ...profileOf('owner-g'), stallCode: 'ZZZZZZ' } }, 'owner-g')
    expect(!bind.body.ok && bind.body.error.code).toBe('NOT_FOUND')
  })

  test('the first profile save sends a welcome and one 开业第一课 invitation to the inbox (seen in the outbox)', async () => {
    const res = await fetch(`${c.url}/api/local/outbox?openid=owner-c`)
    const { data } = (await res.json()) as { data: { messages: Array<{ title: string; body: string }> } }
    expect(data.messages.map((m) => m.title).sort()).toEqual(['建档成功', '邀请您学习开业第一课'].sort())
    expect(data.messages.find((m) => m.title === '建档成功')!.body).toContain(profile.businessName)
    const inbox = await c.ports.db.collection('inbox').find({ openid: 'owner-c' } as never)
    expect(inbox).toHaveLength(2)
  })

  test('settings: partial updates, care mode and personalisation, returned on login', async () => {
    expect(await c.ok('user', 'user.settings.save', { careMode: true }, 'owner-h')).toEqual({ careMode: true, personalized: true })
    expect(await c.ok('user', 'user.settings.save', { personalized: false }, 'owner-h')).toEqual({ careMode: true, personalized: false })
    expect((await c.ok('user', 'user.login', {}, 'owner-h')).settings).toEqual({ careMode: true, personalized: false })
    const bad = await c.call('user', { action: 'user.settings.save', payload: { careMode: 'yes' } }, 'owner-h')
    expect(!bad.body.ok && bad.body.error.code).toBe('INVALID_INPUT')
  })

  test('staff log in with their role and are not offered owner actions', async () => {
    const r = await c.ok('user', 'user.login', {}, 'demo-regulator')
    expect(r.role).toBe('regulator')
    expect(r.staff).toEqual({ name: '王科员', role: 'regulator', region: '330302', regionName: '浙江省温州市鹿城区', bankName: null })
    const save = await c.call('user', { action: 'user.profile.save', payload: profile }, 'demo-regulator')
    expect(!save.body.ok && save.body.error.code).toBe('FORBIDDEN')
  })
})

import { testCloud, type TestCloud } from '../helpers/cloud'
import { PROFILE } from '../helpers/fixtures'
import { HELPER_REFUSED } from '../../src/core/staff/helper'
import { INVITE_PROBLEMS } from '../../src/core/staff/invite'
import { SUSPENDED } from '../../cloudfunctions/common/router'

const SETUP = 'SETUPCODE2345XYZ'
let seq = 0
const rid = () => `staff-test-${++seq}-${Date.now()}`

describe('staff by invitation, the setup code, the audit log and helpers at a stall', () => {
  let c: TestCloud
  beforeAll(async () => {
    c = await testCloud({ adminSetupCode: SETUP })
  })
  afterAll(() => c.stop())

  const err = async (fn: string, action: string, payload: unknown, who: string) => {
    const r = await c.call(fn, { action, payload, requestId: rid() }, who)
    if (r.body.ok) throw new Error(`${action} should have failed`)
    return r.body.error
  }
  const invite = (payload: Record<string, unknown>, who = 'demo-admin') => c.ok('admin', 'admin.invite.create', payload, who, rid())
  const codeOf = (i: { code: string }) => i.code.replace('-', '')

  test('an admin invites a regulator: code and QR; the person sees the offer, accepts, and is staff of that region', async () => {
    const inv = await invite({ role: 'regulator', name: '周科员', region: '330302' })
    expect(inv.code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/)
    expect(inv).toMatchObject({ roleLabel: '监管人员', regionName: '浙江省温州市鹿城区', status: 'open', statusLabel: '待接受', createdByName: '系统管理员' })
    expect(inv.target).toContain(`pages/join/index?scene=${codeOf(inv)}`)
    expect(inv.imageUrl).toMatch(/^\/api\/local\/files\/invite-qr\//)
    // lower case and a space are forgiven
    const offer = await c.ok('admin', 'admin.invite.show', { code: ` ${inv.code.toLowerCase()} ` }, 'new-zhou')
    expect(offer).toMatchObject({ kind: 'staff', roleLabel: '监管人员', name: '周科员', regionName: '浙江省温州市鹿城区', inviterName: '系统管理员', problem: null, mine: false })
    expect(await c.ok('admin', 'admin.invite.accept', { code: inv.code }, 'new-zhou')).toEqual({ kind: 'staff', roleLabel: '监管人员', name: '周科员' })
    const login = await c.ok('user', 'user.login', {}, 'new-zhou')
    expect(login.role).toBe('regulator')
    expect(login.staff).toMatchObject({ name: '周科员', region: '330302' })
    // the regulator can work at once; the accepted invitation is shown as such to its maker
    await c.ok('admin', 'admin.market.list', {}, 'new-zhou')
    expect((await c.ok('admin', 'admin.invite.show', { code: inv.code }, 'new-zhou')).mine).toBe(true)
  })

  test('a used invitation cannot be used again, by anyone; an already-staff person is told so', async () => {
    const inv = await invite({ role: 'bank', name: '钱经理', bankName: '温州示范农商银行' })
    await c.ok('admin', 'admin.invite.accept', { code: inv.code }, 'new-qian')
    expect(await err('admin', 'admin.invite.accept', { code: inv.code }, 'new-sun')).toMatchObject({ code: 'CONFLICT', message: INVITE_PROBLEMS.used })
    const offer = await c.ok('admin', 'admin.invite.show', { code: inv.code }, 'new-sun')
    expect(offer.problem).toBe(INVITE_PROBLEMS.used)
    // a second invitation for a person who is already staff
    const again = await invite({ role: 'regulator', name: '钱经理', region: '330302' })
    expect(await err('admin', 'admin.invite.accept', { code: again.code }, 'new-qian')).toMatchObject({ code: 'CONFLICT', message: INVITE_PROBLEMS.alreadyStaff })
    expect((await c.ok('user', 'user.login', {}, 'new-qian')).staff).toMatchObject({ role: 'bank', bankName: '温州示范农商银行' })
  })

  test('two people accepting one invitation at once: exactly one becomes staff', async () => {
    const inv = await invite({ role: 'regulator', name: '抢', region: '330302' })
    const rs = await Promise.all(['race-a', 'race-b', 'race-c'].map((who) => c.call('admin', { action: 'admin.invite.accept', payload: { code: inv.code } }, who)))
    expect(rs.filter((r) => r.body.ok)).toHaveLength(1)
    const staff = await c.ports.db.collection('staff').find({ inviteId: inv.id })
    expect(staff).toHaveLength(1)
  })

  test('expired, revoked and unknown codes are refused in words', async () => {
    const inv = await invite({ role: 'regulator', name: '过期', region: '330302', days: 1 })
    // good to the end of the China day after tomorrow's eve: day + 1, 23:59:59 (UTC+8)
    const now = c.clock.now()
    c.clock.set(new Date(new Date(inv.expiresAt).getTime() + 1000))
    try {
      expect(await err('admin', 'admin.invite.accept', { code: inv.code }, 'late-one')).toMatchObject({ code: 'PRECONDITION_FAILED', message: INVITE_PROBLEMS.expired })
      expect((await c.ok('admin', 'admin.invite.list', {}, 'demo-admin')).items.find((i: { id: string }) => i.id === inv.id)).toMatchObject({ status: 'expired', statusLabel: '已过期', imageUrl: '' })
    } finally {
      c.clock.set(now)
    }
    const rev = await invite({ role: 'regulator', name: '撤销', region: '330302' })
    expect((await c.ok('admin', 'admin.invite.revoke', { id: rev.id }, 'demo-admin')).status).toBe('revoked')
    expect(await err('admin', 'admin.invite.accept', { code: rev.code }, 'rev-one')).toMatchObject({ code: 'CONFLICT', message: INVITE_PROBLEMS.revoked })
    expect(await err('admin', 'admin.invite.accept', { code: 'ABCD-EFGH' }, 'rev-one')).toMatchObject({ code: 'NOT_FOUND', message: INVITE_PROBLEMS.unknown })
    expect(await err('admin', 'admin.invite.show', { code: '12' }, 'rev-one')).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('8位') })
    expect(await c.ports.db.collection('staff').get('rev-one')).toBeNull()
  })

  test('a regulator invites only regulators and supervisors of their own region; a bank officer only by an admin', async () => {
    // 王科员 works in 鹿城区 (330302)
    expect(await err('admin', 'admin.invite.create', { role: 'regulator', name: '外区', region: '330304' }, 'demo-regulator')).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('鹿城区') })
    expect(await err('admin', 'admin.invite.create', { role: 'supervisor', name: '市里', region: '330300' }, 'demo-regulator')).toMatchObject({ code: 'FORBIDDEN' })
    expect(await err('admin', 'admin.invite.create', { role: 'bank', name: '银行', bankName: '某银行' }, 'demo-regulator')).toMatchObject({ code: 'FORBIDDEN', message: '银行客户经理只能由管理员邀请' })
    expect(await err('admin', 'admin.invite.create', { role: 'admin', name: '管', region: null }, 'demo-regulator')).toMatchObject({ code: 'FORBIDDEN' })
    expect(await err('admin', 'admin.invite.create', { role: 'regulator', name: '无区' }, 'demo-admin')).toMatchObject({ code: 'INVALID_INPUT', message: '请选择他负责的地区' })
    expect(await err('admin', 'admin.invite.create', { role: 'bank', name: '无行' }, 'demo-admin')).toMatchObject({ code: 'INVALID_INPUT', message: '请填写他所在的银行' })
    // bank officers and owners cannot invite at all
    expect((await err('admin', 'admin.invite.create', { role: 'regulator', name: 'x', region: '330302' }, 'demo-bank')).code).toBe('FORBIDDEN')
    expect((await err('admin', 'admin.invite.create', { role: 'regulator', name: 'x', region: '330302' }, 'demo-owner-1')).code).toBe('FORBIDDEN')
    // the city's supervisor invites a supervisor for a county of the city; it lists as theirs
    const ok = await invite({ role: 'supervisor', name: '县负责人', region: '330304' }, 'demo-supervisor')
    expect(ok.roleLabel).toBe('监管负责人')
    await c.ok('admin', 'admin.invite.accept', { code: ok.code }, 'new-county-sup')
    expect(await c.ports.db.collection('staff').get('new-county-sup')).toMatchObject({ role: 'regulator', supervisor: true, region: '330304' })
    const mine = await c.ok('admin', 'admin.invite.list', {}, 'demo-supervisor')
    expect(mine.items.map((i: { name: string }) => i.name)).toEqual(['县负责人'])
  })

  test('the setup code: wrong code refused, right code makes the first admin once, then it is void', async () => {
    expect(await err('admin', 'admin.setupCode.use', { code: 'WRONG', name: '部署人' }, 'first-admin')).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('安装码不对') })
    expect(await c.ports.db.collection('staff').get('first-admin')).toBeNull()
    expect(await c.ok('admin', 'admin.setupCode.use', { code: SETUP, name: '部署人' }, 'first-admin')).toEqual({ name: '部署人', roleLabel: '管理员' })
    expect((await c.ok('user', 'user.login', {}, 'first-admin')).role).toBe('admin')
    // the same person again is harmless; anyone else, with the right code, is refused
    await c.ok('admin', 'admin.setupCode.use', { code: SETUP, name: '部署人' }, 'first-admin')
    expect(await err('admin', 'admin.setupCode.use', { code: SETUP, name: '别人' }, 'second-try')).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('已经用过') })
    expect(await c.ports.db.collection('staff').get('second-try')).toBeNull()
    expect(await c.ports.db.collection('meta').get('admin-setup-code')).toMatchObject({ usedBy: 'first-admin' })
  })

  test('staff changes are audited with who and when; the last active admin cannot be demoted, suspended or removed', async () => {
    const inv = await invite({ role: 'regulator', name: '吴科员', region: '330302' })
    await c.ok('admin', 'admin.invite.accept', { code: inv.code }, 'new-wu')
    // change region, then role
    const moved = await c.ok('admin', 'admin.staff.update', { id: 'new-wu', region: '330304' }, 'demo-admin')
    expect(moved).toMatchObject({ regionName: '浙江省温州市瓯海区', role: 'regulator' })
    const promoted = await c.ok('admin', 'admin.staff.update', { id: 'new-wu', role: 'supervisor' }, 'demo-admin')
    expect(promoted.roleLabel).toBe('监管负责人')
    // a regulator may look but not change
    expect((await err('admin', 'admin.staff.update', { id: 'new-wu', suspended: true }, 'demo-regulator')).code).toBe('FORBIDDEN')
    const seen = await c.ok('admin', 'admin.staff.list', { limit: 50 }, 'demo-supervisor')
    expect(seen.canEdit).toBe(false)
    expect(seen.items.every((s: { role: string }) => s.role === 'regulator' || s.role === 'supervisor')).toBe(true)
    expect(seen.items.map((s: { name: string }) => s.name)).toContain('吴科员')

    const log = await c.ok('admin', 'admin.audit.list', { limit: 50 }, 'demo-admin')
    const texts = log.items.map((e: { actorName: string; actionLabel: string; target: string; change: string }) => `${e.actorName}|${e.actionLabel}|${e.target}|${e.change}`)
    expect(texts).toContain('系统管理员|修改工作人员|吴科员（监管人员）|地区：浙江省温州市鹿城区 → 浙江省温州市瓯海区')
    expect(texts).toContain('系统管理员|修改工作人员|吴科员（监管负责人）|角色：监管人员 → 监管负责人')
    expect(texts).toContain('吴科员|接受邀请加入|吴科员（监管人员）|')
    expect(log.items[0].at >= log.items[log.items.length - 1].at).toBe(true)
    const raw = await c.ports.db.collection('audit').find({ target: 'new-wu', action: 'staff.update' })
    expect(raw[0]).toMatchObject({ actor: 'demo-admin', role: 'admin', at: expect.any(String), before: expect.any(Object), after: expect.any(Object) })

    // the last admin: first-admin (from the setup code) and demo-admin are both admins now
    await c.ok('admin', 'admin.staff.update', { id: 'first-admin', suspended: true }, 'demo-admin')
    expect(await err('admin', 'admin.staff.update', { id: 'demo-admin', role: 'regulator', region: '330302' }, 'demo-admin')).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('至少要保留一位') })
    expect(await err('admin', 'admin.staff.update', { id: 'demo-admin', suspended: true }, 'demo-admin')).toMatchObject({ code: 'CONFLICT' })
    expect(await err('admin', 'admin.staff.remove', { id: 'demo-admin' }, 'demo-admin')).toMatchObject({ code: 'CONFLICT' })
    expect(await c.ports.db.collection('staff').get('demo-admin')).toMatchObject({ role: 'admin' })
    const audits = await c.ports.db.collection('audit').count({ target: 'first-admin', action: 'staff.suspend' })
    expect(audits).toBe(1)
    await c.ok('admin', 'admin.staff.update', { id: 'first-admin', suspended: false }, 'demo-admin')
  })

  test('a suspended staff member is refused staff actions with a clear message, and works again when resumed', async () => {
    const inv = await invite({ role: 'regulator', name: '郑科员', region: '330302' })
    await c.ok('admin', 'admin.invite.accept', { code: inv.code }, 'new-zheng')
    await c.ok('admin', 'admin.staff.update', { id: 'new-zheng', suspended: true }, 'demo-admin')
    expect(await err('admin', 'admin.market.list', {}, 'new-zheng')).toEqual({ code: 'FORBIDDEN', message: SUSPENDED })
    const login = await c.ok('user', 'user.login', {}, 'new-zheng')
    expect(login).toMatchObject({ role: 'owner', staff: null })
    await c.ok('admin', 'admin.staff.update', { id: 'new-zheng', suspended: false }, 'demo-admin')
    await c.ok('admin', 'admin.market.list', {}, 'new-zheng')
    // removed: an ordinary user again
    expect(await c.ok('admin', 'admin.staff.remove', { id: 'new-zheng' }, 'demo-admin')).toEqual({ removed: true })
    expect((await err('admin', 'admin.market.list', {}, 'new-zheng')).message).not.toBe(SUSPENDED)
    expect((await c.ok('admin', 'admin.audit.list', { limit: 5 }, 'demo-admin')).items[0]).toMatchObject({ actionLabel: '移除工作人员', target: '郑科员（监管人员）' })
  })

  test('a helper at a stall: sees the owner’s reminders and messages, is refused loans, consents and the profile; the owner removes them', async () => {
    const owner = 'demo-owner-1'
    const inv = await c.ok('admin', 'admin.helper.invite', { name: '小王' }, owner, rid())
    expect(inv).toMatchObject({ kind: 'helper', roleLabel: '店铺帮手', createdByName: '鹿城区张记面馆' })
    const offer = await c.ok('admin', 'admin.invite.show', { code: inv.code }, 'helper-wang')
    expect(offer).toMatchObject({ kind: 'helper', businessName: '鹿城区张记面馆', can: expect.stringContaining('证照提醒'), cannot: expect.stringContaining('贷款') })
    // the owner cannot accept their own; an owner with a profile cannot become someone's helper
    expect((await err('admin', 'admin.invite.accept', { code: inv.code }, owner)).message).toBe(INVITE_PROBLEMS.ownShop)
    expect((await err('admin', 'admin.invite.accept', { code: inv.code }, 'demo-owner-2')).message).toBe(INVITE_PROBLEMS.hasProfile)
    expect((await err('admin', 'admin.invite.accept', { code: inv.code }, 'demo-regulator')).message).toBe(INVITE_PROBLEMS.staffAsHelper)
    await c.ok('admin', 'admin.invite.accept', { code: inv.code }, 'helper-wang')

    // allowed: the owner's permits, annual report, inbox, run as the owner
    const permitsOwner = await c.ok('reminder', 'reminder.permit.list', {}, owner)
    const permitsHelper = await c.ok('reminder', 'reminder.permit.list', {}, 'helper-wang')
    expect(permitsHelper).toEqual(permitsOwner)
    expect(await c.ok('reminder', 'reminder.obligation.list', {}, 'helper-wang')).toEqual(await c.ok('reminder', 'reminder.obligation.list', {}, owner))
    const inboxOwner = await c.ok('reminder', 'reminder.inbox.list', { limit: 5 }, owner)
    expect((await c.ok('reminder', 'reminder.inbox.list', { limit: 5 }, 'helper-wang')).total).toBe(inboxOwner.total)
    // as themselves: login (no profile of the owner's), their own settings
    const login = await c.ok('user', 'user.login', {}, 'helper-wang')
    expect(login.profile).toBeNull()
    expect((await c.ok('admin', 'admin.helper.mine', {}, 'helper-wang')).helperOf).toMatchObject({ businessName: '鹿城区张记面馆' })

    // refused: loans, consents, the profile, stalls, complaints
    const refused: Array<[string, string, unknown]> = [
      ['loan', 'loan.products', {}],
      ['loan', 'loan.applications', {}],
      ['loan', 'loan.consent.grant', { bankId: 'wz-rcb', version: '1' }],
      ['loan', 'loan.consent.revoke', { bankId: 'wz-rcb' }],
      ['user', 'user.consent.record', { kind: 'privacy', version: '1', granted: true }],
      ['user', 'user.profile.get', {}],
      ['user', 'user.profile.save', PROFILE],
      ['user', 'user.affairs', {}],
      ['complaint', 'complaint.list', {}],
      ['reminder', 'reminder.permit.save', { name: '食品经营许可证', number: 'x', expiresOn: '2030-01-01' }],
      ['admin', 'admin.helper.invite', { name: '再邀' }]
    ]
    for (const [fn, action, payload] of refused) {
      const e = await err(fn, action, payload, 'helper-wang')
      expect([action, e]).toEqual([action, { code: 'FORBIDDEN', message: HELPER_REFUSED }])
    }
    // nothing of the owner's changed through the helper
    expect((await c.ok('user', 'user.profile.get', {}, owner)).profile.businessName).toBe('鹿城区张记面馆')

    // the audit log records the helper joining; the owner sees the helper, then removes them
    const mine = await c.ok('admin', 'admin.helper.mine', {}, owner)
    expect(mine.helpers).toEqual([{ id: inv.id, name: '小王', joinedAt: expect.any(String) }])
    expect(await c.ok('admin', 'admin.helper.remove', { id: inv.id }, owner)).toEqual({ removed: true })
    // no longer a helper: an ordinary new user (no profile of their own)
    const after = await c.call('reminder', { action: 'reminder.permit.list', payload: {} }, 'helper-wang')
    expect(after.body.ok && (after.body.data as { permits: unknown[] }).permits).toEqual([])
    expect((await c.ok('admin', 'admin.helper.mine', {}, owner)).helpers).toEqual([])
  })
})

import { userContract } from '../../src/core/user/contract'
import { LOAN_CONSENT_VERSION } from '../../src/core/loan/products'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import { testCloud, type TestCloud } from '../helpers/cloud'
import { PROFILE, profileOf } from '../helpers/fixtures'
import { verifyOwner } from '../helpers/verify'

/** 我的办事 (#14): the owner's own business gathered in one call, counting only theirs. */
describe('user.affairs', () => {
  let c: TestCloud
  const me = 'affairs-owner'
  const other = 'affairs-other'
  beforeAll(async () => {
    c = await testCloud()
    c.clock.set(new Date('2026-11-21T04:00:00Z'))
    for (const o of [me, other]) {
      await c.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, o)
      await c.ok('user', 'user.profile.save', profileOf(o), o)
      // a loan application needs a verified business (#16)
      await verifyOwner(c, o)
    }
  })
  afterAll(() => c.stop())

  const filing = (party: string) => ({ category: 'fee', party, what: '市场管理处每月另收卫生费200元，没有收据，也没有公示收费依据。', happenedOn: '2026-11-18', place: '东门农贸市场', photos: [], disclose: false })

  test('a new owner has nothing yet, and every part says so', async () => {
    const a = await c.ok('user', 'user.affairs', {}, me)
    expect(userContract['user.affairs'].output.parse(a)).toBeTruthy()
    expect(a).toEqual({
      complaints: { open: 0, total: 0 },
      loan: null,
      certificate: null,
      permits: { count: 0, expired: 0, nearest: null },
      favorites: 0,
      stallRequest: null
    })
  })

  test('counts and latest states of the owner’s own 诉求, loan, certificate, permits, favourites and stall request', async () => {
    // two 诉求, one of them closed by the regulator; another owner's does not count
    const first = await c.ok('complaint', 'complaint.submit', filing('某市场管理处'), me, 'affairs-c-0001')
    await c.ok('complaint', 'complaint.submit', filing('另一个管理处'), me, 'affairs-c-0002')
    await c.ok('complaint', 'complaint.submit', filing('别人的'), other, 'affairs-c-0003')
    await c.ok('complaint', 'complaint.staff.act', { id: first.id, expected: 'submitted', event: { type: 'reject', reason: '不属于受理范围' } }, 'demo-regulator')
    // a loan application
    await c.ok('loan', 'loan.consent.grant', { bankId: 'wz-rcb', version: LOAN_CONSENT_VERSION }, me)
    await c.ok('loan', 'loan.apply', { bankId: 'wz-rcb', productId: 'code-credit', amount: 30000, termMonths: 12, phone: '13800138000', idNumber: '11010519491231002X', confirmUnfit: true }, me, 'affairs-l-0001')
    // permits: one past its date, two ahead (the nearer one is shown)
    await c.ok('reminder', 'reminder.permit.save', { type: 'healthCert', number: 'JK-1', authority: '鹿城区疾控', issuedOn: '2025-11-01', expiresOn: '2026-11-01' }, me, 'affairs-p-0001')
    await c.ok('reminder', 'reminder.permit.save', { type: 'foodBusiness', number: 'JY-1', authority: '鹿城区市场监管局', issuedOn: '2022-01-10', expiresOn: '2027-01-09' }, me, 'affairs-p-0002')
    await c.ok('reminder', 'reminder.permit.save', { type: 'healthCert', number: 'JK-2', authority: '鹿城区疾控', issuedOn: '2026-06-01', expiresOn: '2027-05-31' }, me, 'affairs-p-0003')
    // two favourites, one read-only mark
    await c.ok('policy', 'policy.favorite', { id: 'wz-04-code-loan', favorite: true }, me)
    await c.ok('policy', 'policy.favorite', { id: 'wz-04-code-loan', favorite: true }, other)
    const feed = await c.ok('policy', 'policy.list', { limit: 3 }, me)
    await c.ok('policy', 'policy.favorite', { id: feed.items.find((p: { id: string }) => p.id !== 'wz-04-code-loan').id, favorite: true }, me)
    // a certificate, as the course stores it when the test is passed
    await c.ports.db.collection('courseCertificates').set(me, { serial: 'DYK2026000123', year: 2026, businessName: PROFILE.businessName, issuedAt: '2026-11-20T02:00:00.000Z', percent: 90 } as never)
    // a request for the stall 张记面馆 holds
    await c.ok('user', 'user.stall.request', { stallCode: 'DMA2K7' }, me, 'affairs-s-0001')

    const a = await c.ok('user', 'user.affairs', {}, me)
    expect(a).toEqual({
      complaints: { open: 1, total: 2 },
      loan: { bankName: '温州示范农商银行', productName: expect.any(String), statusLabel: '已提交', createdAt: expect.any(String) },
      certificate: { serial: 'DYK2026000123', issuedAt: '2026-11-20T02:00:00.000Z' },
      permits: { count: 3, expired: 1, nearest: { name: '食品经营许可证', expiresOn: '2027-01-09', daysLeft: 49 } },
      favorites: 2,
      stallRequest: expect.objectContaining({ stallNumber: 'A-01', status: 'pending', statusLabel: '等待审核', stallCode: 'DMA2K7' })
    })
    // the other owner sees only theirs
    expect(await c.ok('user', 'user.affairs', {}, other)).toMatchObject({ complaints: { open: 1, total: 1 }, loan: null, certificate: null, favorites: 1, stallRequest: null })
  })

  test('“today” is the China date: at 00:30 China time a permit expiring that day has 0 days left', async () => {
    c.clock.set(new Date('2027-01-08T16:30:00Z'))
    try {
      const a = await c.ok('user', 'user.affairs', {}, me)
      expect(a.permits.nearest).toEqual({ name: '食品经营许可证', expiresOn: '2027-01-09', daysLeft: 0 })
    } finally {
      c.clock.set(new Date('2026-11-21T04:00:00Z'))
    }
  })

  test('staff and callers without an identity are refused', async () => {
    for (const who of ['demo-regulator', 'demo-bank']) {
      const r = await c.call('user', { action: 'user.affairs', payload: {} }, who)
      expect(!r.body.ok && r.body.error.code).toBe('FORBIDDEN')
    }
    const anon = await c.call('user', { action: 'user.affairs', payload: {} }, null)
    expect(!anon.body.ok && anon.body.error.code).toBe('UNAUTHENTICATED')
  })
})

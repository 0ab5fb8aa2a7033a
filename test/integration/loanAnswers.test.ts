import { loanContract } from '../../src/core/loan/contract'
import { CREDIT_MIN_SCORE, LOAN_CONSENT_VERSION } from '../../src/core/loan/products'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import { testCloud, type TestCloud } from '../helpers/cloud'
import { PROFILE, profileOf } from '../helpers/fixtures'
import { verifyOwner } from '../helpers/verify'

/**
 * 码上贷 answers what it can honestly answer: which products fit (the advice read off the same
 * fits), no invented amount, and the annual report judged by when it is due, on the owner's
 * assessment and in the bank's view alike.
 */
const ID = '11010519491231002X'
const NOW = new Date('2026-11-21T02:00:00Z')
const apply = { bankId: 'wz-rcb', amount: 50000, termMonths: 12, phone: '13800138000', idNumber: ID }

type Assessment = { score: number; factors: Array<{ name: string; points: number; max: number; detail: string; raise: string | null }>; advice: string; amountNote: string; products: Array<{ id: string; name: string; fits: boolean; reasons: string[] }> }
type BankRow = { id: string; businessName: string; snapshot: { annualReport: string; productFit: { fits: boolean; reasons: string[] } | null } }

let c: TestCloud
const onboard = async (openid: string, extra: Record<string, unknown>) => {
  await c.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, openid)
  await c.ok('user', 'user.profile.save', { ...profileOf(openid), ...extra }, openid)
  // a loan application needs a verified business (#16)
  await verifyOwner(c, openid)
  await c.ok('loan', 'loan.consent.grant', { bankId: 'wz-rcb', version: LOAN_CONSENT_VERSION }, openid)
}
const assessOf = (openid: string) => c.ok<Assessment>('loan', 'loan.assess', {}, openid)
const annual = (a: Assessment) => a.factors.find((f) => f.name === '年报')!
const bankRow = async (name: string) => ((await c.ok('loan', 'loan.bank.queue', {}, 'demo-bank')).applications as BankRow[]).find((r) => r.businessName === name)!

beforeAll(async () => {
  c = await testCloud()
  // 老王 filed his 2025 report in March: the reminder page keeps that year's obligation
  c.clock.set(new Date('2026-03-01T02:00:00Z'))
  await onboard('ar-filer', { businessName: '鹿城区老王杂货店', openedOn: '2019-05-01' })
  const [o] = (await c.ok('reminder', 'reminder.obligation.list', {}, 'ar-filer')).obligations
  expect(o.reportYear).toBe(2025)
  await c.ok('reminder', 'reminder.obligation.markFiled', { id: o.id, filed: true }, 'ar-filer')
  // 老陈 was reminded of the same report from March and never marked it filed
  await onboard('ar-lapsed', { businessName: '鹿城区老陈修鞋铺', openedOn: '2019-05-01', groups: [] })
  c.clock.set(NOW)
  await onboard('ar-fresh', { businessName: '鹿城区新开水果摊', openedOn: '2026-09-10', groups: [] })
  await onboard('ar-older', { businessName: '鹿城区老李早餐店', openedOn: '2019-05-01', groups: [] })
})
afterAll(() => c.stop())

test('a business opened two months ago is not marked down for the annual report, on its assessment or in the bank’s view', async () => {
  const fresh = await assessOf('ar-fresh')
  expect(annual(fresh)).toEqual({ name: '年报', points: 10, max: 10, detail: '首份年报（2026年度）在2027年1月1日至2027年6月30日报送，现在还不用报，不扣分', raise: null })
  expect(annual(await assessOf('ar-filer'))).toMatchObject({ points: 10, detail: '2025年度年报已报送' })
  // 老李 joined in November: the 2025 report closed before the app ever asked him, so we know nothing
  expect(annual(await assessOf('ar-older'))).toMatchObject({ points: 10, detail: '2025年度年报在您使用本程序之前已截止，这里没有记录，这一项不扣分', raise: null })
  // 老陈 was reminded of it here and never marked it filed: that alone costs the points
  const lapsed = annual(await assessOf('ar-lapsed'))
  expect(lapsed).toMatchObject({ points: 0, detail: '没有记录2025年度年报已报送（2026年6月30日截止）' })
  expect(lapsed.raise).toContain('补报')

  // 创业担保贷款 fits a business in its first three years: it applies without any warning
  await c.ok('loan', 'loan.apply', { ...apply, productId: 'startup-guaranteed' }, 'ar-fresh', 'ar-fresh-1')
  await c.ok('loan', 'loan.apply', { ...apply, productId: 'startup-guaranteed', confirmUnfit: true }, 'ar-older', 'ar-older-1')
  await c.ok('loan', 'loan.apply', { ...apply, productId: 'startup-guaranteed', confirmUnfit: true }, 'ar-filer', 'ar-filer-1')
  const row = await bankRow('鹿城区新开水果摊')
  expect(row.snapshot.annualReport).toBe('首份年报（2026年度）2027年1月1日起报送，未到报送时间')
  expect(row.snapshot.productFit).toEqual({ fits: true, reasons: ['✓ 开业2个月，按本平台估算属新开办（3年以内）'] })
  expect(JSON.stringify(row)).not.toContain('未报')
  expect((await bankRow('鹿城区老李早餐店')).snapshot.annualReport).toBe('2025年度年报：本程序无记录（申请人加入前已截止），请在国家企业信用信息公示系统核实')
  expect((await bankRow('鹿城区老王杂货店')).snapshot.annualReport).toBe('2025年度年报已报送（申请人记录）')
})

test('the advice is read off the same fits as the products; no amount is estimated', async () => {
  const fresh = await assessOf('ar-fresh')
  expect(loanContract['loan.assess'].output.parse(fresh)).toBeTruthy()
  expect(Object.keys(fresh)).not.toEqual(expect.arrayContaining(['range']))
  expect(Object.keys(fresh)).not.toEqual(expect.arrayContaining(['band']))
  expect(fresh.score).toBeLessThan(CREDIT_MIN_SCORE)
  const credit = fresh.products.find((p) => p.id === 'code-credit')!
  expect(credit).toMatchObject({ fits: false, reasons: [`✗ 评估分${fresh.score}分，不到本平台推荐信用贷款的${CREDIT_MIN_SCORE}分`] })
  expect(fresh.advice).toBe('按您填写的信息，可以先了解：创业担保贷款。')
  expect(fresh.amountNote).toBe('能贷多少：这几种贷款的文件都没有写明额度，本程序不估算金额；额度和利率以银行审批为准。')

  // steady turnover and taxes: the credit loans fit, and the advice names them
  await c.ok('user', 'user.profile.save', { ...profileOf('ar-older'), businessName: '鹿城区老李早餐店', openedOn: '2019-05-01', groups: [], taxPaid: true, socialInsurance: true }, 'ar-older')
  await verifyOwner(c, 'ar-older')
  await c.ok('loan', 'loan.turnover.save', { months: Array.from({ length: 12 }, (_, i) => ({ month: `2025-${String(i + 1).padStart(2, '0')}`, amount: 60000 })) }, 'ar-older')
  const older = await assessOf('ar-older')
  const fitting = older.products.filter((p) => p.fits).map((p) => p.name)
  expect(fitting).toEqual(['个体码上贷（温州市的做法）', '银税互动贷款'])
  expect(older.advice).toBe(`按您填写的信息，可以先了解：${fitting.join('、')}。`)
})

test('a product that does not fit is applied for only once the owner has seen why; the bank sees that too', async () => {
  const refused = await c.call('loan', { action: 'loan.apply', payload: { ...apply, productId: 'code-credit' }, requestId: 'ar-fresh-2' }, 'ar-fresh')
  expect(refused.status).toBe(412)
  expect(!refused.body.ok && refused.body.error.message).toMatch(/^按您的评估，个体码上贷（温州市的做法）暂不适合您：评估分\d+分，不到本平台推荐信用贷款的30分。如仍要申请，请确认后再提交$/)
  expect((await c.ok('loan', 'loan.applications', {}, 'ar-fresh')).applications).toHaveLength(1)

  await c.ok('loan', 'loan.apply', { ...apply, productId: 'code-credit', confirmUnfit: true }, 'ar-fresh', 'ar-fresh-3')
  const rows = ((await c.ok('loan', 'loan.bank.queue', {}, 'demo-bank')).applications as Array<BankRow & { productId: string }>).filter((r) => r.businessName === '鹿城区新开水果摊')
  const unfit = rows.find((r) => r.productId === 'code-credit')!
  expect(unfit.snapshot.productFit!.fits).toBe(false)
  expect(unfit.snapshot.productFit!.reasons[0]).toMatch(/^✗ 评估分\d+分，不到本平台推荐信用贷款的30分$/)

  // declining without a reason is refused with the field named, in Chinese
  await c.ok('loan', 'loan.bank.update', { id: unfit.id, status: 'reviewing' }, 'demo-bank')
  const noReason = await c.call('loan', { action: 'loan.bank.update', payload: { id: unfit.id, status: 'declined' } }, 'demo-bank')
  expect(!noReason.body.ok && noReason.body.error.details).toEqual([{ path: 'reason', message: '请写明未通过的原因' }])
})

test('applications stored before the standing was kept are judged by the same rule at their own date', async () => {
  const legacy = (id: string, businessName: string, openedOn: string, annualReportFiled: boolean) => ({
    openid: `legacy-${id}`,
    bankId: 'wz-rcb',
    productId: 'startup-guaranteed',
    amount: 30000,
    termMonths: 12,
    phone: '13800138000',
    idNumber: ID,
    businessName,
    creditCode: PROFILE.creditCode,
    snapshot: { industry: 'foodRetail', region: '330302', openedOn, employees: 0, taxPaid: false, abnormal: false, averageTurnover: 0, months: 0, score: 13, annualReportFiled, validPermits: 0 },
    consentVersion: LOAN_CONSENT_VERSION,
    status: 'submitted',
    history: [{ status: 'submitted', at: '2026-11-01T02:00:00.000Z', note: null }],
    decision: { amount: null, annualRate: null, termMonths: null, reason: null },
    createdAt: '2026-11-01T02:00:00.000Z',
    updatedAt: '2026-11-01T02:00:00.000Z'
  })
  await c.ports.db.collection('loanApplications').set('legacy-1', legacy('1', '旧申请新开店', '2026-08-01', false) as never)
  await c.ports.db.collection('loanApplications').set('legacy-2', legacy('2', '旧申请老店', '2018-08-01', false) as never)
  const a = await bankRow('旧申请新开店')
  expect(a.snapshot).toMatchObject({ annualReport: '首份年报（2026年度）2027年1月1日起报送，未到报送时间', productFit: null })
  expect((await bankRow('旧申请老店')).snapshot.annualReport).toBe('没有记录年报已报送')
  expect(loanContract['loan.bank.queue'].output.parse(await c.ok('loan', 'loan.bank.queue', {}, 'demo-bank'))).toBeTruthy()
})

test('the first report’s window opens at 00:00 China time on 1 January and the owner is marked down only after 30 June', async () => {
  try {
    c.clock.set(new Date('2026-12-31T15:59:59Z'))
    expect(annual(await assessOf('ar-fresh')).detail).toContain('现在还不用报')
    c.clock.set(new Date('2026-12-31T16:00:00Z'))
    expect(annual(await assessOf('ar-fresh'))).toMatchObject({ points: 10, detail: '2026年度年报请在2027年6月30日前报送（免费），还没到截止日，不扣分' })
    c.clock.set(new Date('2027-06-30T15:59:59Z'))
    expect(annual(await assessOf('ar-fresh')).points).toBe(10)
    c.clock.set(new Date('2027-06-30T16:00:00Z'))
    expect(annual(await assessOf('ar-fresh'))).toMatchObject({ points: 0, detail: '没有记录2026年度年报已报送（2027年6月30日截止）' })
  } finally {
    c.clock.set(NOW)
  }
})

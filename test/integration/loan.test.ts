import { loanContract } from '../../src/core/loan/contract'
import { LOAN_CONSENT_VERSION } from '../../src/core/loan/products'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import { testCloud, type TestCloud } from '../helpers/cloud'
import { profileOf } from '../helpers/fixtures'
import { verifyOwner } from '../helpers/verify'

const ID = '11010519491231002X'
const apply = { bankId: 'wz-rcb', productId: 'code-credit', amount: 80000, termMonths: 12, phone: '13800138000', idNumber: ID }
const months = Array.from({ length: 12 }, (_, i) => ({ month: `2025-${String(i + 1).padStart(2, '0')}`, amount: 40000 + i * 1000 }))

describe('loan function over HTTP', () => {
  let c: TestCloud
  const onboard = async (openid: string, extra: Record<string, unknown> = {}) => {
    await c.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, openid)
    await c.ok('user', 'user.profile.save', { ...profileOf(openid), ...extra }, openid)
    // a loan application needs a verified business (#16)
    await verifyOwner(c, openid)
  }
  beforeAll(async () => {
    c = await testCloud()
    c.clock.set(new Date('2026-11-21T02:00:00Z'))
    await c.ports.db.collection('staff').set('bank-b', { role: 'bank', name: '李经理', region: null, bankName: '示范城市商业银行', createdAt: '' } as never)
    await onboard('loan-a', { groups: ['veteran'] })
    await onboard('loan-b', { groups: [] })
  })
  afterAll(() => c.stop())

  test('no application without the separate consent; consent is per bank, versioned, revocable', async () => {
    await c.ok('loan', 'loan.turnover.save', { months }, 'loan-a')
    const refused = await c.call('loan', { action: 'loan.apply', payload: apply }, 'loan-a')
    expect(refused.status).toBe(412)
    expect(!refused.body.ok && refused.body.error.message).toContain('温州示范农商银行')
    const old = await c.call('loan', { action: 'loan.consent.grant', payload: { bankId: 'wz-rcb', version: '2020-01-01' } }, 'loan-a')
    expect(!old.body.ok && old.body.error.code).toBe('CONFLICT')
    const granted = await c.ok('loan', 'loan.consent.grant', { bankId: 'wz-rcb', version: LOAN_CONSENT_VERSION }, 'loan-a')
    expect(granted).toMatchObject({ bankId: 'wz-rcb', granted: true, version: LOAN_CONSENT_VERSION })
    const products = await c.ok('loan', 'loan.products', {}, 'loan-a')
    expect(products.banks).toEqual([{ id: 'wz-rcb', name: '温州示范农商银行', consented: true }, { id: 'demo-bank-b', name: '示范城市商业银行', consented: false }])
    expect(products.consent.data.join('')).toContain('收款码月流水')
    // consenting to one bank does not open another
    const other = await c.call('loan', { action: 'loan.apply', payload: { ...apply, bankId: 'demo-bank-b' } }, 'loan-a')
    expect(!other.body.ok && other.body.error.code).toBe('PRECONDITION_FAILED')
  })

  test('the assessment explains every factor and which products fit', async () => {
    const a = await c.ok('loan', 'loan.assess', {}, 'loan-a')
    expect(loanContract['loan.assess'].output.parse(a)).toBeTruthy()
    expect(a.averageTurnover).toBe(45500)
    expect(a.disclaimer).toContain('不是贷款承诺')
    expect(a.products.find((p: { id: string }) => p.id === 'veteran')).toMatchObject({ fits: true, reasons: ['✓ 您是退役军人'] })
    expect((await c.ok('loan', 'loan.assess', {}, 'loan-b')).products.find((p: { id: string }) => p.id === 'veteran').fits).toBe(false)
  })

  test('applying twice with one requestId creates one application; the owner follows its status', async () => {
    const first = await c.ok('loan', 'loan.apply', apply, 'loan-a', 'loan-apply-0001')
    const again = await c.ok('loan', 'loan.apply', apply, 'loan-a', 'loan-apply-0001')
    expect(again).toEqual(first)
    const mine = await c.ok('loan', 'loan.applications', {}, 'loan-a')
    expect(mine.applications).toHaveLength(1)
    expect(mine.applications[0]).toMatchObject({ status: 'submitted', statusLabel: '已提交', bankName: '温州示范农商银行' })
  })

  test('the bank officer sees only their bank’s applications, masked; moves them with the required fields', async () => {
    const queue = await c.ok('loan', 'loan.bank.queue', {}, 'demo-bank')
    expect(queue.applications).toHaveLength(1)
    const app = queue.applications[0]
    expect(app.phone).toBe('138****8000')
    expect(app.idNumber).toBe('1101**********002X')
    expect(JSON.stringify(queue)).not.toContain('13800138000')
    expect(JSON.stringify(queue)).not.toContain(ID)
    expect(app.snapshot).toMatchObject({ averageTurnover: 45500, months: 12 })
    // the other bank sees nothing, and cannot touch it
    expect((await c.ok('loan', 'loan.bank.queue', {}, 'bank-b')).applications).toEqual([])
    const foreign = await c.call('loan', { action: 'loan.bank.update', payload: { id: app.id, status: 'reviewing' } }, 'bank-b')
    expect(!foreign.body.ok && foreign.body.error.code).toBe('NOT_FOUND')
    // required fields per step; illegal jumps refused
    const skip = await c.call('loan', { action: 'loan.bank.update', payload: { id: app.id, status: 'disbursed' } }, 'demo-bank')
    expect(!skip.body.ok && skip.body.error.code).toBe('CONFLICT')
    await c.ok('loan', 'loan.bank.update', { id: app.id, status: 'reviewing' }, 'demo-bank')
    const noNote = await c.call('loan', { action: 'loan.bank.update', payload: { id: app.id, status: 'needInfo' } }, 'demo-bank')
    expect(!noNote.body.ok && noNote.body.error.details).toEqual([{ path: 'note', message: '请写明需要补充什么材料' }])
    const noRate = await c.call('loan', { action: 'loan.bank.update', payload: { id: app.id, status: 'approved', amount: 60000 } }, 'demo-bank')
    expect(!noRate.body.ok && noRate.body.error.details![0].path).toBe('annualRate')
    const approved = await c.ok('loan', 'loan.bank.update', { id: app.id, status: 'approved', amount: 60000, annualRate: 4.35, termMonths: 12 }, 'demo-bank')
    expect(approved.decision).toEqual({ amount: 60000, annualRate: 4.35, termMonths: 12, reason: null })
    // the owner sees it, and got an inbox message at each change
    const mine = await c.ok('loan', 'loan.applications', {}, 'loan-a')
    expect(mine.applications[0].history.map((h: { status: string }) => h.status)).toEqual(['submitted', 'reviewing', 'approved'])
    const inbox = await c.ok('reminder', 'reminder.inbox.list', {}, 'loan-a')
    expect(inbox.messages.filter((m: { title: string }) => m.title.startsWith('贷款申请')).map((m: { title: string }) => m.title)).toEqual(['贷款申请已批准', '贷款申请审核中', '贷款申请已提交'])
    expect(inbox.messages[0].body).toContain('60000元，年利率4.35%')
  })

  test('a revoked consent blocks new applications', async () => {
    await c.ok('loan', 'loan.consent.revoke', { bankId: 'wz-rcb' }, 'loan-a')
    const r = await c.call('loan', { action: 'loan.apply', payload: { ...apply, amount: 20000 } }, 'loan-a')
    expect(!r.body.ok && r.body.error.code).toBe('PRECONDITION_FAILED')
    expect((await c.ok('loan', 'loan.products', {}, 'loan-a')).banks[0].consented).toBe(false)
  })

  test('roles: owners cannot use the bank queue; bank officers cannot apply; bad ID numbers are refused', async () => {
    for (const action of ['loan.bank.queue', 'loan.bank.update']) {
      const r = await c.call('loan', { action, payload: {} }, 'loan-b')
      expect(!r.body.ok && r.body.error.code).toBe('FORBIDDEN')
    }
    expect((await c.call('loan', { action: 'loan.bank.queue', payload: {} }, 'demo-regulator')).status).toBe(403)
    expect((await c.call('loan', { action: 'loan.apply', payload: apply }, 'demo-bank')).status).toBe(403)
    const badId = await c.call('loan', { action: 'loan.apply', payload: { ...apply, idNumber: '110105194912310021' } }, 'loan-b')
    expect(!badId.body.ok && badId.body.error.details).toEqual([{ path: 'idNumber', message: '身份证号最后一位校验不对，请核对' }])
  })

  test('turnover: future months refused; a bank statement file is imported by month', async () => {
    const future = await c.call('loan', { action: 'loan.turnover.save', payload: { months: [{ month: '2027-01', amount: 1 }] } }, 'loan-b')
    expect(!future.body.ok && future.body.error.code).toBe('INVALID_INPUT')
    const r = await c.ok('loan', 'loan.turnover.import', { csv: '日期,金额\n2026-09-01,1000\n2026-09-15,2000\n2026-10-01,500' }, 'loan-b')
    expect(r).toEqual({ months: [{ month: '2026-09', amount: 3000 }, { month: '2026-10', amount: 500 }], lines: 4, skipped: 1 })
    const junk = await c.call('loan', { action: 'loan.turnover.import', payload: { csv: 'hello\nworld' } }, 'loan-b')
    expect(!junk.body.ok && junk.body.error.message).toContain('没有从文件里读到')
  })
})

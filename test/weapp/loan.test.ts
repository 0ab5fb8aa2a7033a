import { LOAN_CONSENT_VERSION } from '../../src/core/loan/products'
import { testCloud, type TestCloud } from '../helpers/cloud'
import { requireWeappBuild, withSim } from './helpers'
import { BANK, OWNER } from './pages'
import { weappShot } from './screenshot'

/**
 * 码上贷 in the simulated WeChat: the button asks the question the answer answers, a product that
 * does not fit warns (naming why) before it is applied for, and the bank officer confirms each
 * decision the applicant is told about.
 */
let cloud: TestCloud
const ID = '11010519491231002X'
type Fit = { id: string; name: string; fits: boolean }

beforeAll(async () => {
  requireWeappBuild()
  cloud = await testCloud()
  await cloud.ok('loan', 'loan.consent.grant', { bankId: 'wz-rcb', version: LOAN_CONSENT_VERSION }, OWNER)
})
afterAll(async () => {
  await cloud?.stop()
})

test('码上贷: 看看我适合哪种贷款 answers with the fitting products and no amount; an unfit product asks first, and 换一个 sends nothing', async () => {
  await withSim(
    cloud,
    OWNER,
    '/loan/pages/index/index',
    async (sim) => {
      expect(sim.text()).not.toContain('评估我能贷多少')
      await sim.tap('填流水，看看我适合哪种贷款')
      expect(sim.page.route).toBe('loan/pages/assess/index')
      // the help text sits above the box it talks about
      const text = sim.text()
      expect(text.indexOf('把银行导出的流水复制到下面的框里')).toBeLessThan(text.indexOf('粘贴银行流水，如：2026-10-03,1280.00'))
      await sim.input('turnover-', '40000')
      await sim.tap('保存流水，看看适合哪种贷款')
      expect(sim.errors).toEqual([])
      const result = sim.text()
      expect(result).toMatch(/评估 \d+ 分（满分100，我们的估算）/)
      expect(result).toContain('能贷多少：这几种贷款的文件都没有写明额度，本程序不估算金额')
      expect(result).toContain('按您填写的信息，可以先了解：')
      expect(result).not.toContain('暂不建议')
      expect(result).not.toMatch(/参考额度|可贷\d/)
      await weappShot(sim, 'loan-assess-result')

      // the picker lists fitting products first and marks the others
      const assessed = await cloud.ok('loan', 'loan.assess', {}, OWNER)
      const ranked = [...(assessed.products as Fit[])].sort((a, b) => Number(b.fits) - Number(a.fits))
      const unfit = ranked.findIndex((p) => p.id === 'startup-guaranteed')
      expect(ranked[unfit].fits).toBe(false)
      await sim.pick('银行', 0)
      await sim.pick('产品', unfit)
      expect(sim.text()).toContain('创业担保贷款（暂不适合）')
      await sim.input('loanAmount', '50000')
      await sim.input('loanPhone', '13800138000')
      await sim.input('loanId', ID)

      await sim.tap('提交申请')
      expect(sim.modals).toHaveLength(1)
      expect(sim.modals[0].title).toBe('这个产品暂不适合您')
      expect(sim.modals[0].content).toMatch(/^按您填写的信息，创业担保贷款暂不适合：这项面向开业3年以内的新开办个体户；您已经营.+，用不上。仍要申请吗？银行会按自己的条件审核。$/)
      expect((await cloud.ok('loan', 'loan.applications', {}, OWNER)).applications).toEqual([])
      expect(sim.page.route).toBe('loan/pages/assess/index')
      expect(sim.text()).toContain('创业担保贷款（暂不适合）')

      // asked again, the owner goes ahead: it is sent, and the bank will know it did not fit
      await sim.tap('提交申请')
      expect(sim.modals).toHaveLength(2)
      expect(sim.errors).toEqual([])
      expect(sim.page.route).toBe('loan/pages/index/index')
      expect(sim.text()).toContain('创业担保贷款')
    },
    { modalAnswers: [false, true] }
  )
  const [app] = (await cloud.ok('loan', 'loan.applications', {}, OWNER)).applications
  expect(app).toMatchObject({ productId: 'startup-guaranteed', amount: 50000, status: 'submitted' })
})

test('bank officer: 拒绝 without a reason says so next to the box; 拒绝 and 批准 ask first, naming the business; 再想想 changes nothing', async () => {
  const apply = { bankId: 'wz-rcb', productId: 'veteran', amount: 60000, termMonths: 12, phone: '13800138000', idNumber: ID }
  await cloud.ok('loan', 'loan.apply', apply, OWNER, 'weapp-bank-0001')
  await cloud.ok('loan', 'loan.apply', { ...apply, amount: 30000 }, OWNER, 'weapp-bank-0002')
  const status = async (amount: number) => ((await cloud.ok('loan', 'loan.bank.queue', {}, BANK)).applications as Array<{ amount: number; status: string }>).find((a) => a.amount === amount)!.status

  await withSim(
    cloud,
    BANK,
    '/staff/pages/loans/index',
    async (sim) => {
      // newest first: the 30000 one leads
      expect(sim.text()).toContain('鹿城区张记面馆 · 退役军人创业贷款（拥军贷、戎创贷等） · 30000元/12个月')
      expect(sim.text()).toContain('年报：')
      await sim.tap('拒绝', 0)
      expect(sim.modals).toEqual([])
      expect(sim.text()).toContain('请写明未通过的原因，申请人会看到')
      await weappShot(sim, 'loan-bank-reason-error')

      await sim.input('bankNote', '近3个月流水不足，暂不符合条件')
      expect(sim.text()).not.toContain('请写明未通过的原因')
      await sim.tap('拒绝', 0)
      expect(sim.modals[0]).toEqual({ title: '拒绝这份申请？', content: '鹿城区张记面馆，原因：近3个月流水不足，暂不符合条件。拒绝后会通知申请人，不能撤回。' })
      expect(await status(30000)).toBe('submitted')

      await sim.tap('拒绝', 0)
      expect(sim.modals).toHaveLength(2)
      expect(await status(30000)).toBe('declined')

      // the other one: review (no question asked), then approve with a rate
      await sim.tap('开始审核', 0)
      expect(sim.modals).toHaveLength(2)
      expect(await status(60000)).toBe('reviewing')
      await sim.tap('批准')
      expect(sim.modals).toHaveLength(2)
      expect(sim.text()).toContain('请填写年利率')
      await sim.input('如 4.35', '4.35')
      await sim.tap('批准')
      expect(sim.modals[2]).toEqual({ title: '批准这笔贷款？', content: '鹿城区张记面馆：60000元，年利率4.35%，12个月。批准后会通知申请人，不能撤回。' })
      expect(await status(60000)).toBe('approved')
      expect(sim.errors).toEqual([])
    },
    { modalAnswers: [false, true, true] }
  )
})

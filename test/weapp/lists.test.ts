import type { Doc } from '../../cloudfunctions/common/ports'
import { chinaDate } from '../../src/core/common/time'
import { LOAN_CONSENT_VERSION } from '../../src/core/loan/products'
import { testCloud, type TestCloud } from '../helpers/cloud'
import { requireWeappBuild, withSim } from './helpers'
import { walk } from './render'
import { BANK, OWNER, REGULATOR } from './pages'
import { weappShot } from './screenshot'

/**
 * In the simulated WeChat: the lists that grow show how many there are and 加载更多 brings the
 * next page; a refused filing (too many too fast) says when to try again and keeps the form.
 */
let cloud: TestCloud
const FILING = { category: 'fee', party: '东门农贸市场管理处', what: '市场管理处每月另收卫生费200元，没有收据，也没有公示收费依据。', happenedOn: '2026-11-02', place: '东门农贸市场', photos: [], disclose: false }
const CODE = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
const trackingOf = (n: number) => `SQ20261101${Array.from({ length: 6 }, (_, i) => CODE[Math.floor(n / CODE.length ** i) % CODE.length]).join('')}`

beforeAll(async () => {
  requireWeappBuild()
  cloud = await testCloud()
  // 10:03 China on the phone's own day (the form's 发生日期 defaults to the phone's today)
  cloud.clock.set(new Date(`${chinaDate(new Date())}T10:03:00+08:00`))
  // 30 of the demo owner's complaints: the workbench and the owner's list need two pages
  const model = await cloud.ok('complaint', 'complaint.submit', FILING, OWNER, 'weapp-lists-model')
  const template = (await cloud.ports.db.collection<Doc & Record<string, unknown>>('complaints').get(model.id))!
  for (let i = 1; i <= 29; i++) {
    const at = new Date(Date.parse('2026-11-01T01:00:00Z') + i * 3600_000).toISOString()
    await cloud.ports.db.collection('complaints').add({ ...template, _id: trackingOf(i), party: `第${i}家管理处`, createdAt: at, updatedAt: at } as never)
  }
  // 25 applications to the demo bank
  await cloud.ok('loan', 'loan.consent.grant', { bankId: 'wz-rcb', version: LOAN_CONSENT_VERSION }, OWNER)
  const real = await cloud.ok('loan', 'loan.apply', { bankId: 'wz-rcb', productId: 'code-credit', amount: 20000, termMonths: 12, phone: '13800138000', idNumber: '11010519491231002X', confirmUnfit: true }, OWNER, 'weapp-lists-loan')
  const app = (await cloud.ports.db.collection<Doc & Record<string, unknown>>('loanApplications').get(real.id))!
  for (let i = 1; i <= 24; i++) {
    const at = new Date(Date.parse('2026-11-01T01:00:00Z') + i * 3600_000).toISOString()
    await cloud.ports.db.collection('loanApplications').add({ ...app, _id: `weapp-app-${i}`, businessName: `第${i}户申请人`, amount: 10000 + i, createdAt: at } as never)
  }
})
afterAll(async () => {
  await cloud?.stop()
})

describe('加载更多 in the simulated WeChat', () => {
  test('the 诉求 workbench: 20 at first with how many in all, then the rest', async () => {
    const total = await cloud.ports.db.collection('complaints').count({})
    expect(total).toBeGreaterThan(20)
    await withSim(cloud, REGULATOR, '/staff/pages/complaints/index', async (sim) => {
      let text = sim.text()
      expect(text).toContain(`共${total}条`)
      expect(text).toContain(`已显示20条，共${total}条`)
      expect(text).not.toContain('第1家管理处')
      await weappShot(sim, 'lists-01-workbench-first-page')
      await sim.tap('加载更多')
      expect(sim.errors).toEqual([])
      text = sim.text()
      // the oldest of them, which a fixed first page never showed
      expect(text).toContain('第1家管理处')
      expect(text).toContain(`已全部显示，共${total}条`)
      expect(text).not.toContain('加载更多')
      await weappShot(sim, 'lists-02-workbench-all-loaded')
    })
  })

  test('the owner’s 诉求 list and the bank queue page the same way; care mode too', async () => {
    await withSim(cloud, OWNER, '/complaint/pages/index/index', async (sim) => {
      expect(sim.text()).toContain('我提交的诉求（共30条）')
      await sim.tap('加载更多')
      expect(sim.errors).toEqual([])
      expect(sim.text()).toContain('第1家管理处')
      expect(sim.text()).toContain('已全部显示，共30条')
    })
    await cloud.ok('user', 'user.settings.save', { careMode: true }, BANK)
    try {
      await withSim(cloud, BANK, '/staff/pages/loans/index', async (sim) => {
        expect(sim.text()).toContain('共25份')
        expect(sim.text()).toContain('已显示20份，共25份')
        expect(sim.text()).not.toContain('第1户申请人')
        await weappShot(sim, 'lists-03-bank-queue-care')
        await sim.tap('加载更多')
        expect(sim.errors).toEqual([])
        expect(sim.text()).toContain('第1户申请人')
        expect(sim.text()).toContain('已全部显示，共25份')
      })
    } finally {
      await cloud.ok('user', 'user.settings.save', { careMode: false }, BANK)
    }
  })

  test('政策 → 全部: how many, and 加载更多 brings the next cards', async () => {
    await withSim(cloud, OWNER, '/pages/policy/index', async (sim) => {
      await sim.tap('全部')
      const all = await cloud.ok('policy', 'policy.list', { limit: 50 }, OWNER)
      expect(sim.text()).toContain(`共${all.total}条`)
      const last = all.items[all.items.length - 1].title as string
      expect(sim.text()).not.toContain(last)
      for (let i = 0; i < 5 && sim.text().includes('加载更多'); i++) await sim.tap('加载更多')
      expect(sim.errors).toEqual([])
      expect(sim.text()).toContain(last)
      expect(sim.text()).toContain(`已全部显示，共${all.total}条`)
    })
  })
})

describe('too many filings at once', () => {
  test('the sixth 诉求 in ten minutes is refused with when to try again; everything typed stays', async () => {
    // the model filing above was one; four more in this window
    for (let i = 0; i < 4; i++) await cloud.ok('complaint', 'complaint.submit', FILING, OWNER, `weapp-lists-more-${i}`)
    await withSim(cloud, OWNER, '/complaint/pages/new/index', async (sim) => {
      await sim.tap('违规收费')
      await sim.input('如：某某市场管理处', '城南小商品市场管理处')
      await sim.input('什么时候、谁、做了什么', '每个摊位每月另收管理费100元，没有收据也没有公示依据。')
      await sim.tap('提交')
      expect(sim.errors).toEqual([])
      expect(sim.page.route).toBe('complaint/pages/new/index')
      const text = sim.text()
      expect(text).toContain('提交太频繁了，请在10:10以后再试')
      expect(text).toContain('城南小商品市场管理处')
      expect(text).toContain('每个摊位每月另收管理费100元')
      await weappShot(sim, 'lists-04-complaint-rate-limited')
    })
    expect((await cloud.ok('complaint', 'complaint.list', {}, OWNER)).total).toBe(34)
  })

  test('a fourth loan application in ten minutes is refused with when; the form keeps what was typed', async () => {
    // one applied above in this window; two more make three
    for (let i = 0; i < 2; i++) await cloud.ok('loan', 'loan.apply', { bankId: 'wz-rcb', productId: 'code-credit', amount: 30000 + i, termMonths: 12, phone: '13800138000', idNumber: '11010519491231002X', confirmUnfit: true }, OWNER, `weapp-lists-loan-${i}`)
    const stored = () => cloud.ports.db.collection('loanApplications').count({ openid: OWNER })
    const before = await stored()
    await withSim(cloud, OWNER, '/loan/pages/assess/index', async (sim) => {
      await sim.input('turnover-', '40000')
      await sim.tap('保存流水，看看适合哪种贷款')
      await sim.pick('银行', 0)
      // the first product listed fits (fitting ones come first): no warning to answer
      await sim.pick('产品', 0)
      await sim.input('loanAmount', '50000')
      await sim.input('loanPhone', '13900139000')
      await sim.input('loanId', '11010519491231002X')
      await sim.tap('提交申请')
      expect(sim.errors).toEqual([])
      expect(sim.page.route).toBe('loan/pages/assess/index')
      const text = sim.text()
      expect(text).toContain('提交太频繁了，请在10:10以后再试。填好的内容都还在，到时再点一次提交就行')
      const values = [...walk(sim.render())].filter((n) => n.tag === 'wx-input').map((n) => String(n.attr.value ?? ''))
      for (const v of ['50000', '13900139000', '11010519491231002X']) expect(values).toContain(v)
      await weappShot(sim, 'lists-05-loan-rate-limited')
    })
    expect(await stored()).toBe(before)
  })
})

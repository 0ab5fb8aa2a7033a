import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import { seedDecision, WUHAN } from '../helpers/classification'
import { testCloud, type TestCloud } from '../helpers/cloud'
import { profileOf } from '../helpers/fixtures'
import { requireWeappBuild, withSim } from './helpers'
import { weappShot } from './screenshot'

/**
 * The yearly 分型 (#18) in the simulated WeChat: a 武汉 household sees its 2026 decision on 首页 and
 * in 我的分型, the estimate apart as 估算, and files an 异议 in the third quarter (a too-short
 * reason is refused in words and stays typed); normal and 关怀模式.
 */
let cloud: TestCloud

beforeAll(async () => {
  requireWeappBuild()
  cloud = await testCloud()
  cloud.clock.set(new Date('2026-08-10T02:00:00Z'))
})
afterAll(async () => {
  await cloud?.stop()
})

for (const care of [false, true]) {
  test(`owner${care ? ' (关怀模式)' : ''}: the decided type and the estimate apart; an 异议 filed`, async () => {
    const who = `weapp-yearly${care ? '-care' : ''}`
    await cloud.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, who)
    await cloud.ok('user', 'user.profile.save', profileOf(who, { businessName: '江岸区老周热干面', region: WUHAN, employees: 2, taxPaid: true, openedOn: '2023-03-15' }), who)
    if (care) await cloud.ok('user', 'user.settings.save', { careMode: true }, who)
    await seedDecision(cloud.ports.db, who, 2026, 'survival')
    await withSim(cloud, who, '/pages/index/index', async (sim) => {
      expect(sim.text()).toContain('2026年分型结果 · 2026-07-01集中判定')
      expect(sim.text()).toContain('估算（按您现在的档案）：成长型，与判定结果不同')
      await weappShot(sim, `yearly-home${care ? '-care' : ''}`)
      await sim.tap(/估算（按您现在的档案）/)
      expect(sim.page.route).toBe('classification/pages/index/index')
      expect(sim.text()).toContain('2026年分型结果')
      expect(sim.text()).toContain('对于“生存型”个体工商户')
      expect(sim.text()).toContain('估算：按您现在的档案')
      expect(sim.text()).toContain('估算 · 成长型')
      expect(sim.text()).toContain('在每年个体工商户年度报告结束后(7月1日)')
      await sim.input('写明您认为分型不对的理由', '雇了')
      await sim.tap('提出异议')
      expect(sim.text()).toContain('请写明您认为分型不对的理由（至少5个字）')
      await sim.input('写明您认为分型不对的理由', '我今年雇了两个人，也开始纳税了')
      await weappShot(sim, `yearly-objection-form${care ? '-care' : ''}`)
      await sim.tap('提出异议')
      expect(sim.text()).toContain('待复核')
      expect(sim.text()).toContain('您的理由：我今年雇了两个人，也开始纳税了')
      expect(sim.errors).toEqual([])
      await weappShot(sim, `yearly-objection-filed${care ? '-care' : ''}`)
    })
  })
}

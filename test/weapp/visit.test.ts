import { testCloud, type TestCloud } from '../helpers/cloud'
import { requireWeappBuild, withSim } from './helpers'
import { REGULATOR } from './pages'
import { weappShot } from './screenshot'

/**
 * 走访问需 (#17) in the simulated WeChat: the regulator scans a stall with 扫码走访 (the 小程序码's
 * page path), records a visit with a follow-up, and finds the follow-up in 跟进事项; a stall code
 * opened by a regulator goes to the visit form, never onboarding.
 */
let cloud: TestCloud

beforeAll(async () => {
  requireWeappBuild()
  cloud = await testCloud()
})
afterAll(async () => {
  await cloud?.stop()
})

for (const care of [false, true]) {
  test(`扫码走访${care ? ' (关怀模式)' : ''}: scan a stall, record a visit, the follow-up is listed`, async () => {
    if (care) await cloud.ok('user', 'user.settings.save', { careMode: true }, REGULATOR)
    const title = care ? '帮办卫生许可证延续' : '帮联系银行了解码上贷'
    await withSim(
      cloud,
      REGULATOR,
      '/staff/pages/visitlist/index',
      async (sim) => {
        expect(sim.text()).toContain('走访名单')
        expect(sim.text()).toContain('登记在册、从未加入')
        await weappShot(sim, `visit-list${care ? '-care' : ''}`)
        await sim.tap('扫码走访')
        expect(sim.page.route).toBe('staff/pages/visit/index')
        expect(sim.text()).toContain('东门农贸市场')
        expect(sim.text()).toContain('摊位 A-01')
        expect(sim.text()).toContain('鹿城区张记面馆')
        expect(sim.text()).toContain('核验状态')
        // nothing chosen: refused in words
        await sim.tap('保存走访记录')
        expect(sim.text()).toContain('请至少选一项需求，或写下走访情况')
        await sim.tap('融资')
        await sim.input('needText', '想添一台冷柜，缺两万元')
        await sim.input('help', '讲了个体码上贷和贴息政策')
        await sim.tap('+ 添加跟进事项')
        await sim.input('followupTitle0', title)
        await weappShot(sim, `visit-form${care ? '-care' : ''}`)
        await sim.tap('保存走访记录')
        expect(sim.text()).toContain('走访已记录')
        expect(sim.text()).toContain('建了1个跟进事项')
        // the past visits now show this one
        expect(sim.text()).toContain('需求：想添一台冷柜，缺两万元')
        await weappShot(sim, `visit-saved${care ? '-care' : ''}`)
        await sim.tap('查看跟进事项')
        expect(sim.page.route).toBe('staff/pages/followups/index')
        expect(sim.text()).toContain(title)
        expect(sim.text()).toContain('负责 王科员')
        await weappShot(sim, `visit-followups${care ? '-care' : ''}`)
        expect(sim.errors).toEqual([])
      },
      { scanResult: 'pages/onboard/index?scene=DMA2K7' }
    )
    expect(await cloud.ports.db.collection('followups').count({ title })).toBe(1)
  })
}

test('a stall code opened by a regulator lands on the visit form, not onboarding', async () => {
  await withSim(cloud, REGULATOR, '/pages/onboard/index?scene=DMB3P8', async (sim) => {
    await sim.settle()
    expect(sim.page.route).toBe('staff/pages/visit/index')
    expect(sim.text()).toContain('保存走访记录')
    expect(sim.text()).not.toContain('个人信息保护告知书')
    expect(sim.errors).toEqual([])
  })
})

test('a problem seen on a visit: 发违规提示 opens the hint form for that household, and the hint says it came from a visit', async () => {
  const due = new Date(Date.now() + 8 * 3600_000 + 5 * 86_400_000).toISOString().slice(0, 10)
  const what = `走访发现冷柜温度计坏了${Date.now() % 100000}`
  await withSim(cloud, REGULATOR, '/pages/onboard/index?scene=DMA2K7', async (sim) => {
    await sim.settle()
    expect(sim.page.route).toBe('staff/pages/visit/index')
    await sim.tap('发违规提示')
    expect(sim.page.route).toBe('staff/pages/hints/index')
    expect(sim.text()).toContain('走访中发现的问题：发送违规提示')
    // the household is filled in from the visit; nothing else is
    await sim.tap('发送提示')
    expect(sim.text()).not.toContain('请填统一社会信用代码')
    expect(sim.text()).toContain('请写清楚要整改什么')
    await sim.input('hintRule', '《食品安全法》第五十四条')
    await sim.input('hintWhat', what)
    await sim.pick('整改期限', due)
    await weappShot(sim, 'visit-hint-form')
    await sim.tap('发送提示')
    expect(sim.errors).toEqual([])
  })
  const sent = (await cloud.ports.db.collection('complianceHints').find({ what }, { limit: 2 })) as unknown as Array<{ _id: string; from: string; dueDate: string }>
  expect(sent).toHaveLength(1)
  expect(sent[0]).toMatchObject({ from: 'visit', dueDate: due })
  const staffView = await cloud.ok('notice', 'notice.hint.staffGet', { id: sent[0]._id }, REGULATOR)
  expect(staffView.fromLabel).toBe('走访时发出')
})

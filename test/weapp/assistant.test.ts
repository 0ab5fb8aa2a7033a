import { testCloud, type TestCloud } from '../helpers/cloud'
import { requireWeappBuild, withSim } from './helpers'
import { OWNER, REGULATOR } from './pages'
import { weappShot } from './screenshot'

/**
 * 问一问 (#19) in the simulated WeChat: an owner opens it from 首页, asks with an example, reads the
 * cited cards and opens the source; a question with no reliable answer goes 转人工; the regulator
 * replies (it lands in the owner's 消息) and publishes it as an FAQ, which answers the next owner.
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
  test(`问一问${care ? ' (关怀模式)' : ''}: an example question, cited cards, the source page`, async () => {
    await cloud.ok('user', 'user.settings.save', { careMode: care }, OWNER)
    await withSim(cloud, OWNER, '/pages/index/index', async (sim) => {
      await sim.tap('有不懂的，直接问：贷款、年报、健康证…')
      expect(sim.page.route).toBe('assistant/pages/index/index')
      expect(sim.text()).toContain('大家常问')
      await weappShot(sim, `assistant-ask${care ? '-care' : ''}`)
      await sim.tap(care ? '健康证多久换一次' : '我是退役军人开小吃店，能贷款吗')
      const t = sim.text()
      expect(t).toContain('找到3条')
      expect(t).toContain('原文：')
      expect(t).toContain('出处：')
      if (!care) {
        // 甘州区's 2024 notice has ended: said so, in the policy pages' words
        expect(t).toContain('退役军人创业担保贷款贴息')
        expect(t).toContain('已过期')
      } else expect(t).toContain('从业人员健康证明')
      await weappShot(sim, `assistant-answer${care ? '-care' : ''}`)
      await sim.tap(care ? '去证照提醒' : '看这条政策')
      expect(sim.page.route).toBe(care ? 'reminder/pages/permits/index' : 'policy/pages/detail/index')
      expect(sim.errors).toEqual([])
    })
  })
}

test('没有找到可靠的答案 → 转人工 → the reply in 消息 → published as an FAQ, it answers the next owner', async () => {
  await cloud.ok('user', 'user.settings.save', { careMode: false }, OWNER)
  const question = '东门市场晚上几点关大门'
  await withSim(cloud, OWNER, '/assistant/pages/index/index', async (sim) => {
    // too short: said in words, nothing lost
    await sim.input('q', '门')
    await sim.tap('问一问')
    expect(sim.text()).toContain('请把问题写完整一些')
    await sim.input('q', question)
    await sim.tap('问一问')
    expect(sim.text()).toContain('没有找到可靠的答案')
    expect(sim.text()).toContain('看不到您的姓名和微信')
    await sim.tap('转人工')
    expect(sim.text()).toContain('已转给您所在地区的工作人员')
    await weappShot(sim, 'assistant-handoff')
    expect(sim.errors).toEqual([])
  })
  const reply = '东门农贸市场每天晚上8点关大门，早上5点开门。'
  await withSim(cloud, REGULATOR, '/staff/pages/home/index', async (sim) => {
    await sim.tap('问一问·群众提问')
    expect(sim.page.route).toBe('staff/pages/questions/index')
    expect(sim.text()).toContain(question)
    expect(sim.text()).toContain('鹿城区')
    expect(sim.text()).not.toContain('张记')
    await sim.tap('回复')
    await sim.input('reply', reply)
    await weappShot(sim, 'assistant-staff-reply')
    await sim.tap('发送回复')
    expect(sim.text()).toContain('已回复，经营者会在“消息”里收到')
    await sim.tap('全部')
    await sim.tap('发布为常见问题')
    await sim.tap('发布')
    expect(sim.text()).toContain('已发布为常见问题')
    await weappShot(sim, 'assistant-staff-published')
    expect(sim.errors).toEqual([])
  })
  const inbox = await cloud.ok('reminder', 'reminder.inbox.list', { limit: 20 }, OWNER)
  expect(inbox.messages.some((m: { body: string }) => m.body.includes(reply))).toBe(true)
  await withSim(cloud, 'demo-owner-2', '/assistant/pages/index/index', async (sim) => {
    await sim.input('q', question)
    await sim.tap('问一问')
    expect(sim.text()).toContain(`常见问题：${question}`)
    expect(sim.text()).toContain(reply)
    await weappShot(sim, 'assistant-faq')
    expect(sim.errors).toEqual([])
  })
})

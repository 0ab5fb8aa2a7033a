import { testCloud, type TestCloud } from '../helpers/cloud'
import { jpegFile, requireWeappBuild, withSim } from './helpers'
import { NEW_SHOP, OWNER, REGULATOR } from './pages'
import { weappShot } from './screenshot'

/** 名特优新 in dist/weapp as WeChat runs it: the owner applies with a photo and sees the state; the 公示 page lists it. */
let cloud: TestCloud
beforeAll(async () => {
  requireWeappBuild()
  cloud = await testCloud()
})
afterAll(async () => {
  cloud.clock.set(null)
  await cloud?.stop()
})

test('the owner applies with a photo and sees 待审核; after 推荐 the 公示 page lists the business', async () => {
  cloud.clock.set(new Date('2026-12-01T02:00:00Z'))
  await withSim(cloud, OWNER, '/recog/pages/index/index', async (sim) => {
    expect(sim.text()).toContain('还没有认定')
    await sim.tap('特色')
    expect(sim.text()).toContain('传承非物质文化遗产')
    // too short: said under the box, nothing sent
    await sim.tap('提交申报')
    expect(sim.text()).toContain('至少20个字')
    await sim.input('如：经营了多少年、用什么传统手艺、得过什么荣誉、顾客怎么评价', '本店1998年开业，手工拉面坚持传统做法二十多年，是东门一带的老字号。')
    await sim.tap('+ 加照片')
    expect(sim.calls.filter((c) => c === 'cloud.uploadFile')).toHaveLength(1)
    await sim.tap('提交申报')
    expect(sim.errors).toEqual([])
    const text = sim.text()
    expect(text).toContain('已提交“特色”类申报')
    expect(text).toContain('待审核')
    await weappShot(sim, 'recog-apply')
  }, { mediaFiles: [jpegFile(100 * 1024)] })

  const [a] = (await cloud.ok('recognition', 'recognition.mine', {}, OWNER)).applications
  expect(a.photos).toHaveLength(1)
  await cloud.ok('recognition', 'recognition.staff.act', { id: a.id, expected: 'submitted', event: { type: 'recommend', reason: '手工拉面二十余年' } }, REGULATOR)

  await withSim(cloud, OWNER, '/recog/pages/index/index', async (sim) => {
    expect(sim.text()).toContain('公示中')
    expect(sim.text()).toContain('公示期：2026-12-01 至 2026-12-07')
  })
  await withSim(cloud, NEW_SHOP, '/recog/pages/public/index', async (sim) => {
    const text = sim.text()
    expect(text).toContain('鹿城区张记面馆')
    expect(text).toContain('推荐理由：手工拉面二十余年')
    await sim.tap('对这一户提出异议')
    await sim.input('请写明您认为不符合的理由和事实', '门口长期占道摆桌，不应评为特色')
    await sim.tap('提交异议')
    expect(sim.errors).toEqual([])
    expect(sim.text()).toContain('已收到您的异议')
    await weappShot(sim, 'recog-public')
  })
  expect((await cloud.ok('recognition', 'recognition.get', { id: a.id }, OWNER)).objections.count).toBe(1)
})

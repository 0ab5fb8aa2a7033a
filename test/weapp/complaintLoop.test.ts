import { testCloud, type TestCloud } from '../helpers/cloud'
import { jpegFile, requireWeappBuild, withSim } from './helpers'
import { OWNER, REGULATOR } from './pages'
import { weappShot } from './screenshot'

/**
 * The owner's own moves on a 诉求 in dist/weapp as WeChat runs it (test/weapp/sim.ts): material
 * with a photo through chooseMedia → cloud.uploadFile, an urge once the deadline has passed, and
 * 撤回 behind WeChat's confirmation dialog (answered 不撤回 first, then 撤回).
 */
let cloud: TestCloud

beforeAll(async () => {
  requireWeappBuild()
  cloud = await testCloud()
})
afterAll(async () => {
  cloud.clock.set(null)
  await cloud?.stop()
})

const FILING = {
  category: 'fee',
  party: '城南小商品市场管理处',
  what: '11月1日起每个摊位每月另收管理费100元，没有收据也没有公示依据。',
  happenedOn: '2026-11-02',
  place: '东门农贸市场A-01摊位',
  photos: [],
  disclose: false
}

test('补充材料 with a photo, 催办 after the deadline, then 撤回 after WeChat’s confirmation', async () => {
  // filed Fri 20 Nov 2026; opened Wed 2 Dec, the day after the last day to accept
  cloud.clock.set(new Date('2026-11-20T02:00:00Z'))
  const { id } = await cloud.ok('complaint', 'complaint.submit', FILING, OWNER, 'weapp-loop-file')
  cloud.clock.set(new Date('2026-12-02T02:00:00Z'))
  const photo = jpegFile(200 * 1024)

  await withSim(cloud, OWNER, `/complaint/pages/detail/index?id=${id}`, async (sim) => {
    const before = sim.text()
    expect(before).toContain('提交补充材料')
    expect(before).toContain('撤回诉求')
    expect(before).toContain('0/1000字')

    // nothing written and no photo: said under the form, nothing sent
    await sim.tap('提交补充材料')
    expect(sim.text()).toContain('请写下要补充的内容，或加一张照片')

    await sim.input('有新的情况或证据', '11月25日管理处又收了一次，这次给了收据，照片附上。')
    expect(sim.text()).toContain('27/1000字')
    await sim.tap('+ 加照片')
    expect(sim.calls).toContain('chooseMedia')
    expect(sim.calls.filter((c) => c === 'cloud.uploadFile')).toHaveLength(1)
    await sim.tap('提交补充材料')
    expect(sim.errors).toEqual([])
    expect(sim.toasts).toContain('已补充，已告知办理人员')
    const added = sim.text()
    expect(added).toContain('这次给了收据，照片附上。')
    expect(added).toContain('还可以补充9次')

    // the section title reads 催办 too: the button is the second
    await sim.tap('催办', 1)
    expect(sim.errors).toEqual([])
    expect(sim.toasts).toContain('已催办')
    expect(sim.text()).toContain('已于12月2日 10:00催办，已通知办理人员和监管负责人。12月3日起可以再次催办。')
    await weappShot(sim, '30-complaint-supplement-urge')

    await sim.input('撤回的原因', '管理处已经把钱退了')
    // 不撤回: nothing changes
    await sim.tap('撤回诉求')
    expect(sim.modals.map((m) => m.title)).toEqual(['撤回这条诉求？'])
    expect(sim.text()).toContain('撤回诉求')
    expect((await cloud.ok('complaint', 'complaint.get', { id }, OWNER)).status).toBe('submitted')
    // 撤回
    await sim.tap('撤回诉求')
    expect(sim.modals).toHaveLength(2)
    expect(sim.errors).toEqual([])
    const after = sim.text()
    expect(after).toContain('已撤回')
    expect(after).toContain('撤回原因：管理处已经把钱退了')
    expect(after).not.toContain('提交补充材料')
    await weappShot(sim, '31-complaint-withdrawn')
  }, { mediaFiles: [photo], modalAnswers: [false, true] })

  const stored = await cloud.ok('complaint', 'complaint.get', { id }, OWNER)
  expect(stored.status).toBe('withdrawn')
  const supplement = stored.timeline.find((t: { kind: string }) => t.kind === 'supplement')
  expect(supplement.photos).toHaveLength(1)

  // the officer's workbench in WeChat: the material with its photo, the urge, the withdrawal
  await withSim(cloud, REGULATOR, `/staff/pages/complaint/index?id=${id}`, async (sim) => {
    const text = sim.text()
    expect(text).toContain('补充材料')
    expect(text).toContain('这次给了收据')
    expect(text).toContain('反映人已在受理前撤回这条诉求')
    expect(text).not.toContain('不予受理')
    expect(sim.errors).toEqual([])
  })
})

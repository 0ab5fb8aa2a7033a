import { testCloud, type TestCloud } from '../helpers/cloud'
import { MONITOR_NOW, seedMonitor } from '../helpers/monitor'
import { requireWeappBuild, withSim } from './helpers'
import { weappShot } from './screenshot'

/**
 * 监测分析 in the simulated WeChat, as 上城区's regulator over the seed of test/helpers/monitor.ts
 * (上城区 holds only that seed's documents: two households, one 诉求, one visit).
 */
let cloud: TestCloud
beforeAll(async () => {
  requireWeappBuild()
  cloud = await testCloud()
  cloud.clock.set(new Date(MONITOR_NOW))
  await seedMonitor(cloud.ports.db)
})
afterAll(async () => {
  await cloud?.stop()
})

const REG_B = 'mon-reg-b'

test('the dashboard renders its figures and charts; a figure taps through to its list, which exports to WeChat’s document viewer', async () => {
  await withSim(cloud, REG_B, '/staff/pages/monitor/index', async (sim) => {
    const text = sim.text()
    expect(text).toContain('监测分析 · 浙江省杭州市上城区')
    // this month so far, on the server's clock
    expect(text).toContain('2026-11-01')
    expect(text).toContain('2026-11-20')
    expect(text).toMatch(/已加入\s*2户/)
    expect(text).toMatch(/期间收到\s*1件/)
    // the charts drew on their Canvas 2D nodes: labels and figures, and the numbers are text too
    const drawn = sim.canvasesOf().flatMap((c) => c.texts.map((t) => t.text))
    // the trend's months, the pie's labelled slices, the bar's categories
    expect(drawn).toEqual(expect.arrayContaining(['6月', '11月', '生存型 1户', '成长型 1户', '违规收费', '市场秩序']))
    expect(text).toMatch(/分型（我们的估计）[\s\S]*生存型\s*1户/)
    await weappShot(sim, 'monitor-dashboard')

    await sim.tap('已加入')
    expect(sim.page.route).toBe('staff/pages/monitor/list')
    const list = sim.text()
    expect(list).toContain('已加入的个体户 · 共2条')
    expect(list).toContain('湖滨*果')
    expect(list).toContain('上城*酒')
    expect(list).not.toContain('张记')
    await weappShot(sim, 'monitor-list')

    await sim.tap('导出Excel')
    expect(sim.calls).toEqual(expect.arrayContaining(['downloadFile', 'openDocument']))
    expect(sim.openedDocuments).toEqual([expect.objectContaining({ fileType: 'xlsx', showMenu: true })])
    expect(sim.text()).toMatch(/已打开：已加入的个体户.*\.xlsx/)
  })
})

test('服务月报告 shows seed 002’s figures for the period with the report’s words', async () => {
  await withSim(cloud, REG_B, '/staff/pages/monitor/index', async (sim) => {
    await sim.tap('服务月报告')
    const text = sim.text()
    expect(text).toContain('服务月报告 2026-11-01 至 2026-11-20')
    expect(text).toMatch(/走访个体工商户\s*1户/)
    expect(text).toContain('“共走访个体工商户XX0余户”')
    await sim.tap('导出服务月报告')
    expect(sim.openedDocuments).toHaveLength(1)
  })
})

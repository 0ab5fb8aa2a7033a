import ExcelJS from 'exceljs'
import { readFileSync } from 'node:fs'
import { phonePage } from '../helpers/browser'
import { e2eEnvironment, shot, visible } from '../helpers/e2e'
import { MONITOR_NOW, seedMonitor } from '../helpers/monitor'

const env = e2eEnvironment()

/**
 * 监测分析 in Chromium, as 上城区's regulator over the seed of test/helpers/monitor.ts: the
 * dashboard with its charts drawn, a figure's list, and the list exported and opened with exceljs.
 */
beforeAll(async () => {
  env.cloud.clock.set(new Date(MONITOR_NOW))
  await seedMonitor(env.cloud.ports.db)
})

test.each([
  ['normal', false],
  ['care', true]
])('the dashboard (%s type): figures, three charts drawn, a tap-through list and its Excel file', async (name, care) => {
  const problems: string[] = []
  await env.cloud.ok('user', 'user.settings.save', { careMode: care }, 'mon-reg-b')
  const page = await phonePage(env.browser, 'mon-reg-b')
  page.on('pageerror', (e) => problems.push(e.message))
  await page.goto(`${env.cloud.url}/#/staff/pages/monitor/index`)
  await visible(page, '#fig-households', '2户').waitFor()
  if (care) await visible(page, '.page.care').first().waitFor()
  expect(await visible(page, '#monitorFrom-value').innerText()).toBe('2026-11-01')
  expect(await visible(page, '#fig-complaints').innerText()).toBe('1件')
  // ECharts drew each chart on a canvas with pixels in it
  const canvases = visible(page, '.monitor canvas')
  await canvases.nth(2).waitFor()
  const inked = await canvases.evaluateAll((els) => (els as HTMLCanvasElement[]).map((c) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data
    let n = 0
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++
    return n
  }))
  expect(inked.length).toBeGreaterThanOrEqual(3)
  for (const n of inked) expect(n).toBeGreaterThan(500)
  await page.waitForTimeout(800) // ECharts' entry animation, for the screenshot only
  await shot(page, `monitor-dashboard-${name}`)
  // further down: the figures with how they were counted, then the 服务月 report
  await visible(page, '#fig-acceptDays').scrollIntoViewIfNeeded()
  await page.screenshot({ path: `test-artifacts/e2e/monitor-figures-${name}.png` })
  await visible(page, '.btn', '服务月报告').click()
  await visible(page, '.section__title', '服务月报告 2026-11-01 至 2026-11-20').scrollIntoViewIfNeeded()
  await page.screenshot({ path: `test-artifacts/e2e/monitor-service-${name}.png` })

  await visible(page, '.cell', '已加入').first().click()
  await visible(page, '.monitor-row__title', '湖滨*果').waitFor()
  const rows = await visible(page, '.monitor-row__title').allInnerTexts()
  expect(rows.sort()).toEqual(['上城*酒', '湖滨*果'])
  await page.waitForTimeout(600) // Taro's page slide-in, for the screenshot only
  await shot(page, `monitor-list-${name}`)

  const [download] = await Promise.all([page.waitForEvent('download'), visible(page, '.btn', '导出Excel').click()])
  expect(download.suggestedFilename()).toMatch(/^已加入的个体户_.*上城区_2026-11-01至2026-11-20-20261120\.xlsx$/)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(readFileSync((await download.path())!) as never)
  const values: unknown[][] = []
  wb.worksheets[0].eachRow((r) => values.push((r.values as unknown[]).slice(1)))
  const header = values.findIndex((r) => r[0] === '名称（已隐去部分）')
  expect(values.slice(header + 1).map((r) => r[0])).toEqual(['上城*酒', '湖滨*果'])
  expect(JSON.stringify(values)).not.toContain('张记')
  await visible(page, '#monitor-status', '已下载').waitFor()
  expect(problems).toEqual([])
  await page.context().close()
})

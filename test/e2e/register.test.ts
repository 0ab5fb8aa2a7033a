import ExcelJS from 'exceljs'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { creditCodeCheckChar } from '../../src/core/user/creditCode'
import { phonePage } from '../helpers/browser'
import { e2eEnvironment, shot, visible } from '../helpers/e2e'

/**
 * #16 登记名录 on a 390×844 phone: a regulator imports an Excel export through the browser's file
 * input, sees the problem rows, imports and finds the result; normal and care mode.
 */
const env = e2eEnvironment()

const code = (n: number) => {
  const first17 = `92330302${String(n).padStart(9, '0')}`
  return first17 + creditCodeCheckChar(first17)
}

async function workbook(rows: unknown[][]): Promise<string> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('个体工商户')
  ws.addRow(['鹿城区个体工商户名录'])
  ws.addRow(['统一社会信用代码', '个体工商户名称', '经营者姓名', '经营场所', '成立日期', '登记状态', '所属市场'])
  for (const r of rows) ws.addRow(r)
  const path = join(mkdtempSync(join(tmpdir(), 'e2e-register-')), '鹿城区名录.xlsx')
  await wb.xlsx.writeFile(path)
  return path
}

async function importFile(page: Page, path: string) {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), visible(page, '.btn', '选择文件').click()])
  await chooser.setFiles(path)
  await visible(page, '.section__title', '文件检查结果').waitFor()
}

test('a regulator imports an Excel register: preview with problem rows, 确认导入, progress, done; then care mode', async () => {
  const problems: string[] = []
  const path = await workbook([
    [code(8001), '鹿城区浏览器导入面馆', '黄大伟', '东门街20号', new Date(Date.UTC(2022, 5, 1)), '存续（在营、开业、在册）', '东门农贸市场'],
    [code(8002), '鹿城区浏览器导入果铺', '吴丽', '东门街21号', '2023/7/8', '在业', '城南小商品市场'],
    [code(8003).slice(0, 17) + (code(8003)[17] === '0' ? '1' : '0'), '校验错的店', '郑某', '东门街22号', '2023-01-01', '存续', ''],
    [code(8001), '重复的店', '冯某', '东门街23号', '2023-01-01', '存续', ''],
    [code(8004), '不存在市场的店', '何某', '东门街24号', '2023-01-01', '存续', '西门市场']
  ])
  const page = await phonePage(env.browser, 'demo-regulator')
  page.on('pageerror', (e) => problems.push(e.message))
  await page.goto(`${env.cloud.url}/#/staff/pages/register/index`)
  await visible(page, '.btn', '选择文件').waitFor()
  await shot(page, '90-register-start')
  await importFile(page, path)
  const body = await page.locator('body').innerText()
  expect(body).toContain('鹿城区名录.xlsx')
  expect(body).toContain('第5行 · 统一社会信用代码：信用代码校验不通过（第18位校验码不对）')
  expect(body).toContain('第6行 · 统一社会信用代码：文件里重复（与第3行）')
  expect(body).toContain('第7行 · 所属市场：没有找到市场“西门市场”')
  expect(body).toContain('黄*伟')
  expect(body).not.toContain('黄大伟')
  await shot(page, '91-register-preview')
  await visible(page, '.btn', '确认导入（2行）').click()
  await visible(page, '.section__title', '导入完成').waitFor()
  expect(await page.locator('body').innerText()).toContain('已处理 2 / 2 户（100%）')
  await shot(page, '92-register-done')
  expect(await env.cloud.ports.db.collection('register').get(code(8002))).toMatchObject({ name: '鹿城区浏览器导入果铺', marketId: 'demo-market-2', registeredOn: '2023-07-08' })

  // a wrong file type is refused before any upload; the page keeps working
  const txt = join(mkdtempSync(join(tmpdir(), 'e2e-register-')), '名录.pdf')
  require('node:fs').writeFileSync(txt, '%PDF-1.4')
  await visible(page, '.btn', '再导入一个文件').click()
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), visible(page, '.btn', '选择文件').click()])
  await chooser.setFiles(txt)
  await visible(page, '.notice', '文件类型不对').waitFor()
  await page.close()

  // care mode: the same import, larger type, nothing off the screen
  await env.cloud.ok('user', 'user.settings.save', { careMode: true }, 'demo-regulator')
  try {
    const care = await phonePage(env.browser, 'demo-regulator')
    care.on('pageerror', (e) => problems.push(e.message))
    await care.goto(`${env.cloud.url}/#/staff/pages/register/index`)
    await visible(care, '.page.care').waitFor()
    await importFile(care, path)
    await shot(care, '93-register-preview-care')
    const wide = await care.evaluate(() => document.documentElement.scrollWidth)
    expect(wide).toBeLessThanOrEqual(390)
    await care.close()
  } finally {
    await env.cloud.ok('user', 'user.settings.save', { careMode: false }, 'demo-regulator')
  }
  expect(problems).toEqual([])
})

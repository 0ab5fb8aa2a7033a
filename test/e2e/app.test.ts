import type { Page } from 'playwright-core'
import { PROFILE } from '../helpers/fixtures'
import { phonePage, pickInOpenPicker } from '../helpers/browser'
import { e2eEnvironment, shot } from '../helpers/e2e'

const env = e2eEnvironment()

async function open(openid: string, path: string): Promise<Page> {
  const page = await phonePage(env.browser, openid)
  const problems: string[] = []
  page.on('pageerror', (e) => problems.push(e.message))
  await page.goto(path.startsWith('http') ? path : `${env.cloud.url}/${path}`)
  ;(page as unknown as { problems: string[] }).problems = problems
  return page
}
const problemsOf = (page: Page) => (page as unknown as { problems: string[] }).problems

test('an owner scans a stall QR code, accepts the notice, fixes a wrong credit code and lands on 首页 with the type', async () => {
  // the URL that the stall's printed QR code encodes, as a regulator would print it
  const sheet = await env.cloud.ok('admin', 'admin.qr.sheet', { marketId: 'demo-market-2' }, 'demo-regulator')
  const b01 = sheet.items.find((i: { number: string }) => i.number === 'B-01')
  const page = await open('e2e-new-owner', b01.target)

  await page.locator('#stall-card').getByText('城南小商品市场').waitFor()
  await page.locator('#stall-card').getByText('摊位 B-01').waitFor()
  await page.locator('#privacy-notice').getByText('个人信息保护告知书').waitFor()
  await shot(page, '01-owner-stall-and-notice')

  await page.getByText('我已阅读并同意').click()
  await page.locator('#profile-form').waitFor()
  expect(await page.locator('#region-value').first().textContent()).toBe('浙江省温州市鹿城区')

  const good = PROFILE.creditCode
  const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1')
  await page.locator('input[name=businessName]').fill('鹿城区阿强水果摊')
  await page.locator('input[name=creditCode]').fill(bad)
  await page.locator('#industry-value').click()
  await pickInOpenPicker(page, [{ column: 0, steps: 1 }])
  expect(await page.locator('#industry-value').innerText()).toBe('食品销售')
  await page.locator('#openedOn-value').click()
  await pickInOpenPicker(page, [{ column: 0, steps: -2 }])
  expect(await page.locator('#openedOn-value').innerText()).toMatch(/^\d{4}-\d{2}-\d{2}$/)
  await page.locator('input[name=employees]').fill('2')
  await page.locator('#revenueBand-value').click()
  await pickInOpenPicker(page, [{ column: 0, steps: 1 }])
  await page.getByText('保存档案').click()

  const codeError = page.locator('#error-creditCode')
  await codeError.waitFor()
  expect(await codeError.innerText()).toContain('第18位校验码不对')
  await shot(page, '02-owner-bad-credit-code')

  await page.locator('input[name=creditCode]').fill(good)
  await page.getByText('保存档案').click()
  const card = page.locator('#business-card')
  await card.waitFor()
  expect(await card.innerText()).toContain('鹿城区阿强水果摊')
  expect(await card.innerText()).toContain('城南小商品市场 · 摊位 B-01')
  expect(await card.innerText()).toContain('成长型')
  await shot(page, '03-owner-home-with-type')

  // the profile is on the server, bound to the stall
  const saved = await env.cloud.ok('user', 'user.profile.get', {}, 'e2e-new-owner')
  expect(saved.profile.creditCode).toBe(good)
  expect(saved.stall.number).toBe('B-01')

  // the welcome message is in the local outbox, shown in the H5 build
  await page.goto(`${env.cloud.url}/#/dev/pages/outbox/index`)
  await page.getByText('建档成功').first().waitFor()
  await shot(page, '04-outbox')
  expect(problemsOf(page)).toEqual([])
})

test('a regulator creates a market and stalls and sees the printable QR sheet', async () => {
  const page = await open('demo-regulator', '#/staff/pages/markets/index')
  await page.getByText('东门农贸市场').waitFor()
  await page.locator('input[name=marketName]').fill('西山果蔬市场')
  await page.locator('input[name=marketAddress]').fill('鹿城区西山路9号')
  await page.getByText('新建市场', { exact: true }).last().click()
  const market = page.locator('.cell__label', { hasText: '西山果蔬市场' })
  await market.waitFor()
  await market.click()

  await page.locator('input[name=rangePrefix]').fill('C-')
  await page.locator('input[name=rangeFrom]').fill('1')
  await page.locator('input[name=rangeTo]').fill('3')
  await page.getByText('按编号添加摊位').click()
  await page.locator('.cell', { hasText: '西山果蔬市场' }).getByText('3个摊位').waitFor()
  await shot(page, '05-regulator-markets')

  await page.getByText('查看并打印二维码').click()
  await page.locator('.qrsheet__item').nth(2).waitFor()
  const numbers = await page.locator('.qrsheet__number').allInnerTexts()
  expect(numbers).toEqual(['摊位 C-01', '摊位 C-02', '摊位 C-03'])
  // every image really loaded (a broken image has naturalWidth 0)
  await page.waitForFunction(() => {
    const imgs = Array.from(document.querySelectorAll('.qrsheet__img img')) as HTMLImageElement[]
    return imgs.length === 3 && imgs.every((i) => i.complete && i.naturalWidth > 0)
  })
  // and is shown whole: a cropped code may not scan
  const boxes = await page.locator('.qrsheet__item').evaluateAll((items) =>
    items.map((item) => {
      const img = item.querySelector('img')!.getBoundingClientRect()
      const cell = item.getBoundingClientRect()
      return { inside: img.left >= cell.left && img.right <= cell.right && img.top >= cell.top && img.bottom <= cell.bottom, width: img.width }
    })
  )
  for (const b of boxes) expect(b).toEqual({ inside: true, width: expect.any(Number) })
  await shot(page, '06-regulator-qr-sheet')
  expect(problemsOf(page)).toEqual([])
})

test('关怀模式 switched on in 我的 enlarges text on every page and survives a reload', async () => {
  const page = await open('demo-owner-2', '#/pages/me/index')
  const label = page.locator('.cell__label').first()
  await label.waitFor()
  const size = async () => parseFloat(await label.evaluate((el) => getComputedStyle(el).fontSize))
  const before = await size()
  await page.locator('#care-switch').click()
  await page.locator('.page.care').first().waitFor()
  expect(await size()).toBeGreaterThan(before * 1.15)
  await shot(page, '07-care-mode-me')

  await page.locator('.taro-tabbar__tabbar').getByText('首页').click()
  await page.locator('#business-card').waitFor()
  expect(await page.locator('.page.care').count()).toBeGreaterThan(0)
  await shot(page, '08-care-mode-home')

  await page.reload()
  await page.locator('#business-card').waitFor()
  expect(await page.locator('.page.care').count()).toBeGreaterThan(0)
  expect((await env.cloud.ok('user', 'user.login', {}, 'demo-owner-2')).settings.careMode).toBe(true)
  expect(problemsOf(page)).toEqual([])
})

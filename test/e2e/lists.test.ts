import type { Page } from 'playwright-core'
import type { Doc } from '../../cloudfunctions/common/ports'
import { chinaDate } from '../../src/core/common/time'
import { phonePage } from '../helpers/browser'
import { e2eEnvironment, shot, visible } from '../helpers/e2e'

/**
 * In Chromium (H5 build, 390×844): the workbench and the policy list say how many there are and
 * 加载更多 brings the rest; a 诉求 refused as too frequent says when and keeps the form. Normal
 * and 关怀模式.
 */
const env = e2eEnvironment()
const FILING = { category: 'fee', party: '东门农贸市场管理处', what: '市场管理处每月另收卫生费200元，没有收据，也没有公示收费依据。', happenedOn: '2026-11-02', place: '东门农贸市场', photos: [], disclose: false }
const CODE = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'
const trackingOf = (n: number) => `SQ20261101${Array.from({ length: 6 }, (_, i) => CODE[Math.floor(n / CODE.length ** i) % CODE.length]).join('')}`
const setCare = (openid: string, careMode: boolean) => env.cloud.ok('user', 'user.settings.save', { careMode }, openid)

/** The foot of the list on screen, for the picture (scrolling there may load the next page). */
async function footShot(page: Page, name: string) {
  await visible(page, '.load-more').scrollIntoViewIfNeeded()
  await page.waitForTimeout(300)
  await shot(page, name)
}

/**
 * The whole page in one picture without scrolling (which would load the next page): the viewport
 * is made as tall as the page for the picture, then put back.
 */
async function wholePage(page: Page, name: string) {
  const height = await page.evaluate(() => Math.max(...[...document.querySelectorAll<HTMLElement>('.page')].filter((p) => p.offsetParent).map((p) => p.scrollHeight)))
  await page.setViewportSize({ width: 390, height: Math.max(844, Math.ceil(height)) })
  await page.waitForTimeout(200)
  await shot(page, name)
  await page.setViewportSize({ width: 390, height: 844 })
}

beforeAll(async () => {
  // 29 older complaints beside one filed now: the workbench needs two pages
  const model = await env.cloud.ok('complaint', 'complaint.submit', FILING, 'demo-owner-1', 'e2e-lists-model')
  const template = (await env.cloud.ports.db.collection<Doc & Record<string, unknown>>('complaints').get(model.id))!
  for (let i = 1; i <= 29; i++) {
    const at = new Date(Date.parse('2026-11-01T01:00:00Z') + i * 3600_000).toISOString()
    await env.cloud.ports.db.collection('complaints').add({ ...template, _id: trackingOf(i), party: `第${i}家管理处`, createdAt: at, updatedAt: at } as never)
  }
})

test('the 诉求 workbench: how many, 加载更多, all shown; the same in 关怀模式', async () => {
  const problems: string[] = []
  const total = await env.cloud.ports.db.collection('complaints').count({})
  for (const care of [false, true]) {
    await setCare('demo-regulator', care)
    const reg = await phonePage(env.browser, 'demo-regulator')
    reg.on('pageerror', (e) => problems.push(e.message))
    await reg.goto(`${env.cloud.url}/#/staff/pages/complaints/index`)
    if (care) await reg.locator('.page.care').first().waitFor()
    await visible(reg, '.section__title', `共${total}条`).waitFor()
    expect(await visible(reg, '.staff-complaint').count()).toBe(20)
    expect(await visible(reg, '.load-more__count').innerText()).toBe(`已显示20条，共${total}条`)
    await wholePage(reg, care ? '60-workbench-load-more-care' : '60-workbench-load-more')
    if (!care) {
      // the button (tapped where it is: scrolling to it would load the page by itself)
      await visible(reg, '.load-more .btn', '加载更多').evaluate((el) => (el as HTMLElement).click())
    } else {
      // scrolling to the bottom loads the next page by itself
      await visible(reg, '.load-more').scrollIntoViewIfNeeded()
    }
    await visible(reg, '.staff-complaint', '第1家管理处').waitFor()
    expect(await visible(reg, '.staff-complaint').count()).toBe(total)
    expect(await visible(reg, '.load-more__count').innerText()).toBe(`已全部显示，共${total}条`)
    expect(await visible(reg, '.load-more .btn').count()).toBe(0)
    await footShot(reg, care ? '61-workbench-all-shown-care' : '61-workbench-all-shown')
    await reg.context().close()
  }
  await setCare('demo-regulator', false)
  expect(problems).toEqual([])
})

test('政策 → 全部: 加载更多 until every policy is on the page', async () => {
  const problems: string[] = []
  const owner = await phonePage(env.browser, 'demo-owner-1')
  owner.on('pageerror', (e) => problems.push(e.message))
  await owner.goto(`${env.cloud.url}/#/pages/policy/index`)
  await visible(owner, '.policy-tab', '全部').click()
  const all = await env.cloud.ok('policy', 'policy.list', { limit: 50 }, 'demo-owner-1')
  await visible(owner, '#policy-count', `共${all.total}条`).waitFor()
  await shot(owner, '62-policy-all-count')
  for (let i = 0; i < 5 && (await visible(owner, '.load-more .btn', '加载更多').count()); i++) {
    const before = await owner.locator('#policy-list > *').count()
    await visible(owner, '.load-more .btn', '加载更多').click()
    await owner.waitForFunction((n) => document.querySelectorAll('#policy-list > *').length > n, before)
  }
  expect(await visible(owner, '.load-more__count').innerText()).toBe(`已全部显示，共${all.total}条`)
  expect(await owner.locator('#policy-list > *').count()).toBe(all.total)
  await footShot(owner, '62-policy-all-shown')
  expect(problems).toEqual([])
})

test('a 诉求 refused as too frequent says when to try again and keeps everything typed; 关怀模式 too', async () => {
  const who = 'demo-owner-2'
  // 10:03 China on the browser's own day (the form's 发生日期 is the phone's today)
  env.cloud.clock.set(new Date(`${chinaDate(new Date())}T10:03:00+08:00`))
  // five filed in this ten-minute window already (the limit is five)
  for (let i = 0; i < 5; i++) await env.cloud.ok('complaint', 'complaint.submit', FILING, who, `e2e-lists-rate-${i}`)
  const refused = await env.cloud.call<unknown>('complaint', { action: 'complaint.submit', payload: FILING, requestId: 'e2e-lists-rate-probe' }, who)
  const message = (refused.body as { error: { message: string } }).error.message
  expect(message).toBe('提交太频繁了，请在10:10以后再试')
  for (const care of [false, true]) {
    await setCare(who, care)
    const owner = await phonePage(env.browser, who)
    await owner.goto(`${env.cloud.url}/#/complaint/pages/new/index`)
    if (care) await owner.locator('.page.care').first().waitFor()
    await visible(owner, '.chip', '违规收费').click()
    await visible(owner, 'input[name=party]').fill('城南小商品市场管理处')
    await visible(owner, 'textarea[name=what]').fill('每个摊位每月另收管理费100元，没有收据也没有公示依据。')
    await visible(owner, '.btn', '提交').click()
    const notice = visible(owner, '#form-error')
    await notice.waitFor()
    expect(await notice.innerText()).toBe(`${message}。填好的内容都还在，到时再点一次提交就行`)
    expect(await visible(owner, 'input[name=party]').inputValue()).toBe('城南小商品市场管理处')
    expect(await visible(owner, 'textarea[name=what]').inputValue()).toContain('每个摊位每月另收管理费100元')
    await notice.scrollIntoViewIfNeeded()
    await shot(owner, care ? '63-complaint-rate-limited-care' : '63-complaint-rate-limited')
    await owner.context().close()
  }
  await setCare(who, false)
  env.cloud.clock.set(null)
})

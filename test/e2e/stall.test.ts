import type { Page } from 'playwright-core'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import { phonePage } from '../helpers/browser'
import { e2eEnvironment, shot, visible } from '../helpers/e2e'
import { PROFILE } from '../helpers/fixtures'
import { demoCreditCode } from '../../scripts/local-cloud/demo'

/**
 * #14 on a 390×844 phone: a second owner scanning a stall another owner holds (A-01, 张记面馆), the
 * regulator's decision, 我的办事 on 我的, and the staff market forms; each in normal and care mode.
 */
const env = e2eEnvironment()

async function open(openid: string, path: string, problems: string[]): Promise<Page> {
  const page = await phonePage(env.browser, openid)
  page.on('pageerror', (e) => problems.push(e.message))
  await page.goto(`${env.cloud.url}/${path}`)
  return page
}

async function onboard(openid: string, businessName: string, n: number) {
  await env.cloud.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, openid)
  await env.cloud.ok('user', 'user.profile.save', { ...PROFILE, businessName, creditCode: demoCreditCode('330302', `MA8E2E00${n}`) }, openid)
}

/** Waits for a toast to go (Taro's H5 toast hides itself), so a screenshot shows the page under it. */
const toastGone = (page: Page) =>
  page.waitForFunction(() => Array.from(document.querySelectorAll('.taro__toast')).every((el) => getComputedStyle(el).display === 'none' || getComputedStyle(el).opacity === '0'))

/** Nothing on the page is wider than the phone (a clipped button or a row running off the screen). */
async function fitsPhone(page: Page) {
  const wide = await page.evaluate(() => {
    const out: string[] = []
    for (const el of Array.from(document.querySelectorAll('.page *'))) {
      const r = el.getBoundingClientRect()
      if (r.width && (r.right > window.innerWidth + 1 || r.left < -1)) out.push(`${el.className}: ${Math.round(r.left)}–${Math.round(r.right)}`)
    }
    return out
  })
  expect(wide).toEqual([])
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
}

test('a second owner scanning a held stall is told (never who) and asks to have it; a newcomer sees the same', async () => {
  const problems: string[] = []
  // a newcomer without a profile: told at once, above the notice they must accept first
  const fresh = await open('e2e-stall-newcomer', '#/pages/onboard/index?scene=DMA2K7', problems)
  await visible(fresh, '#stall-held').waitFor()
  expect(await visible(fresh, '#stall-held').innerText()).toContain('这个摊位已由另一户经营者绑定')
  await visible(fresh, '.chip', '申请转到我名下').click()
  expect(await visible(fresh, '#stall-held').innerText()).toContain('原经营者会收到通知')
  await shot(fresh, '70-stall-held-newcomer')
  expect(await fresh.locator('body').innerText()).not.toContain('张记面馆')

  // an owner who already has a profile asks from the card at once
  await onboard('e2e-stall-second', '鹿城区小何炒货', 1)
  const page = await open('e2e-stall-second', '#/pages/onboard/index?scene=DMA2K7', problems)
  const held = visible(page, '#stall-held')
  await held.waitFor()
  const body = await page.locator('body').innerText()
  expect(body).toContain('为保护对方隐私，这里不显示对方的信息')
  for (const secret of ['张记面馆', 'MA2H7K3L1']) expect(body).not.toContain(secret)
  // this market allows one business per stall: no 作为另一户绑定
  expect(await visible(page, '#stall-held .chip').allInnerTexts()).toEqual(['申请转到我名下', '先不绑定'].map((t) => expect.stringContaining(t)))
  await visible(page, '.chip', '申请转到我名下').click()
  await visible(page, 'textarea[name=stallNote]').fill('张老板已退租，我向市场租下了这个摊位')
  await shot(page, '71-stall-held-choose-request')
  await fitsPhone(page)
  await visible(page, '.btn', '提交申请').click()
  await visible(page, '#stall-request-status', '等待审核').waitFor()
  expect(await held.innerText()).toContain('张老板已退租')
  await toastGone(page)
  await shot(page, '72-stall-request-waiting')

  // the same in care mode, for another owner who asks for A-02 (小李水果店)
  await onboard('e2e-stall-care', '鹿城区老周干货', 2)
  await env.cloud.ok('user', 'user.settings.save', { careMode: true }, 'e2e-stall-care')
  const care = await open('e2e-stall-care', '#/pages/onboard/index?scene=DMB3P8', problems)
  await visible(care, '#stall-held').waitFor()
  await care.locator('.page.care').first().waitFor()
  await visible(care, '.chip', '申请转到我名下').click()
  await shot(care, '73-stall-held-care')
  await fitsPhone(care)
  await visible(care, '.btn', '提交申请').click()
  await visible(care, '#stall-request-status', '等待审核').waitFor()
  await toastGone(care)
  await shot(care, '74-stall-request-waiting-care')
  await fitsPhone(care)
  expect(problems).toEqual([])
})

test('the regulator decides: a reason next to the box to decline, a confirmation to approve; both owners are told', async () => {
  const problems: string[] = []
  const page = await open('demo-regulator', '#/staff/pages/stallrequests/index', problems)
  const card = visible(page, '.stall-request', '鹿城区小何炒货')
  await card.waitFor()
  expect(await card.innerText()).toContain('现在绑定：鹿城区张记面馆')
  await shot(page, '75-staff-stall-requests')
  await fitsPhone(page)

  await card.getByText('不同意', { exact: true }).click()
  const error = card.locator('.field-error')
  await error.waitFor()
  expect(await error.innerText()).toBe('请写明不同意的理由，申请人会看到')
  await shot(page, '76-staff-decline-needs-reason')

  // 同意 asks first; 取消 changes nothing
  await card.getByText('同意转给申请人').click()
  // Taro's H5 dialog (WeChat's own in the weapp)
  const modal = visible(page, '.taro-modal__content')
  await modal.waitFor()
  expect(await modal.innerText()).toContain('双方都会收到通知')
  await shot(page, '77-staff-approve-confirm')
  await modal.locator('.taro-model__cancel').click()
  await modal.waitFor({ state: 'hidden' })
  expect((await env.cloud.ok('user', 'user.profile.get', {}, 'demo-owner-1')).stall.number).toBe('A-01')

  await card.getByText('同意转给申请人').click()
  await visible(page, '.taro-modal__content').locator('.taro-model__confirm', { hasText: '同意' }).click()
  await card.waitFor({ state: 'detached' })
  expect((await env.cloud.ok('user', 'user.profile.get', {}, 'e2e-stall-second')).stall.number).toBe('A-01')
  expect((await env.cloud.ok('user', 'user.profile.get', {}, 'demo-owner-1')).stall).toBeNull()
  const titles = async (openid: string) => ((await env.cloud.ok('reminder', 'reminder.inbox.list', { limit: 20 }, openid)).messages as Array<{ title: string }>).map((m) => m.title)
  expect(await titles('e2e-stall-second')).toContain('摊位已转到您名下')
  expect(await titles('demo-owner-1')).toContain('摊位绑定已变更')
  await visible(page, '.chip', '已处理').click()
  await visible(page, '.stall-request', '鹿城区小何炒货').getByText('已同意').waitFor()
  await toastGone(page)
  await shot(page, '78-staff-stall-decided')

  // the supervisor, in care mode, with 老周干货's request still waiting
  await env.cloud.ok('user', 'user.settings.save', { careMode: true }, 'demo-supervisor')
  const sup = await open('demo-supervisor', '#/staff/pages/stallrequests/index', problems)
  await visible(sup, '.stall-request', '鹿城区老周干货').waitFor()
  await sup.locator('.page.care').first().waitFor()
  await shot(sup, '79-staff-stall-requests-care')
  await fitsPhone(sup)
  await env.cloud.ok('user', 'user.settings.save', { careMode: false }, 'demo-supervisor')

  // the owner it moved from reads it in 消息, and 我的 no longer shows the stall
  const old = await open('demo-owner-1', '#/reminder/pages/inbox/index', problems)
  const message = visible(old, '.inbox-item', '摊位绑定已变更').first()
  await message.waitFor()
  expect(await old.locator('body').innerText()).not.toContain('小何炒货')
  // it opens 我的, where the stall is gone
  await message.getByText('查看详情').click()
  await old.waitForURL(/pages\/me\/index/)
  await visible(old, '.cell', '未绑定（扫摊位码可绑定）').waitFor()
  await shot(old, '78b-old-holder-me')
  expect(problems).toEqual([])
})

test('我的办事 on 我的 gathers the owner’s business; each row opens its page (normal and care mode)', async () => {
  const problems: string[] = []
  const who = 'e2e-affairs'
  await onboard(who, '鹿城区阿香小吃', 3)
  await env.cloud.ok('complaint', 'complaint.submit', { category: 'fee', party: '某市场管理处', what: '每月另收管理费100元，没有收据也没有公示。', happenedOn: '2026-11-02', place: '东门农贸市场', photos: [], disclose: false }, who, 'e2e-affairs-0001')
  await env.cloud.ok('reminder', 'reminder.permit.save', { type: 'foodBusiness', number: 'JY13303020009', authority: '鹿城区市场监管局', issuedOn: '2022-01-10', expiresOn: '2030-01-09' }, who, 'e2e-affairs-0002')
  await env.cloud.ok('policy', 'policy.favorite', { id: 'wz-04-code-loan', favorite: true }, who)
  await env.cloud.ok('user', 'user.stall.request', { stallCode: 'DMB3P8' }, who, 'e2e-affairs-0003')

  const page = await open(who, '#/pages/me/index', problems)
  await visible(page, '#affair-complaints').waitFor()
  expect(await visible(page, '#affair-complaints-state').innerText()).toBe('1件办理中')
  expect(await visible(page, '#affair-loan-state').innerText()).toBe('还没有')
  expect(await visible(page, '#affair-certificate-state').innerText()).toBe('还没有')
  expect(await visible(page, '#affair-permits-state').innerText()).toBe('1张')
  expect(await visible(page, '#affair-permits').innerText()).toContain('食品经营许可证 2030-01-09到期')
  expect(await visible(page, '#affair-favorites-state').innerText()).toBe('1条')
  expect(await visible(page, '#affair-stall-request-state').innerText()).toBe('等待审核')
  await shot(page, '80-me-my-affairs')
  await fitsPhone(page)

  await visible(page, '#affair-favorites').click()
  await visible(page, '.policy-tab--on', '收藏').waitFor()
  await visible(page, '.policy-card').first().waitFor()
  await shot(page, '81-me-favorites-opened')
  const again = await open(who, '#/pages/me/index', problems)
  await visible(again, '#affair-complaints').click()
  await again.waitForURL(/complaint\/pages\/index\/index/)
  await visible(again, '.cell, .notice-text', '某市场管理处').first().waitFor()
  const third = await open(who, '#/pages/me/index', problems)
  await visible(third, '#affair-stall-request').click()
  await visible(third, '#stall-request-status', '等待审核').waitFor()

  await env.cloud.ok('user', 'user.settings.save', { careMode: true }, who)
  const care = await open(who, '#/pages/me/index', problems)
  await visible(care, '#affair-permits').waitFor()
  await care.locator('.page.care').first().waitFor()
  await shot(care, '82-me-my-affairs-care')
  await fitsPhone(care)
  // the detail under 证照 is whole, not cut: its box is as tall as its text needs
  const clipped = await care.evaluate(() =>
    Array.from(document.querySelectorAll('.cell__hint, .cell__value')).filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1).length
  )
  expect(clipped).toBe(0)
  await visible(care, '#affair-permits').click()
  await care.waitForURL(/reminder\/pages\/permits\/index/)
  expect(problems).toEqual([])
})

test('staff market forms: errors in Chinese beside the field, sharing switch and per-stall setting (normal and care mode)', async () => {
  const problems: string[] = []
  const page = await open('demo-regulator', '#/staff/pages/markets/index', problems)
  await visible(page, '.cell__label', '东门农贸市场').waitFor()
  // nothing typed: each missing field says so under itself
  await visible(page, '.btn', '新建市场').click()
  expect(await visible(page, '#error-name').innerText()).toBe('请填写市场名称')
  expect(await visible(page, '#error-address').innerText()).toBe('请填写市场的详细地址')
  await visible(page, 'input[name=marketName]').fill('西山果蔬市场')
  await visible(page, '#error-name').waitFor({ state: 'detached' })
  expect(await visible(page, '#error-address').count()).toBe(1)
  await shot(page, '83-staff-market-field-errors')

  await visible(page, '.cell__label', '城南小商品市场').click()
  const detail = visible(page, '#market-detail')
  await detail.waitFor()
  await visible(page, 'input[name=rangeFrom]').fill('5')
  await visible(page, 'input[name=rangeTo]').fill('2')
  await detail.getByText('按编号添加摊位').click()
  expect(await visible(page, '#error-range').innerText()).toBe('结束编号不能小于开始编号')
  await shot(page, '84-staff-market-range-error')

  await visible(page, '#market-sharing-switch').click()
  await detail.getByText('已允许').waitFor()
  await toastGone(page)
  expect((await env.cloud.ok('admin', 'admin.market.list', {}, 'demo-regulator')).markets.find((m: { id: string }) => m.id === 'demo-market-2').allowShared).toBe(true)
  await detail.getByText('逐个摊位设置').click()
  await visible(page, '#market-stalls').waitFor()
  expect(await visible(page, '#stall-B-01-value').innerText()).toBe('跟随市场（可多户）')
  await shot(page, '85-staff-market-sharing')
  await fitsPhone(page)

  await env.cloud.ok('user', 'user.settings.save', { careMode: true }, 'demo-regulator')
  const care = await open('demo-regulator', '#/staff/pages/markets/index', problems)
  await visible(care, '.cell__label', '城南小商品市场').click()
  await visible(care, '#market-detail').waitFor()
  await care.locator('.page.care').first().waitFor()
  await visible(care, '.btn', '新建市场').click()
  await visible(care, '#error-name').waitFor()
  await shot(care, '86-staff-markets-care')
  await fitsPhone(care)
  await env.cloud.ok('user', 'user.settings.save', { careMode: false }, 'demo-regulator')
  expect(problems).toEqual([])
})

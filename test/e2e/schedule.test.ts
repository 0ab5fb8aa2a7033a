import type { Page } from 'playwright-core'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import { phonePage } from '../helpers/browser'
import { e2eEnvironment, shot, visible } from '../helpers/e2e'
import { PROFILE } from '../helpers/fixtures'

const env = e2eEnvironment()

/**
 * Permits and the annual report show their whole reminder schedule, the last day to apply and,
 * once it has passed, what to do now (issue #14). The clock moves day by day with the scheduler
 * firing at 09:30 China time, as the deployed timer would; the browser runs in UTC, so every
 * date on screen must come from the server's China-time rules.
 */
const WHO = 'e2e-schedule'
const day = 86400_000
const setClock = (iso: string) => env.cloud.clock.set(new Date(iso))
const trigger = async () => expect((await env.cloud.post('/api/local/trigger/scheduler', '')).status).toBe(200)
/** the scheduler's timer each day at 09:30 China time (01:30 UTC), from one China date to another */
async function runDays(from: string, to: string) {
  for (let t = Date.parse(`${from}T01:30:00Z`); t <= Date.parse(`${to}T01:30:00Z`); t += day) {
    env.cloud.clock.set(new Date(t))
    await trigger()
  }
}
/**
 * The whole screen, top to bottom: Taro H5 scrolls inside its page element, so a full-page
 * screenshot alone stops at the first 844 px. The viewport grows to the content for the shot.
 */
async function shotAll(page: Page, name: string) {
  const height = await page.evaluate(() =>
    Math.max(844, ...Array.from(document.querySelectorAll('.taro_page, .page')).filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => e.scrollHeight))
  )
  await page.setViewportSize({ width: 390, height })
  await page.waitForTimeout(200)
  await shot(page, name)
  await page.setViewportSize({ width: 390, height: 844 })
}
/** Elements on the visible page that stick out past the right edge of the phone (cut text in care mode). */
const overflowing = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('.page *'))
      .filter((e) => (e as HTMLElement).offsetParent !== null && e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().right > window.innerWidth + 1)
      .map((e) => `${e.className}: ${(e.textContent ?? '').slice(0, 20)}`)
  )
const care = (on: boolean) => env.cloud.ok('user', 'user.settings.save', { careMode: on }, WHO)

async function openPermit(page: Page, id: string) {
  await page.goto(`${env.cloud.url}/#/reminder/pages/permit/index?id=${id}`)
  await page.reload()
  const advice = visible(page, '#advice')
  await advice.waitFor()
  return advice
}

test('a permit shows its whole schedule and last day to apply: soon, the last day at 00:30, passed, expired; in care mode too', async () => {
  setClock('2026-10-01T01:00:00Z')
  await env.cloud.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, WHO)
  await env.cloud.ok('user', 'user.profile.save', { ...PROFILE, openedOn: '2019-05-01' }, WHO)
  const save = (p: object) => env.cloud.ok('reminder', 'reminder.permit.save', { number: '3303021000', authority: '鹿城区市场监督管理局', ...p }, WHO)
  // renew soon: last day to apply 21 Dec (30 days before expiry, 行政许可法 Art. 50)
  const soon = await save({ type: 'publicHealth', number: 'WS330302001', authority: '鹿城区卫生健康局', issuedOn: '2023-01-21', expiresOn: '2027-01-20' })
  // last day to apply 22 Nov
  const tobacco = await save({ type: 'tobacco', number: '330302100001', authority: '鹿城区烟草专卖局', issuedOn: '2021-12-23', expiresOn: '2026-12-22' })
  // expires 20 Nov
  const food = await save({ type: 'foodBusiness', number: 'JY13303020001', issuedOn: '2021-11-21', expiresOn: '2026-11-20' })
  await runDays('2026-10-01', '2026-11-21')

  const page = await phonePage(env.browser, WHO)
  const problems: string[] = []
  page.on('pageerror', (e) => problems.push(e.message))

  // 00:30 on 22 Nov in China is 16:30 UTC on 21 Nov: already the last day to apply, not "1 day left"
  setClock('2026-11-21T16:30:00Z')
  let advice = await openPermit(page, tobacco.id)
  expect(await advice.innerText()).toContain('今天是申请延续的最后一天')
  expect(await advice.innerText()).toContain('请今天就到鹿城区烟草专卖局提出延续申请')
  expect(await visible(page, '#rung-applyDue').innerText()).toContain('2026年11月22日')
  await shotAll(page, 'schedule-permit-last-day-0030')

  await runDays('2026-11-22', '2026-11-24')
  setClock('2026-11-24T02:00:00Z')

  // renew soon: the whole ladder, 已提醒 for the rung sent, 待提醒 for the rest, next reminder ahead
  advice = await openPermit(page, soon.id)
  expect(await advice.innerText()).toContain('还有27天截止申请延续')
  expect(await advice.innerText()).toContain('申请延续的最后一天是2026年12月21日')
  const rows = await visible(page, '.section', '提醒安排').innerText()
  expect(rows).toContain('申请截止前30天')
  expect(rows).toContain('已提醒')
  expect(rows).toContain('待提醒')
  expect(rows).toContain('下次提醒：2026年12月7日')
  expect(await visible(page, '.section', '怎么续办').innerText()).toContain('届满三十日前')
  await shotAll(page, 'schedule-permit-renew-soon')

  // 28 days before expiry, two days after the last day to apply (issue #14)
  advice = await openPermit(page, tobacco.id)
  const passed = await advice.innerText()
  expect(passed).toContain('申请期已过')
  expect(passed).toContain('续期申请期限已过')
  expect(passed).toContain('申请延续的最后一天是2026年11月22日，已经过了2天')
  expect(passed).toContain('证照2026年12月22日到期，还有28天')
  expect(passed).toContain('请尽快带齐材料到鹿城区烟草专卖局申请延续')
  expect(passed).toContain('第七十条')
  const ladder = await visible(page, '.section', '提醒安排').innerText()
  expect(ladder).toContain('下次提醒：2026年12月23日')
  expect(ladder).not.toMatch(/下次提醒：2026年11月/)
  await shotAll(page, 'schedule-permit-apply-passed')

  advice = await openPermit(page, food.id)
  expect(await advice.innerText()).toContain('证照已过期')
  expect(await advice.innerText()).toContain('已于2026年11月20日到期，已经过了4天')
  expect(await visible(page, '.cell:has(#rung-expired)').innerText()).toContain('已提醒')
  await shotAll(page, 'schedule-permit-expired')

  // the list says which permit is past its day to apply, not just 即将到期
  await page.goto(`${env.cloud.url}/#/reminder/pages/permits/index`)
  await page.reload()
  const row = visible(page, '.cell', '烟草专卖零售许可证')
  await row.waitFor()
  expect(await row.innerText()).toContain('申请期已过')
  expect(await row.innerText()).toContain('最后申请日 2026-11-22')
  await shotAll(page, 'schedule-permits-list')

  // care mode: the same pages, larger, nothing cut
  await care(true)
  for (const [id, name] of [
    [soon.id, 'schedule-permit-renew-soon-care'],
    [tobacco.id, 'schedule-permit-apply-passed-care'],
    [food.id, 'schedule-permit-expired-care']
  ]) {
    await openPermit(page, id)
    await page.locator('.page.care').first().waitFor()
    expect([name, await overflowing(page)]).toEqual([name, []])
    await shotAll(page, name)
  }
  await care(false)
  expect(problems).toEqual([])
})

test('the annual report page: which year, the window, the last day, every reminder, how to file, and 我已报送; a new business is told it is not due', async () => {
  const page = await phonePage(env.browser, WHO)
  const problems: string[] = []
  page.on('pageerror', (e) => problems.push(e.message))

  // a business opened this year: its first report is next year, not overdue
  setClock('2026-11-24T02:00:00Z')
  const newShop = await phonePage(env.browser, 'demo-owner-2')
  await newShop.goto(`${env.cloud.url}/#/reminder/pages/annual/index`)
  const first = visible(newShop, '#advice-2026')
  await first.waitFor()
  expect(await first.innerText()).toContain('今年还不用报')
  expect(await first.innerText()).toContain('第一次年报在明年报：2027年1月1日至6月30日报送2026年度年报')
  expect(await visible(newShop, '.page').innerText()).not.toContain('已逾期')
  await shotAll(newShop, 'schedule-annual-first-report')

  // 10 June 2027: the 2026 report is open, 20 days left
  await runDays('2027-01-01', '2027-01-01')
  await runDays('2027-06-01', '2027-06-01')
  setClock('2027-06-10T02:00:00Z')
  await page.goto(`${env.cloud.url}/#/reminder/pages/permits/index`)
  await page.reload()
  // from the reminders list, the annual card leads to the whole of it
  await visible(page, '#annual-open-2026').click()
  const advice = visible(page, '#advice-2026')
  await advice.waitFor()
  expect(await advice.innerText()).toContain('2026年度年报')
  expect(await advice.innerText()).toContain('还有20天截止')
  expect(await advice.innerText()).toContain('报送时间：2027年1月1日至6月30日')
  expect(await advice.innerText()).toContain('最后一天：2027年6月30日')
  const schedule = await visible(page, '#annual-2026 .section').innerText()
  for (const s of ['开始报送', '截止前29天', '截止前10天', '截止当天', '截止后一天', '已提醒', '待提醒', '下次提醒：2027年6月20日']) expect([s, schedule.includes(s)]).toEqual([s, true])
  // in H5 the official site is a link; no payment link anywhere
  expect(await visible(page, '#official-site a').getAttribute('href')).toBe('https://www.gsxt.gov.cn')
  expect(await visible(page, '#scam-warning').innerText()).toContain('谨防诈骗')
  await shotAll(page, 'schedule-annual-open')

  await care(true)
  await page.reload()
  await visible(page, '#advice-2026').waitFor()
  await page.locator('.page.care').first().waitFor()
  expect(await overflowing(page)).toEqual([])
  await shotAll(page, 'schedule-annual-open-care')

  // 我已报送: nothing more is sent
  await visible(page, '.btn', '我已报送2026年度年报').click()
  // (the button itself reads 我已报送: wait for what replaces it)
  await visible(page, '#advice-2026 .btn', '撤销“已报送”').waitFor()
  expect(await visible(page, '#advice-2026').innerText()).toContain('您已标记2026年度年报为已报送（2027-06-10）')
  // filing opened next year's report; this year's schedule has nothing more to send
  const after = await visible(page, '#annual-2026 .section').innerText()
  expect(after).toContain('不再提醒')
  expect(after).not.toContain('待提醒')
  await shotAll(page, 'schedule-annual-filed-care')
  await care(false)

  // overdue: a report left unfiled past 30 June (the owner undoes 已报送 on 2 July)
  setClock('2027-07-02T02:00:00Z')
  await page.reload()
  await visible(page, '.btn', '撤销“已报送”').click()
  const late = visible(page, '#advice-2026', '已逾期')
  await late.waitFor()
  expect(await late.innerText()).toContain('补报')
  expect(await late.innerText()).toContain('信用修复')
  await shotAll(page, 'schedule-annual-overdue')
  expect(problems).toEqual([])
})

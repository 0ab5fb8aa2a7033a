import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import { phonePage, pickInOpenPicker } from '../helpers/browser'
import { e2eEnvironment, shot } from '../helpers/e2e'

dayjs.extend(utc)
const env = e2eEnvironment()

const setClock = (iso: string) => env.cloud.post('/api/local/clock', JSON.stringify({ now: iso }))
const trigger = () => env.cloud.post('/api/local/trigger/scheduler', '')
const outbox = async (openid: string) =>
  ((await (await fetch(`${env.cloud.url}/api/local/outbox?openid=${openid}`)).json()) as { data: { messages: Array<{ key: string; title: string }> } }).data.messages

test('an owner adds a food licence, the clock moves, the reminder arrives; filing the annual report stops its reminders', async () => {
  const who = 'demo-owner-2'
  const now = new Date()
  await setClock(now.toISOString())
  const page = await phonePage(env.browser, who)
  const problems: string[] = []
  page.on('pageerror', (e) => problems.push(e.message))

  // 首页 → 证照提醒 → 添加证照
  await page.goto(`${env.cloud.url}/`)
  await page.getByText('证照提醒').click()
  await page.getByText('添加证照').click()
  await page.locator('#permitType-value').click()
  await pickInOpenPicker(page, [{ column: 0, steps: 0 }])
  expect(await page.locator('#permitType-value').innerText()).toBe('食品经营许可证')
  await page.locator('input[name=permitNumber]').fill('JY13303020002')
  await page.locator('input[name=permitAuthority]').fill('鹿城区市场监督管理局')
  // issued so that the 5-year licence (auto-filled expiry) ends 60 days from today
  const today = dayjs().utcOffset(480)
  const issued = today.add(60, 'day').subtract(5, 'year').add(1, 'day')
  await page.locator('#issuedOn-value').click()
  await pickInOpenPicker(page, [
    { column: 0, steps: issued.year() - today.year() },
    { column: 1, steps: issued.month() - today.month() },
    { column: 2, steps: issued.date() - today.date() }
  ])
  expect(await page.locator('#issuedOn-value').innerText()).toBe(issued.format('YYYY-MM-DD'))
  expect(await page.locator('#expiresOn-value').innerText()).toBe(today.add(60, 'day').format('YYYY-MM-DD'))
  await page.getByText('保存', { exact: true }).click()
  // Taro H5 keeps earlier pages in the DOM (hidden): look only at what is on screen
  const row = page.locator('.cell', { hasText: '食品经营许可证' }).filter({ hasText: '到期' }).filter({ visible: true })
  await row.waitFor()
  await shot(page, '10-reminder-permit-added')
  expect(await row.innerText()).toContain('即将到期')
  await shot(page, '10-reminder-permit-added')

  // the server says when the next reminder is; move the clock there and fire the timer
  const [permit] = (await env.cloud.ok('reminder', 'reminder.permit.list', {}, who)).permits
  expect(permit.daysLeft).toBe(60)
  const next = permit.nextReminder as string
  await setClock(`${next}T10:00:00+08:00`)
  expect((await trigger()).status).toBe(200)
  const sent = await outbox(who)
  expect(sent.some((m) => m.key.startsWith(`permit:${permit.id}`) && m.title === '证照到期提醒')).toBe(true)

  // 我的 shows it; 消息 lists it
  await page.goto(`${env.cloud.url}/#/reminder/pages/inbox/index`)
  const msg = page.locator('.inbox-item', { hasText: '证照到期提醒' }).filter({ visible: true })
  await msg.waitFor()
  expect(await msg.innerText()).toContain('食品经营许可证')
  await shot(page, '11-reminder-inbox')

  // the annual-report window opens; the owner files and says so
  const year = Number(next.slice(0, 4)) + 1
  await setClock(`${year}-01-02T10:00:00+08:00`)
  await trigger()
  await page.goto(`${env.cloud.url}/#/reminder/pages/permits/index`)
  const fileButton = page.getByText(`我已报送${year - 1}年度年报`)
  await fileButton.click()
  await page.locator(`#annual-${year - 1}`).filter({ visible: true }).getByText('已报送').first().waitFor()
  await shot(page, '12-reminder-annual-filed')

  await setClock(`${year}-06-01T10:00:00+08:00`)
  await trigger()
  const annual = (await outbox(who)).map((m) => m.key).filter((k) => k.startsWith(`annual:${who}:${year - 1}`))
  expect(annual).toEqual([`annual:${who}:${year - 1}:open`])
  expect(problems).toEqual([])
})

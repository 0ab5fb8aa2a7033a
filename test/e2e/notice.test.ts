import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import { phonePage } from '../helpers/browser'
import { e2eEnvironment, shot, visible } from '../helpers/e2e'

dayjs.extend(utc)
const env = e2eEnvironment()

const setClock = (iso: string) => env.cloud.post('/api/local/clock', JSON.stringify({ now: iso }))
const trigger = () => env.cloud.post('/api/local/trigger/scheduler', '')
const OWNER = 'demo-owner-1'
const codeOf = async (openid: string) => ((await env.cloud.ports.db.collection('owners').get(openid)) as unknown as { profile: { creditCode: string } }).profile.creditCode
const care = (on: boolean) => env.cloud.ok('user', 'user.settings.save', { careMode: on }, OWNER)

/** Each notice as the owner sees it, normal and in 关怀模式; the hidden inspection day nowhere on screen. */
test('双随机抽查迎检 from 消息: the window and the checklist with its rules, never the hidden day', async () => {
  const today = dayjs().utcOffset(480).startOf('day')
  const start = today.add(10, 'day')
  const end = today.add(16, 'day')
  const day = today.add(13, 'day')
  await setClock(new Date().toISOString())
  const plan = await env.cloud.ok(
    'notice',
    'notice.plan.create',
    {
      title: '食品安全双随机抽查',
      audience: { kind: 'markets', marketIds: ['demo-market-1'] },
      checklist: [
        { item: '营业执照放在显眼位置', rule: '《个体工商户登记管理办法》' },
        { item: '从业人员健康证明在有效期内', rule: '《中华人民共和国食品安全法》第四十五条' }
      ],
      windowStart: start.format('YYYY-MM-DD'),
      windowEnd: end.format('YYYY-MM-DD'),
      day: day.format('YYYY-MM-DD'),
      hideDay: true
    },
    'demo-regulator',
    'e2e-plan-request-1'
  )
  // 09:00 China, three days before the window
  await setClock(start.subtract(3, 'day').add(9, 'hour').toISOString())
  expect((await trigger()).status).toBe(200)

  const page = await phonePage(env.browser, OWNER)
  const problems: string[] = []
  page.on('pageerror', (e) => problems.push(e.message))
  await page.goto(`${env.cloud.url}/#/reminder/pages/inbox/index`)
  await visible(page, '.cell, .notice-text, view', '双随机抽查迎检提醒').first().click()
  await visible(page, '.section__title', '会检查这些').waitFor()
  const text = await page.locator('.taro_page').filter({ visible: true }).innerText()
  expect(text).toContain(`${start.month() + 1}月${start.date()}日至${end.month() + 1}月${end.date()}日`)
  expect(text).toContain('不提前告知具体哪天')
  expect(text).toContain('《中华人民共和国食品安全法》第四十五条')
  for (let d = start.add(1, 'day'); d.isBefore(end); d = d.add(1, 'day')) {
    expect(text).not.toContain(`${d.month() + 1}月${d.date()}日`)
    expect(text).not.toContain(d.format('YYYY-MM-DD'))
  }
  await page.waitForTimeout(800)
  await shot(page, '60-notice-inspection')
  await care(true)
  await page.goto(`${env.cloud.url}/#/notice/pages/inspection/index?id=${plan.id}`)
  await page.reload()
  await page.locator('.page.care').filter({ visible: true }).first().waitFor()
  await visible(page, '.section__title', '会检查这些').waitFor()
  await page.waitForTimeout(800)
  await shot(page, '61-notice-inspection-care')
  await care(false)
  expect(problems).toEqual([])
})

test('违规提示: a first minor one reads as guidance with the law quoted; the list shows it', async () => {
  const due = dayjs().utcOffset(480).add(20, 'day')
  await env.cloud.ok('notice', 'notice.hint.send', { creditCode: await codeOf(OWNER), rule: '《明码标价和禁止价格欺诈规定》第五条', ruleText: '经营者销售商品应当明码标价。', what: '摊位商品没有标价签，请补上', dueDate: due.format('YYYY-MM-DD'), firstMinor: true }, 'demo-regulator', 'e2e-hint-request-1')
  const page = await phonePage(env.browser, OWNER)
  const problems: string[] = []
  page.on('pageerror', (e) => problems.push(e.message))
  // 办事 → 抽查、整改与信用修复
  await page.goto(`${env.cloud.url}/#/pages/services/index`)
  await visible(page, '.cell', '抽查、整改与信用修复').click()
  await visible(page, '.section__title', '违规提示').waitFor()
  await page.waitForTimeout(800)
  await shot(page, '62-notice-list')
  await visible(page, '.notice-row', '摊位商品没有标价签').click()
  await visible(page, '.section__title', '我已整改').waitFor()
  const text = await page.locator('.taro_page').filter({ visible: true }).innerText()
  expect(text).toContain('这是整改提示，不是罚单')
  expect(text).toContain('初次违法且危害后果轻微并及时改正的，可以不予行政处罚。')
  expect(text).toContain('是否处罚以执法部门认定为准')
  expect(text).toContain(`${due.month() + 1}月${due.date()}日前`)
  // nothing sent without a photo; the words stay
  await page.locator('textarea[name=correctNote]').fill('已经贴好价签')
  await page.getByText('提交整改', { exact: true }).filter({ visible: true }).last().click()
  await visible(page, '#correct-error').waitFor()
  expect(await page.locator('textarea[name=correctNote]').filter({ visible: true }).inputValue()).toBe('已经贴好价签')
  await page.waitForTimeout(800)
  await shot(page, '63-notice-hint')
  await care(true)
  await page.reload()
  await page.locator('.page.care').filter({ visible: true }).first().waitFor()
  await visible(page, '.section__title', '我已整改').waitFor()
  await page.waitForTimeout(800)
  await shot(page, '64-notice-hint-care')
  await care(false)
  expect(problems).toEqual([])
})

test('信用修复: marked by staff, the steps for the cause with their sources, ticked by the owner', async () => {
  await env.cloud.ok('notice', 'notice.abnormal.mark', { creditCode: await codeOf(OWNER), cause: 'annualReport', causeText: '' }, 'demo-regulator')
  expect((await trigger()).status).toBe(200)
  const page = await phonePage(env.browser, OWNER)
  const problems: string[] = []
  page.on('pageerror', (e) => problems.push(e.message))
  await page.goto(`${env.cloud.url}/#/notice/pages/index/index`)
  await visible(page, '.cell', '经营异常').click()
  await visible(page, '.section__title', '修复步骤').waitFor()
  const text = await page.locator('.taro_page').filter({ visible: true }).innerText()
  expect(text).toContain('未按规定报送年度报告')
  expect(text).toContain('允许自行网上补报并关联修复相关信用记录')
  expect(text).toContain('国家企业信用信息公示系统')
  expect(text).toContain('不收费')
  await visible(page, '#step-file').click()
  await visible(page, '#step-file .notice-check--on').waitFor()
  await page.waitForTimeout(800)
  await shot(page, '65-notice-repair')
  await care(true)
  await page.reload()
  await page.locator('.page.care').filter({ visible: true }).first().waitFor()
  await visible(page, '.section__title', '修复步骤').waitFor()
  await page.waitForTimeout(800)
  await shot(page, '66-notice-repair-care')
  await care(false)
  expect(problems).toEqual([])
})

import type { Page } from 'playwright-core'
import { phonePage } from '../helpers/browser'
import { e2eEnvironment, shot, visible } from '../helpers/e2e'

const env = e2eEnvironment()
const setClock = (iso: string | null) => env.cloud.post('/api/local/clock', JSON.stringify({ now: iso }))
const setCare = (openid: string, careMode: boolean) => env.cloud.ok('user', 'user.settings.save', { careMode }, openid)

/** The whole page in one picture (Taro H5 scrolls inside its page). */
async function wholePage(page: Page, name: string) {
  const height = await page.evaluate(() => Math.max(...[...document.querySelectorAll<HTMLElement>('.page')].filter((p) => p.offsetParent).map((p) => p.scrollHeight)))
  await page.setViewportSize({ width: 390, height: Math.max(844, Math.ceil(height)) })
  await page.waitForTimeout(200)
  await shot(page, name)
  await page.setViewportSize({ width: 390, height: 844 })
}

test('名特优新: the owner applies, the regulator recommends, 公示 with an 异议 lodged and answered, then 认定 (normal and 关怀模式)', async () => {
  // Tuesday 1 December 2026, 10:00 China
  await setClock('2026-12-01T02:00:00Z')
  const owner = await phonePage(env.browser, 'demo-owner-1')
  await owner.goto(`${env.cloud.url}/#/pages/services/index`)
  await visible(owner, '.cell', '名特优新申报').click()
  await visible(owner, '#recognised', '还没有认定').waitFor()
  await visible(owner, '.chip', '特色').click()
  await visible(owner, 'textarea[name=what]').fill('太短')
  await visible(owner, 'input[name=link0]').fill('www.example.com')
  await visible(owner, '.btn', '提交申报').click()
  // client checks say what to fix; nothing typed is lost
  await visible(owner, '#error-what').waitFor()
  expect(await visible(owner, '#error-links\\.0').innerText()).toContain('http')
  await visible(owner, 'textarea[name=what]').fill('本店1998年开业，手工拉面坚持传统做法二十多年，是东门一带的老字号，2019年获评区级放心餐饮店。')
  await visible(owner, 'input[name=link0]').fill('https://example.com/zhangji')
  await shot(owner, 'recog-01-apply')
  await visible(owner, '.btn', '提交申报').click()
  await visible(owner, '#done', '已提交“特色”类申报').waitFor()
  await visible(owner, '.recog-app', '待审核').waitFor()

  // the regulator's queue (names masked) and the application itself
  const reg = await phonePage(env.browser, 'demo-regulator')
  await reg.goto(`${env.cloud.url}/#/staff/pages/home/index`)
  await visible(reg, '.cell', '名特优新审核').click()
  const row = visible(reg, '.staff-recognition', '特色')
  await row.waitFor()
  expect(await row.innerText()).not.toContain('鹿城区张记面馆')
  await shot(reg, 'recog-02-queue')
  await row.click()
  await visible(reg, '.cell', '鹿城区张记面馆').waitFor()
  await visible(reg, 'textarea[name=reason]').fill('手工拉面二十余年，街坊口碑好')
  await visible(reg, '.btn', '推荐（进入公示）').click()
  await visible(reg, '#act-message', '已推荐').waitFor()

  // anyone using the app sees the 公示 and may object
  const neighbour = await phonePage(env.browser, 'demo-owner-2')
  await neighbour.goto(`${env.cloud.url}/#/recog/pages/public/index`)
  const entry = visible(neighbour, '.recog-public', '鹿城区张记面馆')
  await entry.waitFor()
  expect(await entry.innerText()).toContain('推荐理由：手工拉面二十余年，街坊口碑好')
  await visible(neighbour, '.btn', '对这一户提出异议').click()
  await visible(neighbour, 'textarea[name=objection]').fill('门口长期占道摆桌，不应评为特色')
  await visible(neighbour, 'input[name=contact]').fill('13800000000')
  await wholePage(neighbour, 'recog-03-public-objection')
  await visible(neighbour, '.btn', '提交异议').click()
  await visible(neighbour, '#objection-done').waitFor()

  // the 公示 is over (8 December): the sweep moves it on; the regulator answers, then decides
  await setClock('2026-12-07T16:00:30Z')
  await env.cloud.post('/api/local/trigger/scheduler', '')
  await reg.reload()
  await visible(reg, '.recog-objection', '门口长期占道摆桌').waitFor()
  await visible(reg, 'textarea[name=reason]').fill('符合特色类条件')
  await visible(reg, '.btn--primary', '认定').click()
  await visible(reg, '#act-message', '还有1条异议没有答复').waitFor()
  await visible(reg, '.recog-objection textarea').fill('经核实已整改，不再占道，异议不成立')
  await visible(reg, '.btn', '答复这条异议').click()
  await visible(reg, '.recog-objection', '经核实已整改').waitFor()
  await visible(reg, '.btn--primary', '认定').click()
  await visible(reg, '#act-message', '已认定').waitFor()
  await wholePage(reg, 'recog-04-staff-decided')

  // the owner sees the 认定 and every step
  await owner.reload()
  await visible(owner, '#recognised', '“特色”类，有效至2029-12-07').waitFor()
  const app = visible(owner, '.recog-app', '已认定')
  expect(await app.innerText()).toContain('公示期间收到1条异议，工作人员答复')
  await wholePage(owner, 'recog-05-owner-recognised')

  await setCare('demo-owner-1', true)
  try {
    await owner.reload()
    await owner.locator('.page.care').first().waitFor()
    await visible(owner, '#recognised', '“特色”类').waitFor()
    await wholePage(owner, 'recog-06-owner-recognised-care')
    await setCare('demo-owner-2', true)
    await neighbour.reload()
    await neighbour.locator('.page.care').first().waitFor()
    await visible(neighbour, '.page', '目前没有正在公示的个体户').waitFor()
    await shot(neighbour, 'recog-07-public-care')
  } finally {
    await setCare('demo-owner-1', false)
    await setCare('demo-owner-2', false)
    await setClock(null)
  }
})

import { phonePage, pickInOpenPicker } from '../helpers/browser'
import { e2eEnvironment, shot, visible } from '../helpers/e2e'

const env = e2eEnvironment()


test('an owner sees a matching policy with reasons and source; a regulator publishes one; it reaches the owner’s inbox', async () => {
  const owner = await phonePage(env.browser, 'demo-owner-1') // 温州, veteran
  const problems: string[] = []
  owner.on('pageerror', (e) => problems.push(e.message))
  await owner.goto(`${env.cloud.url}/#/pages/policy/index`)
  // seed 000's 2023 activity has ended; 温州's plan states no end (issue 13)
  const card = visible(owner, '.policy-card', '法治护航')
  await card.waitFor()
  expect(await card.innerText()).toContain('可能符合')
  await shot(owner, '20-policy-feed')
  await card.click()
  await visible(owner, '#policy-reasons').waitFor()
  expect(await visible(owner, '#policy-reasons').innerText()).toContain('您在浙江省温州市')
  expect(await visible(owner, '#policy-source').innerText()).toContain('温州市推进个体工商户全生命周期服务增值化改革实施方案')
  expect(await visible(owner, '#policy-evidence').innerText()).toContain('深化个体工商户公共法律服务站建设')
  await shot(owner, '21-policy-detail')

  // the regulator's 政策 tab points to the workbench (the owner feed is not theirs)
  const staff = await phonePage(env.browser, 'demo-regulator')
  staff.on('pageerror', (e) => problems.push(e.message))
  await staff.goto(`${env.cloud.url}/#/pages/policy/index`)
  await visible(staff, '.notice', '政策管理').waitFor()
  expect(await staff.locator('.notice--error').count()).toBe(0)
  // the regulator writes and publishes a policy for 温州 veterans
  await staff.goto(`${env.cloud.url}/#/staff/pages/policy/index`)
  await staff.locator('input[name=policy-title]').fill('温州退役军人开店补贴（演示）')
  for (const [k, v] of [['what', '开店一次性补贴'], ['who', '温州退役军人'], ['how', '带退役证到区退役军人事务局申请']] as const) {
    await staff.locator(`textarea[name=policy-${k}]`).fill(v)
  }
  await staff.locator('input[name=policy-where]').fill('区退役军人事务局')
  await staff.locator('input[name=policy-department]').fill('区退役军人事务局')
  await staff.locator('#policyCategory-value').click()
  await pickInOpenPicker(staff, [{ column: 0, steps: 1 }])
  await staff.locator('input[name=policy-document]').fill('演示文件')
  await staff.locator('input[name=policy-clause]').fill('第1条')
  // conditions: region (first in the list), then groups
  await staff.getByText('＋ 添加条件').click()
  await pickInOpenPicker(staff, [{ column: 0, steps: 0 }])
  // the region picker: 浙江省 (11th province), 温州市 (after 全省, 杭州市, 宁波市), 全市
  await staff.locator('#ruleRegion-value').click()
  await pickInOpenPicker(staff, [{ column: 0, steps: 10 }, { column: 1, steps: 3 }])
  expect(await staff.locator('#ruleRegion-value').textContent()).toBe('浙江省温州市')
  await staff.getByText('＋ 添加条件').click()
  await pickInOpenPicker(staff, [{ column: 0, steps: 2 }])
  await staff.getByText('预览覆盖人数').click()
  const preview = staff.locator('#policy-preview')
  await preview.waitFor()
  expect(await preview.innerText()).toContain('预计推送给 1 户')
  await shot(staff, '22-policy-staff-preview')
  await staff.getByText('发布并推送').click()
  await staff.getByText('撤回').waitFor()

  // the scheduler's sweep sends it; the owner finds it in 消息
  expect((await env.cloud.post('/api/local/trigger/scheduler', '')).status).toBe(200)
  await owner.goto(`${env.cloud.url}/#/reminder/pages/inbox/index`)
  const msg = visible(owner, '.inbox-item', '新政策：温州退役军人开店补贴（演示）')
  await msg.waitFor()
  await shot(owner, '23-policy-inbox')
  expect(problems).toEqual([])
})

test('an owner who turns personalisation off gets the plain list', async () => {
  const page = await phonePage(env.browser, 'demo-owner-2')
  await page.goto(`${env.cloud.url}/#/pages/me/index`)
  await page.locator('#personalized-switch').click()
  // the switch saves to the server; wait for it to land
  let personalized = true
  for (let i = 0; i < 50 && personalized; i++) {
    await page.waitForTimeout(100)
    personalized = (await env.cloud.ok('user', 'user.login', {}, 'demo-owner-2')).settings.personalized
  }
  expect(personalized).toBe(false)
  await page.locator('.taro-tabbar__tabbar').getByText('政策').click()
  await visible(page, '.notice', '您已关闭个性化推荐').waitFor()
  const cards = visible(page, '.policy-card')
  await cards.first().waitFor()
  // no status tags: the plain list is not matched against the profile (summaries may still say 符合条件)
  const tags = await visible(page, '.policy-card .tag').allInnerTexts()
  expect(tags.length).toBeGreaterThan(0)
  expect(tags.filter((t) => t === '可能符合' || t === '差一项')).toEqual([])
  await shot(page, '24-policy-plain-list')
})

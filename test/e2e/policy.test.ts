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
  // a push to owners is confirmed with its reach first (issue 14)
  const confirm = visible(staff, '.taro-modal__content')
  await confirm.waitFor()
  expect(await confirm.innerText()).toContain('1户')
  await confirm.locator('.taro-model__confirm').click()
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

test('a policy with no stated end asks the owner to confirm; the regulator’s 待复核 list records a review in one tap', async () => {
  // demo-owner-1 reads it in care mode: the note must be as readable as the rest
  await env.cloud.ok('user', 'user.settings.save', { careMode: true }, 'demo-owner-1')
  const owner = await phonePage(env.browser, 'demo-owner-1')
  const problems: string[] = []
  owner.on('pageerror', (e) => problems.push(e.message))
  await owner.goto(`${env.cloud.url}/#/policy/pages/detail/index?id=wz-04-code-loan`)
  const note = visible(owner, '#policy-age')
  await note.waitFor()
  expect(await note.innerText()).toBe('发布于2024-05-10，文件未写明截止日期，请向主管部门确认是否仍在执行。')
  expect(await visible(owner, '#policy-verdict-note').innerText()).toContain('以主管部门审核为准')
  await shot(owner, '25-policy-detail-confirm-care')
  // an ended one says so at the top
  await owner.goto(`${env.cloud.url}/#/policy/pages/detail/index?id=gz-08-veteran-loan`)
  await visible(owner, '#policy-age', '已过期').waitFor()
  await shot(owner, '26-policy-detail-expired-care')
  await env.cloud.ok('user', 'user.settings.save', { careMode: false }, 'demo-owner-1')

  const staff = await phonePage(env.browser, 'demo-regulator')
  staff.on('pageerror', (e) => problems.push(e.message))
  await staff.goto(`${env.cloud.url}/#/staff/pages/policies/index`)
  const row = visible(staff, '#review-wz-04-code-loan')
  await row.waitFor()
  await shot(staff, '27-policy-review-list')
  await row.getByText('仍在执行').click()
  await row.waitFor({ state: 'detached' })
  const p = (await env.cloud.ports.db.collection('policies').get('wz-04-code-loan')) as unknown as { reviewedBy: string }
  expect(p.reviewedBy).toBe('王科员')
  await owner.goto(`${env.cloud.url}/#/policy/pages/detail/index?id=wz-04-code-loan`)
  await visible(owner, '#policy-detail').waitFor()
  expect(await visible(owner, '#policy-age').count()).toBe(0)
  expect(problems).toEqual([])
})

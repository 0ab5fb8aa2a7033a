import { phonePage, pickInOpenPicker } from '../helpers/browser'
import { e2eEnvironment, shot, visible } from '../helpers/e2e'

const env = e2eEnvironment()

/**
 * 问卷 in Chromium: a regulator writes and publishes a survey (a refused form first), owners
 * answer it from 消息 (normal and 关怀模式), and the regulator reads the results with a chart and
 * exports them.
 */
test('a regulator publishes a survey, owners answer it from 消息, the results show a chart and export', async () => {
  const problems: string[] = []
  const staff = await phonePage(env.browser, 'demo-regulator')
  staff.on('pageerror', (e) => problems.push(e.message))
  await staff.goto(`${env.cloud.url}/#/staff/pages/home/index`)
  await visible(staff, '.cell', '问卷调查').click()
  await visible(staff, '.btn', '新建问卷').click()
  await visible(staff, '.btn', '发布').waitFor()

  // publishing an empty form names what is missing, next to each field
  await visible(staff, '.btn', '发布').click()
  await visible(staff, '#error-title').waitFor()
  expect(await visible(staff, '#error-title').innerText()).toBe('请填写问卷标题')
  expect(await visible(staff, '#error-questions').innerText()).toBe('请至少添加一道题')

  await staff.locator('input[name=survey-title]').fill('个体户经营状况调查')
  await staff.locator('input[name=survey-organizer]').fill('鹿城区市场监督管理局（演示）')
  await staff.locator('textarea[name=survey-intro]').fill('几分钟就能答完，结果用来改进市场服务。')
  // a single choice, a rating and a short text question
  for (const [steps, title] of [[0, '今年生意比去年怎么样？'], [2, '您对市场管理服务打几分？'], [3, '还有什么想说的？']] as const) {
    await visible(staff, '.cell', '＋ 添加题目').click()
    await pickInOpenPicker(staff, [{ column: 0, steps }])
    const n = await staff.locator('input[name^=question-title-]').count()
    await staff.locator(`input[name=question-title-${n - 1}]`).fill(title)
  }
  // one option only: refused with the question's number; nothing typed is lost
  await staff.locator('textarea[name=question-options-0]').fill('好一些')
  await visible(staff, '.btn', '发布').click()
  await visible(staff, '#error-questions\\.0\\.options').waitFor()
  expect(await visible(staff, '#error-questions\\.0\\.options').innerText()).toBe('第1题：至少要有2个选项')
  expect(await staff.locator('input[name=survey-title]').inputValue()).toBe('个体户经营状况调查')
  await staff.locator('textarea[name=question-options-0]').fill('好一些\n差不多\n差一些')
  await visible(staff, '.btn', '预览覆盖人数').click()
  await visible(staff, '#survey-preview').waitFor()
  const reach = await visible(staff, '#survey-preview').innerText()
  expect(reach).toMatch(/预计送到 \d+ 户/)
  await shot(staff, '90-survey-staff-edit')
  await visible(staff, '.btn', '发布').click()
  const confirm = visible(staff, '.taro-modal__content')
  await confirm.waitFor()
  expect(await confirm.innerText()).toContain('发布后题目不能再改')
  await confirm.locator('.taro-model__confirm').click()
  await visible(staff, '.btn', '结束问卷').waitFor()
  expect(await visible(staff, '.notice').first().innerText()).toContain('进行中')

  // the scheduler delivers it; owners open it from 消息
  expect((await env.cloud.post('/api/local/trigger/scheduler', '')).status).toBe(200)
  await env.cloud.ok('user', 'user.settings.save', { careMode: true }, 'demo-owner-2')
  for (const [openid, mode, choice, score] of [['demo-owner-1', 'normal', '差不多', '4分'], ['demo-owner-2', 'care', '好一些', '5分']] as const) {
    const owner = await phonePage(env.browser, openid)
    owner.on('pageerror', (e) => problems.push(e.message))
    await owner.goto(`${env.cloud.url}/#/reminder/pages/inbox/index`)
    await visible(owner, '.inbox-item', '问卷调查：个体户经营状况调查').click()
    await visible(owner, '#survey-anonymity').waitFor()
    expect(await visible(owner, '.survey-head').innerText()).toContain('发起单位：鹿城区市场监督管理局（演示）')
    await visible(owner, '.survey-option', choice).click()
    await visible(owner, '.survey-option', score).click()
    await owner.locator('textarea[name=answer-text-2]').fill('希望多办几场培训')
    await shot(owner, `91-survey-answer-${mode}`)
    await visible(owner, '.btn', '提交').click()
    await visible(owner, '#survey-done').waitFor()
    expect(await owner.locator('.survey-option').filter({ visible: true }).count()).toBe(0)
    await shot(owner, `92-survey-submitted-${mode}`)
    // opened again: already submitted, no form
    await owner.reload()
    await visible(owner, '#survey-done').waitFor()
    await owner.context().close()
  }

  // the regulator's results: the counts drawn and written out, the text answers, the export
  await staff.goto(`${env.cloud.url}/#/staff/pages/surveys/index`)
  await visible(staff, '.cell', '个体户经营状况调查').click()
  await visible(staff, '#survey-results').waitFor()
  const results = visible(staff, '#survey-results')
  await results.locator('.chart canvas').first().waitFor()
  // the text answers come in their own paged call, after the counts
  await results.getByText('希望多办几场培训').first().waitFor()
  const text = await results.innerText()
  expect(text).toContain('2份')
  expect(text).toContain('差不多')
  expect(text).toContain('希望多办几场培训')
  expect(text).toContain('平均4.5分')
  await visible(staff, '.btn', '导出Excel').click()
  await visible(staff, '#survey-export-status').waitFor()
  expect(await visible(staff, '#survey-export-status').innerText()).not.toBe('')
  await shot(staff, '93-survey-staff-results')
  expect(problems).toEqual([])
})

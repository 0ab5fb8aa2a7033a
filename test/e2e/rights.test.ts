import type { Page } from 'playwright-core'
import { readFileSync } from 'node:fs'
import { DELETE_PHRASE } from '../../src/core/rights/kept'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import { phonePage } from '../helpers/browser'
import { e2eEnvironment, shot, visible } from '../helpers/e2e'
import { profileOf } from '../helpers/fixtures'

/**
 * #16 on a 390×844 phone: the notice with 不同意 and browsing on, 我的 → 个人信息 with its export
 * downloaded, and deleting an account with both confirmations; normal and care mode.
 */
const env = e2eEnvironment()
const modalButton = (page: Page, text: RegExp) => page.locator('.taro-model__btn', { hasText: text }).filter({ visible: true })

async function open(openid: string, path: string, problems: string[]): Promise<Page> {
  const page = await phonePage(env.browser, openid)
  page.on('pageerror', (e) => problems.push(e.message))
  await page.goto(`${env.cloud.url}/${path}`)
  return page
}

async function owner(openid: string, businessName: string, careMode = false) {
  await env.cloud.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, openid)
  await env.cloud.ok('user', 'user.profile.save', { ...profileOf(openid), businessName }, openid)
  if (careMode) await env.cloud.ok('user', 'user.settings.save', { careMode: true }, openid)
}

test('不同意 on the notice: 政策 and 开业第一课 stay open; what needs consent says so', async () => {
  const problems: string[] = []
  const page = await open('e2e-rights-decliner', '#/pages/onboard/index', problems)
  const notice = visible(page, '#privacy-notice')
  await notice.waitFor()
  expect(await notice.innerText()).toContain('本地演示运营方（演示，不是真实的运营单位）')
  await shot(page, 'rights-01-notice')
  await visible(page, '.btn', '不同意').click()
  await visible(page, '#privacy-declined').waitFor()
  expect(await visible(page, '#privacy-declined').innerText()).toContain('仍然可以浏览全部政策、阅读开业第一课')
  await shot(page, 'rights-02-declined')
  await visible(page, '.btn', '去看政策').click()
  await page.getByText('个体码上贷').first().waitFor()
  // 开业第一课 without a profile
  await page.goto(`${env.cloud.url}/#/course/pages/index/index`)
  await visible(page, '#course-guest').waitFor()
  await shot(page, 'rights-03-course-guest')
  expect(problems).toEqual([])
})

test('个人信息: what is held, grouped; the export downloads as text and JSON; a consent withdrawn', async () => {
  const problems: string[] = []
  await owner('e2e-rights-owner', '鹿城区网页测试面馆')
  const page = await open('e2e-rights-owner', '#/pages/me/index', problems)
  await visible(page, '.cell', '个人信息').filter({ hasText: '查看、导出' }).click()
  await visible(page, '#held-profile').waitFor()
  const body = await page.locator('body').innerText()
  for (const s of ['资料', '鹿城区网页测试面馆', '同意记录', '证照', '诉求', '贷款申请', '学习记录', '消息', '撤回同意']) expect(body).toContain(s)
  await shot(page, 'rights-04-my-data')
  await visible(page, '.btn', '导出我的信息').click()
  const [text] = await Promise.all([page.waitForEvent('download'), visible(page, '.btn', '下载文字版').click()])
  expect(text.suggestedFilename()).toMatch(/^个人信息-\d{8}-\d{4}\.txt$/)
  expect(readFileSync((await text.path())!, 'utf8')).toContain('鹿城区网页测试面馆')
  const [json] = await Promise.all([page.waitForEvent('download'), visible(page, '.btn', '下载JSON数据版').click()])
  expect(JSON.parse(readFileSync((await json.path())!, 'utf8')).记录.owners[0].profile.businessName).toBe('鹿城区网页测试面馆')
  await visible(page, '.btn', '撤回“个性化推荐”').click()
  await modalButton(page, /^撤回$/).click()
  await page.waitForFunction(() => !document.body.innerText.includes('撤回“个性化推荐”'))
  expect((await env.cloud.ok('user', 'user.login', {}, 'e2e-rights-owner')).settings.personalized).toBe(false)
  expect(problems).toEqual([])
})

for (const care of [false, true]) {
  test(`deleting an account (${care ? '关怀模式' : 'normal type'}): a dialog, then the typed phrase; then nothing is left`, async () => {
    const problems: string[] = []
    const who = `e2e-rights-delete-${care ? 'care' : 'normal'}`
    await owner(who, care ? '鹿城区关怀注销面馆' : '鹿城区网页注销面馆', care)
    const page = await open(who, '#/rights/pages/delete/index', problems)
    await visible(page, '#kept').waitFor()
    if (care) await page.locator('.page.care').first().waitFor()
    expect(await visible(page, '#kept').innerText()).toContain('我们的理解')
    await shot(page, `rights-05-delete${care ? '-care' : ''}`)
    await visible(page, '.btn', '注销账号').click()
    await modalButton(page, /^继续注销$/).click()
    await visible(page, '#confirm-delete').waitFor()
    await page.locator('#confirm-delete input').fill('注销')
    await visible(page, '.btn', '永久注销').click()
    await page.getByText(`请输入“${DELETE_PHRASE}”这四个字`).first().waitFor()
    // what was typed is still there; the account too
    expect(await page.locator('#confirm-delete input').inputValue()).toBe('注销')
    expect(await env.cloud.ports.db.collection('owners').get(who)).not.toBeNull()
    await page.locator('#confirm-delete input').fill(DELETE_PHRASE)
    await shot(page, `rights-06-delete-confirm${care ? '-care' : ''}`)
    await visible(page, '.btn', '永久注销').click()
    await visible(page, '#deleted').waitFor()
    await shot(page, `rights-07-deleted${care ? '-care' : ''}`)
    expect(await env.cloud.ports.db.collection('owners').get(who)).toBeNull()
    expect(await env.cloud.ports.db.collection('consents').count({ openid: who })).toBe(0)
    expect(problems).toEqual([])
  })
}

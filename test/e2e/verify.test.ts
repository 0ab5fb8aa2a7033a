import type { Page } from 'playwright-core'
import { DEMO_UNLISTED } from '../../cloudfunctions/common/demoRegister'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import { phonePage } from '../helpers/browser'
import { e2eEnvironment, shot, visible } from '../helpers/e2e'
import { PROFILE, profileOf } from '../helpers/fixtures'

/**
 * Verified businesses (#16) on a 390×844 phone: an owner 待核验 → 电子营业执照 (local demo) → 已核验,
 * a second account refused with 申请转移, and the regulator's 现场核验; normal and care mode.
 */
const env = e2eEnvironment()

async function open(openid: string, path: string, problems: string[]): Promise<Page> {
  const page = await phonePage(env.browser, openid)
  page.on('pageerror', (e) => problems.push(e.message))
  await page.goto(`${env.cloud.url}/${path}`)
  return page
}
async function onboard(openid: string, profile: Record<string, unknown>, careMode = false) {
  await env.cloud.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, openid)
  await env.cloud.ok('user', 'user.profile.save', profile, openid)
  if (careMode) await env.cloud.ok('user', 'user.settings.save', { careMode: true }, openid)
}

for (const care of [false, true]) {
  test(`owner${care ? ' in care mode' : ''}: 我的 says 待核验 and why; 电子营业执照 (demo) makes it 已核验`, async () => {
    const problems: string[] = []
    const who = `e2e-verify-owner${care ? '-care' : ''}`
    // one business, one account: the care-mode run takes the demo business over from the first
    if (care) await env.cloud.ports.db.collection('bindings').remove(DEMO_UNLISTED.creditCode)
    await onboard(who, { ...PROFILE, businessName: DEMO_UNLISTED.name, creditCode: DEMO_UNLISTED.creditCode }, care)
    const page = await open(who, '#/pages/me/index', problems)
    const row = visible(page, '#verify-row')
    await row.waitFor()
    await visible(page, '.tag', '待核验').waitFor()
    expect(await row.innerText()).toContain('未在登记名录中找到')
    await shot(page, `80-verify-me-pending${care ? '-care' : ''}`)
    await row.click()
    await visible(page, '#verify-pending').waitFor()
    expect(await visible(page, '#verify-pending').innerText()).toContain('带营业执照原件到市场监管所或市场管理处')
    await visible(page, '.btn', '用电子营业执照核验').click()
    await visible(page, '.notice-text__body', '演示授权码：888888').waitFor()
    const box = visible(page, 'input[name=authCode]')
    await box.fill('123')
    await visible(page, '.btn', '确认授权').click()
    await visible(page, '.notice', '授权码不对或已过期').waitFor()
    expect(await box.inputValue()).toBe('123')
    await box.fill('888888')
    await shot(page, `81-verify-license-demo${care ? '-care' : ''}`)
    await visible(page, '.btn', '确认授权').click()
    await visible(page, '#verify-state', '已核验（电子营业执照）').waitFor()
    await page.waitForTimeout(1800)
    await shot(page, `82-verify-verified${care ? '-care' : ''}`)
    expect(problems).toEqual([])
  })
}

test('a second account saving a business already bound is refused, keeps the form, and can ask for a transfer', async () => {
  const problems: string[] = []
  await onboard('e2e-holder', profileOf('e2e-holder'))
  await env.cloud.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, 'e2e-claimer')
  // the claimer's form is filled by a first save of their own business, then they change the code to the held one
  await env.cloud.ok('user', 'user.profile.save', profileOf('e2e-claimer'), 'e2e-claimer')
  const page = await open('e2e-claimer', '#/pages/onboard/index', problems)
  const code = visible(page, 'input[name=creditCode]')
  await code.waitFor()
  await code.fill(profileOf('e2e-holder').creditCode)
  await visible(page, '.btn', '保存修改').click()
  await visible(page, '#claim-offer').waitFor()
  expect(await page.locator('body').innerText()).toContain('这个营业执照已被另一个微信号绑定')
  // nothing typed is lost
  expect(await code.inputValue()).toBe(profileOf('e2e-holder').creditCode)
  await visible(page, 'textarea[name=claimNote]').fill('店是我的，执照在我手上')
  await shot(page, '83-verify-claim-offer')
  await visible(page, '.btn', '申请转移').click()
  await visible(page, '#claim-offer', '转移申请已提交').waitFor()
  const queue = await env.cloud.ok('user', 'user.claim.list', { status: 'open' }, 'demo-regulator')
  expect(queue.items.map((i: { note: string }) => i.note)).toContain('店是我的，执照在我手上')
  expect(problems).toEqual([])
})

test('regulator: 工作台 → 经营户核验, 现场核验 after confirming; care mode fits the phone', async () => {
  const problems: string[] = []
  await env.cloud.ports.db.collection('register').set(profileOf('e2e-pending').creditCode, {
    creditCode: profileOf('e2e-pending').creditCode, name: '鹿城区登记的名字', operatorName: '钱多多', address: '鹿城区测试路3号', registeredOn: '2024-01-01',
    status: 'active', statusText: '存续', region: '330302', marketId: 'demo-market-1', importId: 't', importedAt: '', updatedAt: ''
  } as never)
  await onboard('e2e-pending', profileOf('e2e-pending'))
  await env.cloud.ok('user', 'user.settings.save', { careMode: true }, 'demo-supervisor')
  const care = await open('demo-supervisor', '#/staff/pages/verify/index', problems)
  await visible(care, '.staff-verify', '钱*多').waitFor()
  await shot(care, '84-staff-verify-care')
  await env.cloud.ok('user', 'user.settings.save', { careMode: false }, 'demo-supervisor')

  const page = await open('demo-regulator', '#/staff/pages/home/index', problems)
  await visible(page, '.cell', '经营户核验').click()
  const item = visible(page, '.staff-verify', '钱*多')
  await item.waitFor()
  expect(await page.locator('body').innerText()).not.toContain('钱多多')
  await shot(page, '85-staff-verify')
  await item.getByText('现场核验', { exact: true }).click()
  await visible(page, '.taro-modal__content .taro-model__btn', '已查看').click()
  await visible(page, '.staff-verify', '已核验（现场核验）').waitFor()
  await shot(page, '86-staff-verified')
  expect((await env.cloud.ok('user', 'user.verify.status', {}, 'e2e-pending')).label).toBe('已核验（现场核验）')

  // coverage: the visit list of 东门农贸市场
  const cov = await open('demo-regulator', '#/staff/pages/visits/index', problems)
  await visible(cov, '.cell', '东门农贸市场').click()
  await visible(cov, '#visit-list .visit').first().waitFor()
  await shot(cov, '87-staff-visits')
  expect(problems).toEqual([])
})

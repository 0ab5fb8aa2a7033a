import type { Page } from 'playwright-core'
import { phonePage, pickInOpenPicker } from '../helpers/browser'
import { e2eEnvironment, shot, visible } from '../helpers/e2e'

/**
 * #16 on a 390×844 phone: a person opens an invitation (the address its QR encodes locally),
 * accepts and is staff; an admin invites a bank officer on 人员管理 (code and QR) and suspends a
 * regulator; each in normal and care mode.
 */
const env = e2eEnvironment()
let seq = 0

async function open(openid: string, path: string, problems: string[]): Promise<Page> {
  const page = await phonePage(env.browser, openid)
  page.on('pageerror', (e) => problems.push(e.message))
  await page.goto(path.startsWith('http') ? path : `${env.cloud.url}/${path}`)
  return page
}
const setCare = (openid: string, careMode: boolean) => env.cloud.ok('user', 'user.settings.save', { careMode }, openid)
/** The open Taro.showModal dialog's confirm button (H5). */
const confirm = (page: Page) => visible(page, '.taro-modal__content .taro-model__confirm').click()

test.each([
  ['normal', false],
  ['care', true]
])('accepting an invitation from its QR (%s mode): what it makes you, 接受, then the 工作台', async (mode, care) => {
  const problems: string[] = []
  const who = `e2e-joiner-${mode}`
  await setCare(who, care)
  const inv = await env.cloud.ok('admin', 'admin.invite.create', { role: 'supervisor', name: `李负责人${mode}`, region: '330302' }, 'demo-admin', `e2e-invite-${++seq}-${Date.now()}`)
  // the QR encodes this address locally (a 小程序码 opening pages/join/index in WeChat)
  expect(inv.target).toContain('#/pages/join/index?scene=')
  const page = await open(who, inv.target, problems)
  await visible(page, '.join-offer__role', '监管负责人').waitFor()
  const body = await page.locator('body').innerText()
  expect(body).toContain('系统管理员邀请您加入')
  expect(body).toContain('负责浙江省温州市鹿城区')
  if (care) expect(await page.locator('.page.care').count()).toBeGreaterThan(0)
  await shot(page, `80-invitation-${mode}`)
  await visible(page, '.btn--primary', '接受').click()
  await visible(page, '#join-done').waitFor()
  expect(await visible(page, '#join-done').innerText()).toContain('您现在是监管负责人')
  await shot(page, `81-invitation-accepted-${mode}`)
  expect(await env.cloud.ports.db.collection('staff').get(who)).toMatchObject({ role: 'regulator', supervisor: true, region: '330302' })
  await visible(page, '.btn--primary', '去工作台').click()
  await visible(page, '.cell', '人员管理').waitFor()
  expect(problems).toEqual([])
  await page.context().close()
})

test('an expired invitation says so and offers nothing to accept', async () => {
  const problems: string[] = []
  const inv = await env.cloud.ok('admin', 'admin.invite.create', { role: 'regulator', name: '过期的', region: '330302', days: 1 }, 'demo-admin', `e2e-invite-${++seq}-${Date.now()}`)
  env.cloud.clock.set(new Date(new Date(inv.expiresAt).getTime() + 60_000))
  try {
    const page = await open('e2e-late', inv.target, problems)
    await visible(page, '#join-problem').waitFor()
    expect(await visible(page, '#join-problem').innerText()).toContain('这个邀请已过期')
    expect(await visible(page, '.btn--primary', '接受').count()).toBe(0)
    await shot(page, '82-invitation-expired')
    await page.context().close()
  } finally {
    env.cloud.clock.set(null)
  }
  expect(problems).toEqual([])
})

test.each([
  ['normal', false],
  ['care', true]
])('人员管理 (%s mode): an admin invites a bank officer (code and QR) and suspends a regulator', async (mode, care) => {
  const problems: string[] = []
  await setCare('demo-admin', care)
  try {
    const page = await open('demo-admin', '#/staff/pages/people/index', problems)
    await visible(page, '.cell', '王科员').waitFor()
    // a missing name and role are said under their fields
    await visible(page, '.btn--primary', '生成邀请码').click()
    await visible(page, '#error-name').waitFor()
    expect(await visible(page, '#error-role').innerText()).toBe('请选择角色')
    await page.locator('input[name=inviteName]').fill(`钱经理${mode}`)
    await page.locator('#invite-role-value').click()
    await pickInOpenPicker(page, [{ column: 0, steps: 2 }])
    expect(await page.locator('#invite-role-value').innerText()).toBe('银行客户经理')
    await page.locator('input[name=inviteBank]').fill('温州示范农商银行')
    await visible(page, '.btn--primary', '生成邀请码').click()
    const card = visible(page, '.invite-card')
    await card.waitFor()
    expect(await card.innerText()).toMatch(/[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/)
    expect(await card.innerText()).toContain(`邀请 钱经理${mode} 成为银行客户经理（温州示范农商银行）`)
    // the QR picture really loads
    await page.waitForFunction(() => {
      const img = document.querySelector('.invite-card img') as HTMLImageElement | null
      return !!img && img.complete && img.naturalWidth > 0
    })
    await shot(page, `83-people-invited-${mode}`)

    await visible(page, '.cell', '王科员').click()
    await visible(page, '#staff-editor').waitFor()
    await visible(page, '#staff-editor .btn', '暂停').click()
    await confirm(page)
    await visible(page, '.tag', '已暂停').waitFor()
    expect(await env.cloud.ports.db.collection('staff').get('demo-regulator')).toMatchObject({ suspended: true })
    await shot(page, `84-people-suspended-${mode}`)
    expect(problems).toEqual([])
    await page.context().close()
  } finally {
    await env.cloud.ok('admin', 'admin.staff.update', { id: 'demo-regulator', suspended: false }, 'demo-admin')
    await setCare('demo-admin', false)
  }
})

import type { Page } from 'playwright-core'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import { phonePage } from '../helpers/browser'
import { seedDecision, WUHAN } from '../helpers/classification'
import { e2eEnvironment, shot, visible } from '../helpers/e2e'
import { profileOf } from '../helpers/fixtures'

/**
 * The yearly 分型 (#18) on a 390×844 phone: a 武汉 household sees its 2026 decision and, apart, the
 * estimate labelled 估算; files an 异议 (a short reason refused, the text kept); a 湖北 regulator
 * changes the type with a reason in 分型异议复核, and the owner sees the change and its history.
 * Normal and care mode.
 */
const env = e2eEnvironment()
const OFFICER = 'e2e-wuhan-officer'

async function open(openid: string, path: string, problems: string[]): Promise<Page> {
  const page = await phonePage(env.browser, openid)
  page.on('pageerror', (e) => problems.push(e.message))
  await page.goto(`${env.cloud.url}/${path}`)
  return page
}

beforeAll(async () => {
  env.cloud.clock.set(new Date('2026-08-10T02:00:00Z'))
  await env.cloud.ports.db.collection('staff').set(OFFICER, { role: 'regulator', name: '江岸区王科员', region: '420100', bankName: null, createdAt: '2026-01-01T00:00:00Z' } as never)
})

for (const care of [false, true]) {
  test(`owner and regulator${care ? ' in care mode' : ''}: decided type and 估算 apart, an 异议, the regulator's change`, async () => {
    const problems: string[] = []
    const who = `e2e-yearly${care ? '-care' : ''}`
    await env.cloud.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, who)
    await env.cloud.ok('user', 'user.profile.save', profileOf(who, { businessName: care ? '江岸区老李豆皮' : '江岸区老周热干面', region: WUHAN, employees: 2, taxPaid: true, openedOn: '2023-03-15' }), who)
    await env.cloud.ok('user', 'user.settings.save', { careMode: care }, who)
    await env.cloud.ok('user', 'user.settings.save', { careMode: care }, OFFICER)
    await seedDecision(env.cloud.ports.db, who, 2026, 'survival')

    const owner = await open(who, '#/pages/index/index', problems)
    const decided = visible(owner, '#decided-type')
    await decided.waitFor()
    expect(await decided.innerText()).toContain('生存型')
    expect(await decided.innerText()).toContain('2026年分型结果 · 2026-07-01集中判定')
    expect(await visible(owner, '#estimate-line').innerText()).toContain('估算（按您现在的档案）：成长型')
    await shot(owner, `90-yearly-home${care ? '-care' : ''}`)
    await visible(owner, '#estimate-line').click()
    await visible(owner, '#decision').waitFor()
    expect(await visible(owner, '#decision').innerText()).toContain('对于“生存型”个体工商户')
    expect(await visible(owner, '#estimate').innerText()).toContain('估算 · 成长型')
    const box = visible(owner, 'textarea[name=reason]')
    await box.fill('雇了')
    await visible(owner, '.btn', '提出异议').click()
    await visible(owner, '.notice', '至少5个字').waitFor()
    expect(await box.inputValue()).toBe('雇了')
    await box.fill('我今年雇了两个人，也开始纳税了')
    await owner.waitForTimeout(600)
    await shot(owner, `91-yearly-objection-form${care ? '-care' : ''}`)
    await visible(owner, '.btn', '提出异议').click()
    await visible(owner, '#objection').waitFor()
    expect(await visible(owner, '#objection').innerText()).toContain('我今年雇了两个人，也开始纳税了')
    await shot(owner, `92-yearly-objection-filed${care ? '-care' : ''}`)

    const reg = await open(OFFICER, '#/staff/pages/home/index', problems)
    await visible(reg, '.cell', '分型异议复核').click()
    const item = visible(reg, '.staff-objection', '我今年雇了两个人')
    await item.waitFor()
    // masked: never the name in full
    expect(await item.innerText()).not.toContain(care ? '江岸区老李豆皮' : '江岸区老周热干面')
    expect(await item.innerText()).toContain('按现在档案估算：成长型')
    await item.locator('.link', { hasText: '改判' }).click()
    await item.locator('.notice', { hasText: '请先选择改判后的类型' }).waitFor()
    await item.locator('.chip', { hasText: '改为成长型' }).click()
    await item.locator('textarea').fill('核实雇员2人，已依法纳税')
    await reg.waitForTimeout(600)
    await shot(reg, `93-yearly-staff-queue${care ? '-care' : ''}`)
    await item.locator('.link', { hasText: '改判' }).click()
    await item.locator('.tag', { hasText: '已改判' }).waitFor()
    expect(await item.innerText()).toContain('处理结果：成长型，理由：核实雇员2人，已依法纳税')

    await owner.reload()
    await visible(owner, '#history').waitFor()
    expect(await visible(owner, '#decision').innerText()).toContain('异议复核改判')
    expect(await visible(owner, '#history').innerText()).toContain('江岸区王科员')
    await owner.waitForTimeout(600)
    await shot(owner, `94-yearly-changed${care ? '-care' : ''}`)
    // care mode fits the phone: nothing wider than the screen
    const wide = await owner.evaluate(() => document.documentElement.scrollWidth)
    expect(wide).toBeLessThanOrEqual(390)
    expect(problems).toEqual([])
  })
}

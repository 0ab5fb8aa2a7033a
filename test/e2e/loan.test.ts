import type { Page } from 'playwright-core'
import { phonePage, pickInOpenPicker } from '../helpers/browser'
import { e2eEnvironment, shot, visible } from '../helpers/e2e'

const env = e2eEnvironment()

/** The modal Taro H5 draws for Taro.showModal: found by its title, answered by a button's text. */
const modal = (page: Page, title: string) => visible(page, '.taro-modal__content', title)
/** Taro fades its modal in over 0.2 s: a picture taken before that shows it half drawn. */
async function modalShown(page: Page, title: string) {
  const m = modal(page, title)
  await m.waitFor()
  await page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('.taro__modal')].some((el) => el.style.display !== 'none' && getComputedStyle(el).opacity === '1'))
  return m
}
const answer = (page: Page, button: string) => visible(page, '.taro-modal__content .taro-model__btn', button).click()

/** Nothing on the page sticks out past the 390 px phone. */
async function overflowing(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.taro_page *')]
      .filter((el) => el.getBoundingClientRect().width > 0 && getComputedStyle(el).visibility !== 'hidden')
      .filter((el) => el.closest('.taro_page') && getComputedStyle(el.closest('.taro_page')!).display !== 'none')
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((el) => `${el.tagName}.${el.className}`.slice(0, 80))
  )
}

async function fillTurnover(owner: Page) {
  const inputs = visible(owner, 'input[name^=turnover-]')
  await inputs.first().waitFor()
  const n = await inputs.count()
  expect(n).toBe(12)
  for (let i = 0; i < n; i++) await inputs.nth(i).fill(String(40000 + i * 1000))
}

test('an owner consents, asks which loan fits, is warned before applying for one that does not, applies; the bank confirms its approval', async () => {
  const owner = await phonePage(env.browser, 'demo-owner-1') // veteran, 温州, opened 2019
  const problems: string[] = []
  owner.on('pageerror', (e) => problems.push(e.message))
  await owner.goto(`${env.cloud.url}/`)
  await owner.getByText('码上贷').first().click()

  // separate consent for one bank
  await visible(owner, '.cell', '温州示范农商银行').click()
  await visible(owner, '#loan-consent').waitFor()
  expect(await visible(owner, '#loan-consent').innerText()).toContain('收款码月流水')
  await shot(owner, '30-loan-consent')
  await owner.getByText('我同意向温州示范农商银行提供以上信息').click()
  await visible(owner, '.cell', '已同意提供信息').waitFor()

  // the button asks what the answer answers
  expect(await owner.locator('body').innerText()).not.toContain('评估我能贷多少')
  await owner.getByText('填流水，看看我适合哪种贷款').click()
  await fillTurnover(owner)
  // the paste box's help is above the box
  const help = (await visible(owner, '#loan-statement .notice-text__body').boundingBox())!
  const box = (await visible(owner, 'textarea[name=statementCsv]').boundingBox())!
  expect(help.y + help.height).toBeLessThanOrEqual(box.y)
  await owner.getByText('保存流水，看看适合哪种贷款').click()
  const result = visible(owner, '#loan-assessment')
  await result.waitFor()
  const text = await result.innerText()
  expect(text).toMatch(/评估 \d+ 分（满分100，我们的估算）/)
  expect(text).toContain('收款码月流水：近12个月平均每月4.6万元')
  expect(text).toContain('不是贷款承诺')
  expect(text).toContain('✓ 您是退役军人')
  expect(text).toContain('能贷多少：这几种贷款的文件都没有写明额度，本程序不估算金额')
  expect(text).not.toMatch(/参考额度|暂不建议/)
  // the advice names exactly the products marked 适合
  const advice = await visible(owner, '#loan-advice .notice-text__heading').innerText()
  expect(advice).toBe('按您填写的信息，可以先了解：退役军人创业贷款（拥军贷、戎创贷等）、个体码上贷（温州市的做法）、银税互动贷款。')
  await visible(owner, '#loan-advice').scrollIntoViewIfNeeded()
  await shot(owner, '31-loan-assessment')

  // 创业担保贷款 does not fit a business open since 2019: the picker says so, and applying asks first
  await owner.locator('#loanBank-value').click()
  await pickInOpenPicker(owner, [{ column: 0, steps: 0 }])
  await owner.locator('#loanProduct-value').click()
  await pickInOpenPicker(owner, [{ column: 0, steps: 3 }])
  expect(await owner.locator('#loanProduct-value').innerText()).toBe('创业担保贷款（暂不适合）')
  await owner.locator('input[name=loanAmount]').fill('80000')
  await owner.locator('input[name=loanPhone]').fill('13800138000')
  await owner.locator('input[name=loanId]').fill('11010519491231002X')
  await visible(owner, '.btn', '提交申请').click()
  const warning = await modalShown(owner, '这个产品暂不适合您')
  expect(await warning.innerText()).toMatch(/按您填写的信息，创业担保贷款暂不适合：这项面向开业3年以内的新开办个体户；您已经营\d+年\d*个?月?，用不上。仍要申请吗？/)
  await shot(owner, '34-loan-unfit-warning')
  await answer(owner, '换一个')
  await warning.waitFor({ state: 'hidden' })
  expect((await env.cloud.ok('loan', 'loan.applications', {}, 'demo-owner-1')).applications).toEqual([])
  // what was typed is still there; a fitting product goes without a question
  expect(await owner.locator('input[name=loanAmount]').inputValue()).toBe('80000')
  await owner.locator('#loanProduct-value').click()
  await pickInOpenPicker(owner, [{ column: 0, steps: -2 }])
  expect(await owner.locator('#loanProduct-value').innerText()).toBe('个体码上贷（温州市的做法）')
  await visible(owner, '.btn', '提交申请').click()
  await visible(owner, '.loan-app', '已提交').waitFor()

  // the bank officer approves, after a confirmation naming the business
  const bank = await phonePage(env.browser, 'demo-bank')
  bank.on('pageerror', (e) => problems.push(e.message))
  await bank.goto(`${env.cloud.url}/#/staff/pages/loans/index`)
  const app = visible(bank, '.bank-app', '鹿城区张记面馆')
  await app.waitFor()
  expect(await app.innerText()).toContain('138****8000')
  expect(await app.innerText()).not.toContain('13800138000')
  expect(await app.innerText()).toContain('本平台评估：适合这个产品')
  await app.getByText('开始审核').click()
  await visible(bank, '.bank-app', '审核中').locator('input[name=approveRate]').waitFor()
  await visible(bank, '.bank-app').locator('input[name=approveAmount]').fill('60000')
  // no rate: said next to the field, nothing asked
  await visible(bank, '.bank-app').getByText('批准', { exact: true }).click()
  await visible(bank, '.bank-app .field-error', '请填写年利率').waitFor()
  await visible(bank, '.bank-app').locator('input[name=approveRate]').fill('4.35')
  // the 已开始审核 toast has gone, as it would have before a person types a rate
  await bank.getByText('已开始审核').waitFor({ state: 'hidden' })
  await visible(bank, '.bank-app').getByText('批准', { exact: true }).click()
  const confirm = await modalShown(bank, '批准这笔贷款？')
  expect(await confirm.innerText()).toContain('鹿城区张记面馆：60000元，年利率4.35%，12个月。批准后会通知申请人，不能撤回。')
  expect(await overflowing(bank)).toEqual([])
  await shot(bank, '32-loan-bank-confirm')
  await answer(bank, '批准')
  await visible(bank, '.bank-app').getByText('确认已放款').waitFor()

  // the owner sees the approval
  await owner.goto(`${env.cloud.url}/#/loan/pages/index/index`)
  const mine = visible(owner, '.loan-app', '已批准')
  await mine.waitFor()
  expect(await mine.innerText()).toContain('批准：60000元，年利率4.35%，12个月')
  // Taro slides the page in: let it land before the picture
  await owner.waitForTimeout(500)
  await shot(owner, '33-loan-approved')
  expect(problems).toEqual([])
})

test('关怀模式: the assessment, the warning and the bank’s decline box with its confirmation fit a 390 px phone', async () => {
  for (const who of ['demo-owner-2', 'demo-bank']) await env.cloud.ok('user', 'user.settings.save', { careMode: true }, who)
  // 小李水果店 opened in September: its first annual report is not due, and it is not marked down
  const owner = await phonePage(env.browser, 'demo-owner-2')
  const problems: string[] = []
  owner.on('pageerror', (e) => problems.push(e.message))
  await env.cloud.ok('loan', 'loan.consent.grant', { bankId: 'wz-rcb', version: '2026-11-01' }, 'demo-owner-2')
  await owner.goto(`${env.cloud.url}/#/loan/pages/assess/index`)
  await owner.locator('.page.care').filter({ visible: true }).first().waitFor()
  await fillTurnover(owner)
  await owner.getByText('保存流水，看看适合哪种贷款').click()
  const result = visible(owner, '#loan-assessment')
  await result.waitFor()
  const text = await result.innerText()
  expect(text).toMatch(/\+10\s*年报：首份年报（2026年度）在2027年1月1日至2027年6月30日报送，现在还不用报，不扣分/)
  expect(text).not.toContain('年报未报送')
  expect(await overflowing(owner)).toEqual([])
  await result.scrollIntoViewIfNeeded()
  await shot(owner, '31-loan-assessment-care')
  await visible(owner, '#loan-advice').scrollIntoViewIfNeeded()
  expect(await visible(owner, '#loan-advice').innerText()).toContain('按您填写的信息，可以先了解：创业担保贷款、个体码上贷（温州市的做法）。')
  await shot(owner, '31-loan-advice-care')

  // 个体码上贷 fits only from 30 points; this new stall with no taxes paid may be under it, or the
  // veteran loan (not a veteran) — whichever does not fit, the warning names why
  const fits = (await env.cloud.ok('loan', 'loan.assess', {}, 'demo-owner-2')).products as Array<{ id: string; fits: boolean }>
  const ranked = [...fits].sort((a, b) => Number(b.fits) - Number(a.fits))
  const unfit = ranked.findIndex((p) => p.id === 'veteran')
  await owner.locator('#loanBank-value').click()
  await pickInOpenPicker(owner, [{ column: 0, steps: 0 }])
  await owner.locator('#loanProduct-value').click()
  await pickInOpenPicker(owner, [{ column: 0, steps: unfit }])
  expect(await owner.locator('#loanProduct-value').innerText()).toBe('退役军人创业贷款（拥军贷、戎创贷等）（暂不适合）')
  await owner.locator('input[name=loanAmount]').fill('30000')
  await owner.locator('input[name=loanPhone]').fill('13900139000')
  await owner.locator('input[name=loanId]').fill('11010519491231002X')
  await visible(owner, '.btn', '提交申请').click()
  const warning = await modalShown(owner, '这个产品暂不适合您')
  expect(await warning.innerText()).toContain('退役军人创业贷款（拥军贷、戎创贷等）暂不适合：这项面向退役军人；您的经营档案里没有填这个身份，用不上')
  await shot(owner, '34-loan-unfit-warning-care')
  await answer(owner, '仍要申请')
  await owner.waitForURL(/loan\/pages\/index/)
  await visible(owner, '.loan-app', '已提交').waitFor()

  // the bank: a long reason wraps inside the box, the box fits the phone, the confirmation names the business
  const bank = await phonePage(env.browser, 'demo-bank')
  bank.on('pageerror', (e) => problems.push(e.message))
  await bank.goto(`${env.cloud.url}/#/staff/pages/loans/index`)
  const app = visible(bank, '.bank-app', '鹿城区小李水果店')
  await app.waitFor()
  await bank.locator('.page.care').filter({ visible: true }).first().waitFor()
  expect(await app.innerText()).toContain('年报：首份年报（2026年度）2027年1月1日起报送，未到报送时间')
  expect(await app.innerText()).toContain('本平台评估：暂不适合这个产品，申请人看过提示后仍申请（这项面向退役军人；')
  await app.getByText('拒绝', { exact: true }).click()
  await visible(bank, '.bank-app .field-error', '请写明未通过的原因，申请人会看到').waitFor()
  const reason = app.locator('textarea[name=bankNote]')
  await reason.fill('申请的是退役军人专属产品，您的档案中没有退役军人身份；如有退役证明，请补充后重新申请，或改申请创业担保贷款。')
  expect(await visible(bank, '.bank-app .field-error').count()).toBe(0)
  const r = (await reason.boundingBox())!
  expect(r.x).toBeGreaterThanOrEqual(0)
  expect(r.x + r.width).toBeLessThanOrEqual(390)
  expect(r.width).toBeGreaterThan(300)
  // wraps rather than scrolling sideways, in the page's care-mode size (a bare <textarea> is 13 px monospace)
  expect(await reason.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true)
  expect(await reason.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(16)
  expect(await reason.evaluate((el) => getComputedStyle(el).fontFamily)).not.toMatch(/^monospace/)
  expect(await overflowing(bank)).toEqual([])
  await shot(bank, '35-loan-bank-decline-care')
  await app.getByText('拒绝', { exact: true }).click()
  const confirm = await modalShown(bank, '拒绝这份申请？')
  expect(await confirm.innerText()).toContain('鹿城区小李水果店，原因：申请的是退役军人专属产品')
  await shot(bank, '32-loan-bank-confirm-care')
  await answer(bank, '拒绝')
  await confirm.waitFor({ state: 'hidden' })
  await visible(bank, '.bank-app', '未通过').waitFor()
  expect(problems).toEqual([])
  for (const who of ['demo-owner-2', 'demo-bank']) await env.cloud.ok('user', 'user.settings.save', { careMode: false }, who)
})

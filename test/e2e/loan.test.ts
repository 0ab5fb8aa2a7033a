import { phonePage, pickInOpenPicker } from '../helpers/browser'
import { e2eEnvironment, shot, visible } from '../helpers/e2e'

const env = e2eEnvironment()

test('an owner consents, enters turnover, sees the assessment with reasons and applies; the bank approves; the owner sees it', async () => {
  const owner = await phonePage(env.browser, 'demo-owner-1') // veteran, 温州
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

  // twelve months of turnover, then the assessment
  await owner.getByText('填流水，评估我能贷多少').click()
  const inputs = visible(owner, 'input[name^=turnover-]')
  await inputs.first().waitFor()
  const n = await inputs.count()
  expect(n).toBe(12)
  for (let i = 0; i < n; i++) await inputs.nth(i).fill(String(40000 + i * 1000))
  await owner.getByText('保存流水并评估').click()
  const result = visible(owner, '#loan-assessment')
  await result.waitFor()
  const text = await result.innerText()
  expect(text).toMatch(/评估 \d+ 分/)
  expect(text).toContain('收款码月流水：近12个月平均每月4.6万元')
  expect(text).toContain('不是贷款承诺')
  expect(text).toContain('✓ 您是退役军人')
  await shot(owner, '31-loan-assessment')

  // apply
  await owner.locator('#loanBank-value').click()
  await pickInOpenPicker(owner, [{ column: 0, steps: 0 }])
  await owner.locator('#loanProduct-value').click()
  await pickInOpenPicker(owner, [{ column: 0, steps: 2 }])
  expect(await owner.locator('#loanProduct-value').innerText()).toBe('个体码上贷（温州市的做法）')
  await owner.locator('input[name=loanAmount]').fill('80000')
  await owner.locator('input[name=loanPhone]').fill('13800138000')
  await owner.locator('input[name=loanId]').fill('11010519491231002X')
  await visible(owner, '.btn', '提交申请').click()
  await visible(owner, '.loan-app', '已提交').waitFor()

  // the bank officer approves
  const bank = await phonePage(env.browser, 'demo-bank')
  bank.on('pageerror', (e) => problems.push(e.message))
  await bank.goto(`${env.cloud.url}/#/staff/pages/loans/index`)
  const app = visible(bank, '.bank-app', '鹿城区张记面馆')
  await app.waitFor()
  expect(await app.innerText()).toContain('138****8000')
  expect(await app.innerText()).not.toContain('13800138000')
  await app.getByText('审核中').click()
  await visible(bank, '.bank-app', '审核中').locator('input[name=approveRate]').waitFor()
  await visible(bank, '.bank-app').locator('input[name=approveAmount]').fill('60000')
  await visible(bank, '.bank-app').locator('input[name=approveRate]').fill('4.35')
  await shot(bank, '32-loan-bank-queue')
  await visible(bank, '.bank-app').getByText('已批准').click()
  await visible(bank, '.bank-app').getByText('已放款').waitFor()

  // the owner sees the approval
  await owner.goto(`${env.cloud.url}/#/loan/pages/index/index`)
  const mine = visible(owner, '.loan-app', '已批准')
  await mine.waitFor()
  expect(await mine.innerText()).toContain('批准：60000元，年利率4.35%，12个月')
  await shot(owner, '33-loan-approved')
  expect(problems).toEqual([])
})

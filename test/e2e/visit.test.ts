import type { Page } from 'playwright-core'
import { phonePage } from '../helpers/browser'
import { e2eEnvironment, shot, visible } from '../helpers/e2e'

/**
 * 走访问需 (#17) on a 390×844 phone: a regulator opening a stall code lands on the visit form (not
 * onboarding) and records a visit with a follow-up and a 诉求 filed for the household; normal and care mode.
 */
const env = e2eEnvironment()

async function open(openid: string, path: string, problems: string[]): Promise<Page> {
  const page = await phonePage(env.browser, openid)
  page.on('pageerror', (e) => problems.push(e.message))
  await page.goto(`${env.cloud.url}/${path}`)
  return page
}

for (const care of [false, true]) {
  test(`a regulator${care ? ' in care mode' : ''} opens a stall code and records a visit there`, async () => {
    const problems: string[] = []
    const who = 'demo-regulator'
    await env.cloud.ok('user', 'user.settings.save', { careMode: care }, who)
    const page = await open(who, '#/pages/onboard/index?scene=DMA2K7', problems)
    await visible(page, '.btn', '保存走访记录').waitFor()
    await page.waitForTimeout(1800)
    expect(page.url()).toContain('staff/pages/visit/index')
    expect(await page.locator('body').innerText()).not.toContain('个人信息保护告知书')
    await visible(page, '.stall-card', '摊位 A-01').waitFor()
    expect(await visible(page, '.section', '经营户').first().innerText()).toContain('鹿城区张记面馆')
    await shot(page, `visit-e2e-open${care ? '-care' : ''}`)
    await visible(page, '.chip', '场地').click()
    await visible(page, 'textarea[name=needText]').fill('市场要调整摊位，担心位置变差')
    await visible(page, 'textarea[name=help]').fill('说明了调整摊位要先公示')
    await visible(page, '.cell', '+ 添加跟进事项').click()
    await visible(page, 'input[name=followupTitle0]').fill(care ? '回访摊位调整结果' : '问市场管理方调整方案')
    if (!care) {
      await visible(page, '.cell', '转为诉求案件').click()
      // too short: told under the box, everything typed stays
      await visible(page, 'textarea[name=complaintWhat]').fill('多收')
      await visible(page, '.btn', '保存走访记录').click()
      await visible(page, '.field-error', '请写清诉求内容').waitFor()
      expect(await visible(page, 'textarea[name=needText]').inputValue()).toBe('市场要调整摊位，担心位置变差')
      await visible(page, 'textarea[name=complaintWhat]').fill('市场管理方要调整摊位，没有提前告知经营户。')
    }
    await shot(page, `visit-e2e-form${care ? '-care' : ''}`)
    await visible(page, '.btn', '保存走访记录').click()
    const saved = visible(page, '#visit-saved')
    await saved.waitFor()
    expect(await saved.innerText()).toContain('建了1个跟进事项')
    const filed = /编号(SQ\d{8}[2-9A-HJ-NP-Z]{6})/.exec(await saved.innerText())?.[1]
    if (!care) expect(filed).toBeTruthy()
    await visible(page, '.visit-row', '市场要调整摊位，担心位置变差').first().waitFor()
    await shot(page, `visit-e2e-saved${care ? '-care' : ''}`)
    await visible(page, '.btn', '查看跟进事项').click()
    await visible(page, '.visit-row', care ? '回访摊位调整结果' : '问市场管理方调整方案').waitFor()
    // the page slides in: shoot once it is in place
    await page.waitForTimeout(1800)
    await shot(page, `visit-e2e-followups${care ? '-care' : ''}`)
    if (!care) {
      // the case is in the workbench queue and the owner's own list
      const queue = await env.cloud.ok('complaint', 'complaint.staff.queue', { limit: 50 }, who)
      expect(queue.items.map((x: { id: string }) => x.id)).toContain(filed)
      const mine = await env.cloud.ok('complaint', 'complaint.list', {}, 'demo-owner-1')
      expect(mine.complaints.map((x: { id: string }) => x.id)).toContain(filed)
    }
    expect(problems).toEqual([])
    await page.close()
  })
}

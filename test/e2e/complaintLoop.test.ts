import type { Page } from 'playwright-core'
import { phonePage } from '../helpers/browser'
import { e2eEnvironment, shot, visible } from '../helpers/e2e'

const env = e2eEnvironment()

const FILING = {
  category: 'fee',
  party: '东门农贸市场管理处',
  what: '市场管理处每月另收卫生费200元，没有收据，也没有公示收费依据。',
  happenedOn: '2026-11-18',
  place: '东门农贸市场A-01摊位',
  photos: [],
  disclose: false
}
let n = 0
const file = async (openid: string) => (await env.cloud.ok('complaint', 'complaint.submit', FILING, openid, `e2e-loop-${++n}`)).id as string
const setClock = (iso: string | null) => env.cloud.post('/api/local/clock', JSON.stringify({ now: iso }))
const setCare = (openid: string, careMode: boolean) => env.cloud.ok('user', 'user.settings.save', { careMode }, openid)

/** Nothing wider than the phone: no sideways scrolling, no box running off the right edge. */
async function fitsThePhone(page: Page) {
  return page.evaluate(() => {
    const over = [...document.querySelectorAll<HTMLElement>('.page *')].filter((el) => {
      if (!el.offsetParent) return false
      const r = el.getBoundingClientRect()
      return r.width > 0 && r.right > window.innerWidth + 1
    })
    return { scroll: document.documentElement.scrollWidth <= window.innerWidth, over: over.slice(0, 5).map((el) => `${el.className}: ${(el.textContent ?? '').slice(0, 20)}`) }
  })
}

/** The text box as a person sees it: font, size, height, and the inner textarea's own font. */
const boxLooks = (page: Page, name: string) =>
  visible(page, `textarea[name=${name}]`).evaluate((el) => {
    const s = getComputedStyle(el)
    const label = document.querySelector<HTMLElement>('.page .cell__label')
    return { font: s.fontFamily, size: parseFloat(s.fontSize), labelSize: label ? parseFloat(getComputedStyle(label).fontSize) : 0, height: el.getBoundingClientRect().height, lineHeight: parseFloat(s.lineHeight) }
  })

afterEach(() => setClock(null))

/** A button of the open Taro.showModal dialog (H5), by its exact text. */
const modalButton = (page: Page, text: RegExp) => page.locator('.taro-model__btn', { hasText: text }).filter({ visible: true })

/**
 * The whole page in one picture: Taro H5 scrolls inside its page, so a full-page screenshot stops
 * at the viewport. The viewport is made as tall as the page for the picture, then put back.
 */
async function wholePage(page: Page, name: string) {
  const height = await page.evaluate(() => Math.max(...[...document.querySelectorAll<HTMLElement>('.page')].filter((p) => p.offsetParent).map((p) => p.scrollHeight)))
  await page.setViewportSize({ width: 390, height: Math.max(844, Math.ceil(height)) })
  await page.waitForTimeout(200)
  await shot(page, name)
  await page.setViewportSize({ width: 390, height: 844 })
}

test('the 经过 box: several lines, the page’s own font and size, a count, and larger in 关怀模式', async () => {
  const owner = await phonePage(env.browser, 'demo-owner-1')
  await owner.goto(`${env.cloud.url}/#/complaint/pages/new/index`)
  const box = visible(owner, 'textarea[name=what]')
  await box.waitFor()
  await box.fill('11月3日收摊时被罚款200元，没有说明依据，也没有开票据。')
  expect(await visible(owner, '#what-count').innerText()).toBe('30/1000字')
  const normal = await boxLooks(owner, 'what')
  expect(normal.font).not.toMatch(/monospace/i)
  expect(normal.font).toMatch(/PingFang|Helvetica|system|YaHei|sans-serif/)
  // the size of the rest of the form, and room for at least six lines
  expect(normal.size).toBe(normal.labelSize)
  expect(normal.height).toBeGreaterThanOrEqual(6 * normal.lineHeight)
  expect(await fitsThePhone(owner)).toEqual({ scroll: true, over: [] })
  await visible(owner, '.section__title', '反映什么问题').scrollIntoViewIfNeeded()
  await shot(owner, '45-complaint-textbox')

  await setCare('demo-owner-1', true)
  try {
    await owner.reload()
    await owner.locator('.page.care').first().waitFor()
    const careBox = visible(owner, 'textarea[name=what]')
    await careBox.waitFor()
    // the draft survived the reload
    expect(await careBox.inputValue()).toContain('被罚款200元')
    const care = await boxLooks(owner, 'what')
    expect(care.font).not.toMatch(/monospace/i)
    expect(care.size).toBeGreaterThan(normal.size)
    expect(care.size).toBe(care.labelSize)
    expect(care.height).toBeGreaterThanOrEqual(6 * care.lineHeight)
    expect(await fitsThePhone(owner)).toEqual({ scroll: true, over: [] })
    await shot(owner, '46-complaint-textbox-care')
  } finally {
    await setCare('demo-owner-1', false)
  }
})

test('an owner adds material with a photo and urges after the deadline; the officer sees both; 撤回 before 受理 only', async () => {
  const problems: string[] = []
  await setClock('2026-11-20T02:00:00Z')
  const id = await file('demo-owner-1')
  // Wed 2 Dec, 10:00 China time: the accept deadline (Tue 1 Dec) has passed
  await setClock('2026-12-02T02:00:00Z')
  const owner = await phonePage(env.browser, 'demo-owner-1')
  owner.on('pageerror', (e) => problems.push(e.message))
  await owner.goto(`${env.cloud.url}/#/complaint/pages/detail/index?id=${id}`)
  await visible(owner, '.section__title', '补充材料').waitFor()
  expect(await visible(owner, '#urge').innerText()).toContain('催办会通知办理人员和监管负责人')
  await visible(owner, '.section__title', '撤回').waitFor()
  expect(await fitsThePhone(owner)).toEqual({ scroll: true, over: [] })
  await wholePage(owner, '47-complaint-detail-actions')

  // nothing written: told so, nothing sent
  await visible(owner, '.btn', '提交补充材料').click()
  expect(await visible(owner, '#supplement-error').innerText()).toBe('请写下要补充的内容，或加一张照片')
  await visible(owner, 'textarea[name=supplement]').fill('11月25日管理处又收了一次，这次给了收据，照片附上。')
  expect(await visible(owner, '#supplement-count').innerText()).toBe('27/1000字')
  const png = await owner.evaluate(() => {
    const c = document.createElement('canvas')
    c.width = 800
    c.height = 600
    const g = c.getContext('2d')!
    g.fillStyle = '#f4e8c1'
    g.fillRect(0, 0, 800, 600)
    g.fillStyle = '#333'
    g.font = '48px sans-serif'
    g.fillText('收据 卫生费 200元', 120, 300)
    return c.toDataURL('image/png').split(',')[1]
  })
  const chooser = owner.waitForEvent('filechooser')
  await visible(owner, '#add-supplement-photo').click()
  await (await chooser).setFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: Buffer.from(png, 'base64') })
  await visible(owner, '.photos__remove').first().waitFor()
  await visible(owner, '.btn', '提交补充材料').click()
  await visible(owner, '.timeline__step--supplement').waitFor()
  const added = await visible(owner, '.timeline__step--supplement').innerText()
  expect(added).toContain('补充材料')
  expect(added).toContain('这次给了收据')
  expect(await visible(owner, '.timeline__step--supplement .photos__img').count()).toBe(1)
  // the box is empty again for the next piece of material
  expect(await visible(owner, 'textarea[name=supplement]').inputValue()).toBe('')

  await visible(owner, '.btn', '催办').click()
  await visible(owner, '.timeline__step--urge').waitFor()
  const urged = await visible(owner, '#urge').innerText()
  expect(urged).toContain('已于12月2日 10:00催办，已通知办理人员和监管负责人')
  expect(urged).toContain('12月3日起可以再次催办')
  expect(await visible(owner, '.btn', '催办').count()).toBe(0)
  await owner.waitForTimeout(600)
  await wholePage(owner, '48-complaint-supplemented-urged')

  // the officer: flagged in the queue, the material and its photo in the timeline, the supervisor told
  const reg = await phonePage(env.browser, 'demo-regulator')
  reg.on('pageerror', (e) => problems.push(e.message))
  await reg.goto(`${env.cloud.url}/#/staff/pages/complaints/index`)
  const row = visible(reg, '.staff-complaint', id)
  await row.waitFor()
  expect(await row.innerText()).toContain('已催办')
  expect(await row.innerText()).toContain('有补充材料')
  await row.click()
  await visible(reg, '.timeline__step--supplement').waitFor()
  expect(await visible(reg, '.timeline__step--supplement').innerText()).toContain('这次给了收据')
  expect(await visible(reg, '.timeline__step--supplement .photos__img').count()).toBe(1)
  expect(await visible(reg, '.timeline__step--urge').innerText()).toContain('催办')
  // let the page slide in before measuring (Taro H5 animates it in from the right)
  await reg.waitForTimeout(600)
  expect(await fitsThePhone(reg)).toEqual({ scroll: true, over: [] })
  await wholePage(reg, '49-complaint-workbench-supplement-urge')
  const outbox = await (await fetch(`${env.cloud.url}/api/local/outbox?openid=demo-supervisor`)).json()
  expect(outbox.data.messages.map((m: { title: string; body: string }) => `${m.title}:${m.body}`).join()).toContain(`诉求催办:反映人催办东门农贸市场的诉求${id}`)

  // 撤回: the reason is optional, a confirmation comes first and 不撤回 changes nothing
  const second = await file('demo-owner-1')
  await owner.goto(`${env.cloud.url}/#/complaint/pages/detail/index?id=${second}`)
  await visible(owner, 'textarea[name=withdrawReason]').waitFor()
  await visible(owner, 'textarea[name=withdrawReason]').fill('管理处已经把钱退了')
  await visible(owner, '.btn', '撤回诉求').click()
  await modalButton(owner, /^不撤回$/).click()
  expect((await env.cloud.ok('complaint', 'complaint.get', { id: second }, 'demo-owner-1')).status).toBe('submitted')
  await visible(owner, '.btn', '撤回诉求').click()
  await modalButton(owner, /^撤回$/).click()
  await visible(owner, '.tag', '已撤回').waitFor()
  expect(await visible(owner, '.timeline').innerText()).toContain('撤回原因：管理处已经把钱退了')
  expect(await visible(owner, '.section__title', '补充材料').count()).toBe(0)
  expect(await visible(owner, '.section__title', '催办').count()).toBe(0)
  await owner.waitForTimeout(600)
  await wholePage(owner, '50-complaint-withdrawn')
  await reg.goto(`${env.cloud.url}/#/staff/pages/complaints/index`)
  const gone = visible(reg, '.staff-complaint', second)
  await gone.waitFor()
  expect(await gone.innerText()).toContain('已撤回')
  expect(await fitsThePhone(reg)).toEqual({ scroll: true, over: [] })
  await shot(reg, '51-complaint-queue-withdrawn')

  // accepted while the owner's page was open: 撤回 is refused in plain words and the page catches up
  const third = await file('demo-owner-1')
  await owner.goto(`${env.cloud.url}/#/complaint/pages/detail/index?id=${third}`)
  await visible(owner, '.btn', '撤回诉求').waitFor()
  await env.cloud.ok('complaint', 'complaint.staff.act', { id: third, expected: 'submitted', event: { type: 'accept' } }, 'demo-regulator')
  await visible(owner, '.btn', '撤回诉求').click()
  await modalButton(owner, /^撤回$/).click()
  await visible(owner, '#withdraw-error').waitFor()
  expect(await visible(owner, '#withdraw-error').innerText()).toBe('诉求已受理，不能撤回了。如果问题已经解决，可以补充材料告诉办理人员')
  await visible(owner, '.tag', '已受理').waitFor()
  expect(await visible(owner, '.btn', '撤回诉求').count()).toBe(0)
  expect(problems).toEqual([])
})

test('关怀模式: the detail with 催办, 补充材料 and 撤回, and the workbench, fit the phone', async () => {
  await setClock('2026-11-20T02:00:00Z')
  const id = await file('demo-owner-2')
  await setClock('2026-12-02T02:00:00Z')
  await env.cloud.ok('complaint', 'complaint.supplement', { id, text: '上周又被收了一次卫生费，收据已拍照。' }, 'demo-owner-2', 'e2e-care-sup')
  await setCare('demo-owner-2', true)
  await setCare('demo-regulator', true)
  try {
    const owner = await phonePage(env.browser, 'demo-owner-2')
    await owner.goto(`${env.cloud.url}/#/complaint/pages/detail/index?id=${id}`)
    await owner.locator('.page.care').first().waitFor()
    await visible(owner, '.btn', '催办').waitFor()
    await visible(owner, '.section__title', '撤回').waitFor()
    expect(await fitsThePhone(owner)).toEqual({ scroll: true, over: [] })
    await owner.waitForTimeout(600)
    await wholePage(owner, '52-complaint-detail-actions-care')

    const reg = await phonePage(env.browser, 'demo-regulator')
    await reg.goto(`${env.cloud.url}/#/staff/pages/complaint/index?id=${id}`)
    await reg.locator('.page.care').first().waitFor()
    await visible(reg, '.timeline__step--supplement').waitFor()
    expect(await fitsThePhone(reg)).toEqual({ scroll: true, over: [] })
    await reg.waitForTimeout(600)
    await wholePage(reg, '53-complaint-workbench-care')
  } finally {
    await setCare('demo-owner-2', false)
    await setCare('demo-regulator', false)
  }
})

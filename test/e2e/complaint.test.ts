import { phonePage } from '../helpers/browser'
import { e2eEnvironment, shot, visible } from '../helpers/e2e'

const env = e2eEnvironment()

test('an owner files with a photo; a regulator accepts, assigns and replies; 不满意 reopens it; the overdue sweep reaches the supervisor', async () => {
  const problems: string[] = []
  const owner = await phonePage(env.browser, 'demo-owner-1')
  owner.on('pageerror', (e) => problems.push(e.message))
  await owner.goto(`${env.cloud.url}/`)
  await owner.getByText('我要诉求').first().click()
  await visible(owner, '.btn', '我要反映问题').click()

  // the place is prefilled from the stall the owner scanned
  const place = visible(owner, 'input[name=place]')
  await place.waitFor()
  expect(await place.inputValue()).toBe('东门农贸市场A-01摊位')

  // nothing chosen yet: told what is missing, nothing sent
  await visible(owner, '.btn', '提交').click()
  expect(await visible(owner, '#error-category').innerText()).toBe('请选择问题类型')

  await visible(owner, '.chip', '违规收费').click()
  await visible(owner, 'input[name=party]').fill('东门农贸市场管理处')
  await visible(owner, 'textarea[name=what]').fill('管理处每月另收卫生费200元，不给收据，也没有公示收费依据。')
  await visible(owner, 'input[name=phone]').fill('13912345678')

  // a large, noisy photo (a 2400×1800 PNG of several MB) is redrawn as a JPEG small enough to send
  const png = await owner.evaluate(() => {
    const c = document.createElement('canvas')
    c.width = 2400
    c.height = 1800
    const g = c.getContext('2d')!
    const img = g.createImageData(c.width, c.height)
    for (let i = 0; i < img.data.length; i++) img.data[i] = i % 4 === 3 ? 255 : (Math.random() * 256) | 0
    g.putImageData(img, 0, 0)
    return c.toDataURL('image/png').split(',')[1]
  })
  const big = Buffer.from(png, 'base64')
  expect(big.length).toBeGreaterThan(5_000_000)
  const chooser = owner.waitForEvent('filechooser')
  await visible(owner, '#add-photo').click()
  await (await chooser).setFiles({ name: 'receipt.png', mimeType: 'image/png', buffer: big })
  await visible(owner, '.photos__img').first().waitFor()
  await shot(owner, '40-complaint-form')

  await visible(owner, '.btn', '提交').click()
  const filed = visible(owner, '.notice', '已提交，诉求编号')
  await filed.waitFor()
  const id = /SQ\d{8}[2-9A-Z]{6}/.exec(await filed.innerText())![0]
  expect(await visible(owner, '.cell', '期限').innerText()).toMatch(/受理期限\d+月\d+日/)
  // let the page slide in before the picture (the assertions above do not depend on it)
  await owner.waitForTimeout(600)
  await shot(owner, '41-complaint-filed')
  const stored = (await env.cloud.ports.db.collection('complaints').get(id)) as { photos: string[] } | null
  expect(stored?.photos).toHaveLength(1)
  const photoBytes = await env.cloud.ports.db.collection('complaintUploads').find({ complaintId: id })
  expect((photoBytes[0] as unknown as { contentType: string }).contentType).toBe('image/jpeg')
  // it went prepare → storage endpoint → confirm, into the owner's own folder, checked and small enough
  const upload = photoBytes[0] as unknown as { state: string; fileId: string; bytes: number }
  expect(upload.state).toBe('ready')
  expect(upload.fileId).toMatch(/^local:complaint-uploads\/[0-9a-f]{24}\/[0-9a-f]{32}\.jpg$/)
  expect(upload.bytes).toBeLessThanOrEqual(640 * 1024)

  // the regulator's workbench: phone masked, identity kept from the party
  const reg = await phonePage(env.browser, 'demo-regulator')
  reg.on('pageerror', (e) => problems.push(e.message))
  await reg.goto(`${env.cloud.url}/#/staff/pages/complaints/index`)
  await visible(reg, '.staff-complaint', id).click()
  const what = visible(reg, '#complaint-what')
  await what.waitFor()
  const page = await reg.locator('body').innerText()
  expect(page).toContain('139****5678')
  expect(page).not.toContain('13912345678')
  expect(page).toContain('身份保密')
  expect(page).not.toContain('张记面馆')
  // to call the reporter back the officer asks for the whole number, and that is on record
  await visible(reg, '#show-phone').click()
  expect(await visible(reg, '#reporter-phone').innerText()).toContain('13912345678')
  await visible(reg, '.cell', '查看电话').waitFor()
  await visible(reg, '.btn--primary', '受理').click()
  await visible(reg, '.chip', '综合行政执法队').click()
  await visible(reg, '.btn', '交办').click()
  await visible(reg, 'textarea[name=staffText]').waitFor()
  await visible(reg, 'textarea[name=staffText]').fill('经核查，卫生费无收费依据，已责令管理处停止收取并退还。')
  await visible(reg, '.btn', '答复').click()
  await visible(reg, '.tag', '已答复').waitFor()
  expect(await reg.locator('body').innerText()).toContain('王科员')
  await shot(reg, '42-complaint-workbench')

  // the owner reads the reply and is not satisfied: it reopens
  await owner.goto(`${env.cloud.url}/#/complaint/pages/detail/index?id=${id}`)
  await visible(owner, '#reply').waitFor()
  expect(await visible(owner, '#reply').innerText()).toContain('已责令管理处停止收取')
  await visible(owner, '.chip', '不满意').click()
  await visible(owner, '.btn', '提交评价').click()
  expect(await visible(owner, '#rate-error').innerText()).toContain('哪里不满意')
  await visible(owner, 'textarea[name=comment]').fill('钱还没有退')
  await visible(owner, '.btn', '提交评价').click()
  await visible(owner, '.tag', '办理中').waitFor()
  const timeline = await visible(owner, '.timeline').innerText()
  expect(timeline).toContain('不满意：钱还没有退')
  expect(timeline.indexOf('已答复')).toBeLessThan(timeline.lastIndexOf('办理中'))
  await shot(owner, '43-complaint-reopened')

  // past the reply deadline, the scheduler marks it overdue and tells the supervisor
  await env.cloud.post('/api/local/clock', JSON.stringify({ now: new Date(Date.now() + 40 * 86400_000).toISOString() }))
  expect((await env.cloud.post('/api/local/trigger/scheduler', '')).status).toBe(200)
  const outbox = await (await fetch(`${env.cloud.url}/api/local/outbox?openid=demo-supervisor`)).json()
  expect(outbox.data.messages.map((m: { title: string; body: string }) => m.body).join()).toContain(id)
  const sup = await phonePage(env.browser, 'demo-supervisor')
  sup.on('pageerror', (e) => problems.push(e.message))
  await sup.goto(`${env.cloud.url}/#/staff/pages/complaints/index`)
  await visible(sup, '#filterOverdue').click()
  const row = visible(sup, '.staff-complaint', id)
  await row.waitFor()
  expect(await row.innerText()).toContain('超期')
  await shot(sup, '44-complaint-overdue')
  await env.cloud.post('/api/local/clock', JSON.stringify({ now: null }))
  expect(problems).toEqual([])
})

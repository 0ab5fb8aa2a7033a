import { readFileSync } from 'node:fs'
import jsQR from 'jsqr'
import type { Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { MODULES } from '../../src/core/course/content'
import { checkCertificateCode, formatCode, maskName, QR_PREFIX } from '../../src/core/course/certificateCode'
import { chinaDate } from '../../src/core/common/time'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import { phonePage } from '../helpers/browser'
import { readLessons, trackLessons } from '../helpers/course'
import { e2eEnvironment, shot, visible } from '../helpers/e2e'
import { PROFILE } from '../helpers/fixtures'

const env = e2eEnvironment()
const QUESTIONS = new Map(MODULES.flatMap((m) => m.lessons.flatMap((l) => l.questions.map((q) => [q.id, q] as const))))
const pngQr = (bytes: Buffer) => {
  const png = PNG.sync.read(bytes)
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data
}

test('a new owner is shown what is left, reads every lesson, is told how long to wait, passes, and saves a certificate the regulator verifies', async () => {
  const problems: string[] = []
  const who = 'e2e-learner'
  const name = '鹿城区小陈快餐'
  const ok = (action: string, payload: unknown, as = who) => env.cloud.ok(action.split('.')[0], action, payload, as)
  await ok('user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true })
  const openedOn = chinaDate(new Date(Date.now() - 20 * 86400_000))
  await ok('user.profile.save', { ...PROFILE, businessName: name, industry: 'catering', openedOn, stallCode: 'DMD5R2' })
  const moveClock = (minutes: number) => env.cloud.post('/api/local/clock', JSON.stringify({ now: new Date(env.cloud.clock.now().getTime() + minutes * 60_000).toISOString() }))
  const watch = (p: Page) => {
    p.on('pageerror', (e) => problems.push(e.message))
    return p
  }

  // the regulator's figures before
  const reg = watch(await phonePage(env.browser, 'demo-regulator'))
  await reg.goto(`${env.cloud.url}/#/staff/pages/course/index`)
  const totals = visible(reg, '#course-totals')
  await totals.waitFor()
  const startedBefore = Number(/已开始学习(\d+)户/.exec(await totals.innerText())![1])
  expect(await visible(reg, '.course-waiting', name).count()).toBe(1)

  // 首页 recommends the course; the course page shows what is read and what is left
  const owner = watch(await phonePage(env.browser, who))
  await owner.goto(`${env.cloud.url}/`)
  await visible(owner, '#course-card').waitFor()
  await visible(owner, '#course-card').getByText('开始学习').click()
  await visible(owner, '#course-progress', '已学 0/12 课，还有12课').waitFor()
  expect(await visible(owner, '#exam-gate').innerText()).toContain('学完全部12课才能参加测验，还有12课没学')
  expect(await visible(owner, '.btn', '参加测验').count()).toBe(0)
  await visible(owner, '#course-progress').getByText('开始学习').click()

  // one lesson, read and marked
  const source = visible(owner, '#lesson-source')
  await source.waitFor()
  expect(await source.innerText()).toContain('市场主体登记管理条例')
  await visible(owner, '.btn', '学完了，下一课').click()
  await visible(owner, '#lesson', '年报').waitFor()
  await visible(owner, '.btn', '返回目录').click()
  await visible(owner, '#course-progress', '已学 1/12 课，还有11课').waitFor()
  await visible(owner, '.btn', '还有11课没学，先去学').waitFor()
  // from the top: the progress; then the test section, which names what is left
  await owner.reload()
  await visible(owner, '#course-progress', '已学 1/12 课').waitFor()
  await owner.waitForTimeout(400)
  await shot(owner, '50-course-progress')
  await visible(owner, '.btn', '还有11课没学，先去学').scrollIntoViewIfNeeded()
  expect(await visible(owner, '#exam-gate').innerText()).toContain('还有11课没学：“年报：每年1月1日至6月30日，当心骗局”')
  await owner.waitForTimeout(300)
  await shot(owner, '50b-course-exam-gate')

  // the test page opened directly before the lessons are done: refused on the server, with a way back
  await owner.goto(`${env.cloud.url}/#/course/pages/exam/index`)
  await visible(owner, '#exam-refused', '还有11课没学完').waitFor()

  // the rest of the lessons (as 学完了 does), then the test opens
  const ids = trackLessons('catering')
  await readLessons(env.cloud, who, 'catering', ids.slice(1))
  await owner.goto(`${env.cloud.url}/#/course/pages/index/index`)
  await owner.reload()
  await visible(owner, '#course-progress', '已学 12/12 课，全部学完').waitFor()

  const answer = async (page: Page, right: boolean) => {
    await visible(page, '#q-9').waitFor()
    const [attempt] = (await env.cloud.ports.db.collection('courseAttempts').find({ openid: who, submittedAt: null } as never)) as unknown as Array<{ drawn: Array<{ questionId: string; order: number[] }> }>
    for (const [i, d] of attempt.drawn.entries()) {
      const correct = QUESTIONS.get(d.questionId)!.answer
      const pos = right ? d.order.indexOf(correct) : d.order.findIndex((o) => o !== correct)
      await visible(page, `#q-${i} .exam__opt`).nth(pos).click()
    }
  }

  // the test, on a phone whose clock the test moves: the timer is a countdown
  const exam = watch(await phonePage(env.browser, who))
  await exam.clock.install()
  await exam.goto(`${env.cloud.url}/#/course/pages/exam/index`)
  const timer = visible(exam, '#exam-timer')
  await timer.waitFor()
  expect(await timer.innerText()).toMatch(/剩余 (1小时00分|59分\d\d秒)/)
  expect(await exam.locator('body').innerText()).not.toMatch(/请在\d\d:\d\d前/)

  // wrong answers sent at once: told how many seconds, counted down on the button, answers kept
  await answer(exam, false)
  await visible(exam, '.btn', '交卷').click()
  const wait = visible(exam, '#exam-wait')
  await wait.waitFor()
  const waitSeconds = async () => Number(/(\d+)秒后可以交卷/.exec(await wait.innerText())![1])
  const seconds = await waitSeconds()
  expect(seconds).toBeGreaterThan(10)
  expect(seconds).toBeLessThanOrEqual(30)
  await exam.clock.fastForward(5_000)
  expect(seconds - (await waitSeconds())).toBeGreaterThanOrEqual(5)
  await visible(exam, '.btn', '秒后可以交卷').scrollIntoViewIfNeeded()
  await shot(exam, '52-course-too-fast')
  expect(await visible(exam, '.exam__opt--on').count()).toBe(10)
  await exam.clock.fastForward(31_000)
  await wait.waitFor({ state: 'detached' })

  // the timer ticks down to the last minutes, and says so
  const [, minutes, secs] = /剩余 (\d+)分(\d+)秒/.exec(await timer.innerText())!
  const left = Number(minutes) * 60 + Number(secs)
  await exam.clock.fastForward((left - 279) * 1000)
  expect(await timer.innerText()).toMatch(/剩余 4分(3\d|40)秒/)
  await visible(exam, '.exam-timer--hurry').waitFor()
  await shot(exam, '51-course-exam-countdown')

  // graded once the server's clock says they had time to read
  await moveClock(2)
  await visible(exam, '.btn', '交卷').click()
  const result = visible(exam, '#exam-result')
  await result.waitFor()
  expect(await result.innerText()).toMatch(/0分 · 未通过/)
  expect(await result.innerText()).toMatch(/(10分00秒|9分5\d秒)后可以再考/)
  await exam.clock.fastForward(60_000)
  expect(await result.innerText()).toMatch(/(9分0\d秒|8分5\d秒)后可以再考/)
  await exam.close()

  // back on the course page: the wait counts down there too
  await owner.reload()
  await visible(owner, '#exam-gate', '后可以再考').waitFor()
  expect(await owner.locator('body').innerText()).toContain('上次得分：0分')
  await moveClock(11)
  await owner.reload()
  await visible(owner, '.btn', '参加测验').click()
  await answer(owner, true)
  await moveClock(2)
  await visible(owner, '.btn', '交卷').click()
  await visible(owner, '#exam-result', '100分 · 通过').waitFor()
  await visible(owner, '.btn', '查看结业证书').click()

  // the certificate: issuer, verification code, and a QR that scans to it
  const cert = visible(owner, '#certificate')
  await cert.waitFor()
  const text = await cert.innerText()
  expect(text).toContain(name)
  expect(text).toContain('主办单位')
  expect(text).toContain('本地演示环境（非真实发证单位）')
  const code = checkCertificateCode(/核验码 ([A-Z0-9-]+)/.exec(text)![1])
  if (!code.ok) throw new Error(code.message)
  await visible(owner, '#cert-qr').waitFor()
  expect(pngQr(await visible(owner, '#cert-qr').screenshot())).toBe(`${QR_PREFIX}${code.code}`)
  await owner.waitForTimeout(400)
  await shot(owner, '53-course-certificate')
  // saved as an image: a PNG download carrying the whole certificate and its QR
  const [download] = await Promise.all([owner.waitForEvent('download'), visible(owner, '.btn', '下载证书图片').click()])
  expect(download.suggestedFilename()).toBe(`结业证书-${formatCode(code.code)}.png`)
  const file = await download.path()
  expect(pngQr(readFileSync(file))).toBe(`${QR_PREFIX}${code.code}`)

  // the regulator's figures after: nested, and this owner counted in each
  await reg.reload()
  await visible(reg, '#course-totals').waitFor()
  const after = await visible(reg, '#course-totals').innerText()
  expect(Number(/已开始学习(\d+)户/.exec(after)![1])).toBe(startedBefore + 1)
  const completed = Number(/学完全部课程(\d+)户/.exec(after)![1])
  const passed = Number(/学完并通过测验(\d+)户/.exec(after)![1])
  expect(completed).toBeGreaterThanOrEqual(passed)
  expect(passed).toBeGreaterThanOrEqual(1)
  expect(await visible(reg, '.course-waiting', name).count()).toBe(0)
  // the officer checks the code the owner shows: a typo first, then the real one typed loosely
  const typo = code.code.slice(0, 7) + (code.code[7] === 'A' ? 'B' : 'A')
  await reg.locator('input[name=certCode]').fill(typo)
  await visible(reg, '.btn', '核验').click()
  await visible(reg, '#cert-error', '核验码有一位不对').waitFor()
  await reg.locator('input[name=certCode]').fill(formatCode(code.code).toLowerCase())
  await visible(reg, '.btn', '核验').click()
  const verified = visible(reg, '#cert-verified')
  await verified.waitFor()
  expect(await verified.innerText()).toContain('证书有效')
  expect(await verified.innerText()).toContain(maskName(name))
  expect(await verified.innerText()).not.toContain(name)
  await reg.waitForTimeout(300)
  // the progress chart: ECharts drew on a canvas with something on it (not a blank box)
  const inked = await reg.locator('.chart__canvas canvas').first().evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data
    let n = 0
    for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++
    return n
  })
  expect(inked).toBeGreaterThan(1000)
  await shot(reg, '54-course-staff-verify')

  // 关怀模式: the same four screens, as readable
  await ok('user.settings.save', { careMode: true })
  await ok('user.settings.save', { careMode: true }, 'demo-regulator')
  await owner.goto(`${env.cloud.url}/#/course/pages/index/index`)
  await owner.reload()
  await visible(owner, '.page.care #course-progress').waitFor()
  await owner.waitForTimeout(400)
  await shot(owner, '55-course-progress-care')
  const practice = watch(await phonePage(env.browser, who))
  await practice.clock.install()
  await practice.goto(`${env.cloud.url}/#/course/pages/exam/index`)
  await visible(practice, '.page.care #exam-timer').waitFor()
  await practice.clock.fastForward((60 * 60 - 279) * 1000)
  await shot(practice, '56-course-exam-countdown-care')
  await practice.close()
  await owner.goto(`${env.cloud.url}/#/course/pages/certificate/index`)
  await owner.reload()
  await visible(owner, '.page.care #certificate').waitFor()
  await visible(owner, '#cert-qr').waitFor()
  expect(pngQr(await visible(owner, '#cert-qr').screenshot())).toBe(`${QR_PREFIX}${code.code}`)
  await owner.waitForTimeout(400)
  await shot(owner, '57-course-certificate-care')
  await reg.reload()
  await visible(reg, '.page.care #course-totals').waitFor()
  await reg.locator('input[name=certCode]').fill(code.code)
  await visible(reg, '.btn', '核验').click()
  await visible(reg, '#cert-verified').waitFor()
  await reg.waitForTimeout(300)
  await shot(reg, '58-course-staff-verify-care')
  await ok('user.settings.save', { careMode: false })
  await ok('user.settings.save', { careMode: false }, 'demo-regulator')

  await env.cloud.post('/api/local/clock', JSON.stringify({ now: null }))
  expect(problems).toEqual([])
})

import type { Page } from 'playwright-core'
import { MODULES } from '../../src/core/course/content'
import { chinaDate } from '../../src/core/common/time'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import { phonePage } from '../helpers/browser'
import { e2eEnvironment, shot, visible } from '../helpers/e2e'
import { PROFILE } from '../helpers/fixtures'

const env = e2eEnvironment()
const QUESTIONS = new Map(MODULES.flatMap((m) => m.lessons.flatMap((l) => l.questions.map((q) => [q.id, q] as const))))

test('a new owner reads a lesson, fails the test once, passes and shows the certificate; the regulator sees the figures change', async () => {
  const problems: string[] = []
  const who = 'e2e-learner'
  const name = '鹿城区小陈快餐'
  const ok = (action: string, payload: unknown) => env.cloud.ok(action.split('.')[0], action, payload, who)
  await ok('user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true })
  const openedOn = chinaDate(new Date(Date.now() - 20 * 86400_000))
  await ok('user.profile.save', { ...PROFILE, businessName: name, industry: 'catering', openedOn, stallCode: 'DMD5R2' })
  const moveClock = (minutes: number) => env.cloud.post('/api/local/clock', JSON.stringify({ now: new Date(env.cloud.clock.now().getTime() + minutes * 60_000).toISOString() }))

  // the regulator's figures before
  const reg = await phonePage(env.browser, 'demo-regulator')
  reg.on('pageerror', (e) => problems.push(e.message))
  await reg.goto(`${env.cloud.url}/#/staff/pages/course/index`)
  const totals = visible(reg, '#course-totals')
  await totals.waitFor()
  const startedBefore = Number(/已开始学习(\d+)户/.exec(await totals.innerText())![1])
  expect(await visible(reg, '.course-waiting', name).count()).toBe(1)

  // 首页 recommends the course to a new owner
  const owner = await phonePage(env.browser, who)
  owner.on('pageerror', (e) => problems.push(e.message))
  await owner.goto(`${env.cloud.url}/`)
  await visible(owner, '#course-card').waitFor()
  await shot(owner, '50-course-recommended')
  await visible(owner, '#course-card').getByText('开始学习').click()
  await visible(owner, '#course-progress', '已学 0/12').waitFor()
  expect(await owner.locator('body').innerText()).toContain('食品经营（餐饮、食品销售）')
  await visible(owner, '#course-progress').getByText('开始学习').click()

  // one lesson, read and marked
  const source = visible(owner, '#lesson-source')
  await source.waitFor()
  expect(await source.innerText()).toContain('市场主体登记管理条例')
  await owner.waitForTimeout(600)
  await shot(owner, '51-course-lesson')
  await visible(owner, '.btn', '学完了，下一课').click()
  await visible(owner, '#lesson', '年报').waitFor()
  await visible(owner, '.btn', '返回目录').click()
  await visible(owner, '#course-progress', '已学 1/12').waitFor()

  const answer = async (page: Page, right: boolean) => {
    await visible(page, '#q-9').waitFor()
    const [attempt] = (await env.cloud.ports.db.collection('courseAttempts').find({ openid: who, submittedAt: null } as never)) as unknown as Array<{ drawn: Array<{ questionId: string; order: number[] }> }>
    for (const [i, d] of attempt.drawn.entries()) {
      const correct = QUESTIONS.get(d.questionId)!.answer
      const pos = right ? d.order.indexOf(correct) : d.order.findIndex((o) => o !== correct)
      await visible(page, `#q-${i} .exam__opt`).nth(pos).click()
    }
  }

  // first try: wrong answers, and too soon to have read them
  await visible(owner, '.btn', '参加测验').click()
  await answer(owner, false)
  await visible(owner, '.btn', '交卷').click()
  expect(await visible(owner, '#exam-error').innerText()).toContain('答得太快')
  await moveClock(2)
  await visible(owner, '.btn', '交卷').click()
  const result = visible(owner, '#exam-result')
  await result.waitFor()
  expect(await result.innerText()).toMatch(/0分 · 未通过/)
  expect(await result.innerText()).toContain('后可以再考')
  await shot(owner, '52-course-failed')

  // back to the lessons; after the wait, a fresh draw, passed
  await visible(owner, '.btn', '回去复习').click()
  await visible(owner, '#course-progress').waitFor()
  expect(await owner.locator('body').innerText()).toContain('上次得分：0分')
  await moveClock(11)
  await owner.goto(`${env.cloud.url}/#/course/pages/index/index`)
  await owner.reload()
  await visible(owner, '.btn', '参加测验').click()
  await answer(owner, true)
  await moveClock(2)
  await visible(owner, '.btn', '交卷').click()
  await visible(owner, '#exam-result', '100分 · 通过').waitFor()
  await visible(owner, '.btn', '查看结业证书').click()
  const cert = visible(owner, '#certificate')
  await cert.waitFor()
  const serial = /证书编号 (DYK\d{10})/.exec(await cert.innerText())![1]
  expect(await cert.innerText()).toContain(name)
  await owner.waitForTimeout(600)
  await shot(owner, '53-course-certificate')

  // the regulator's figures after
  await reg.reload()
  await visible(reg, '#course-totals').waitFor()
  const after = await visible(reg, '#course-totals').innerText()
  expect(Number(/已开始学习(\d+)户/.exec(after)![1])).toBe(startedBefore + 1)
  expect(await visible(reg, '.course-waiting', name).count()).toBe(0)
  // the officer checks the certificate the owner shows: a mistyped serial, then the real one
  await reg.locator('input[name=certSerial]').fill('DYK2026999999')
  await visible(reg, '.btn', '核验').click()
  await visible(reg, '#cert-error', '没有这个证书编号').waitFor()
  await reg.locator('input[name=certSerial]').fill(serial.toLowerCase())
  await visible(reg, '.btn', '核验').click()
  expect(await visible(reg, '#cert-verified').innerText()).toContain(`证书有效：${name}`)
  await shot(reg, '54-course-staff')
  await env.cloud.post('/api/local/clock', JSON.stringify({ now: null }))
  expect(problems).toEqual([])
})

import { MODULES } from '../../src/core/course/content'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import { testCloud, type TestCloud } from '../helpers/cloud'
import { PROFILE } from '../helpers/fixtures'

const QUESTIONS = new Map(MODULES.flatMap((m) => m.lessons.flatMap((l) => l.questions.map((q) => [q.id, q] as const))))

describe('course function over HTTP', () => {
  let c: TestCloud
  const setClock = (iso: string) => c.post('/api/local/clock', JSON.stringify({ now: iso }))
  const later = async (minutes: number) => {
    const now = c.clock.now()
    await setClock(new Date(now.getTime() + minutes * 60_000).toISOString())
  }
  const onboard = async (openid: string, extra: Record<string, unknown> = {}) => {
    await c.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, openid)
    return c.ok('user', 'user.profile.save', { ...PROFILE, ...extra }, openid)
  }
  /** The shown positions of the right (or a wrong) option, read from the stored attempt as only the server can. */
  const answersFor = async (attemptId: string, right: boolean) => {
    const a = (await c.ports.db.collection('courseAttempts').get(attemptId)) as unknown as { drawn: Array<{ questionId: string; order: number[] }> }
    return a.drawn.map((d) => {
      const answer = QUESTIONS.get(d.questionId)!.answer
      return right ? d.order.indexOf(answer) : d.order.findIndex((i) => i !== answer)
    })
  }

  beforeAll(async () => {
    c = await testCloud()
    await setClock('2026-11-21T02:00:00Z')
    await c.ports.db.collection('staff').set('reg-hz', { role: 'regulator', name: '赵科员', region: '330100', bankName: null, createdAt: '' } as never)
    // a food seller who opened last month, bound to a stall in 东门农贸市场
    await onboard('learner', { industry: 'catering', openedOn: '2026-10-08', stallCode: 'DMG8U5' })
    await onboard('other-learner', { industry: 'retail', openedOn: '2026-11-01', businessName: '鹿城区小周百货' })
  })
  afterAll(() => c.stop())

  test('one invitation when an owner joins; the course is recommended to new owners', async () => {
    await onboard('learner', { industry: 'catering', openedOn: '2026-10-08' })
    const inbox = (await c.ok('reminder', 'reminder.inbox.list', {}, 'learner')).messages as Array<{ title: string }>
    expect(inbox.filter((m) => m.title === '邀请您学习开业第一课')).toHaveLength(1)
    expect(await c.ok('course', 'course.status', {}, 'learner')).toEqual({ recommended: true, lessonsDone: 0, lessonsTotal: 12, passed: false })
    // 张记面馆 opened in 2019 and joined long before the clock's today
    await c.ports.db.collection('owners').update('demo-owner-1', { createdAt: '2025-01-01T00:00:00.000Z' })
    expect((await c.ok('course', 'course.status', {}, 'demo-owner-1')).recommended).toBe(false)
  })

  test('catalog, lessons and progress are per owner, resume where they left off, and follow the industry', async () => {
    const cat = await c.ok('course', 'course.catalog', {}, 'learner')
    expect(cat.modules.map((m: any) => m.title)).toEqual(['主体经营须知', '安全生产规范', '法律合规指引', '内部管理', '税费', '融资与诉求', '食品经营（餐饮、食品销售）'])
    expect(cat.modules.at(-1).industry).toBe(true)
    expect(cat.resumeLessonId).toBe('basics-licence')
    expect(cat.exam).toMatchObject({ size: 10, passPercent: 80, canStart: true, passed: false })

    const lesson = await c.ok('course', 'course.lesson.get', { lessonId: 'basics-licence' }, 'learner')
    // what rests on no quotable source is shown as ours, point by point
    expect(lesson.notes).toHaveLength(lesson.points.length)
    expect(lesson.notes[4]).toMatch(/^本平台口径：/)
    expect(lesson.notes.filter((n: string | null) => n === null).length).toBeGreaterThan(0)
    expect(lesson).toMatchObject({ moduleTitle: '主体经营须知', done: false, prevId: null, nextId: 'basics-annual-report' })
    expect(lesson.source).toContain('市场主体登记管理条例')
    expect(JSON.stringify(lesson)).not.toContain('answer')
    expect(await c.ok('course', 'course.progress.save', { lessonId: 'basics-licence' }, 'learner')).toEqual({ lessonsDone: 1, lessonsTotal: 12 })
    expect(await c.ok('course', 'course.progress.save', { lessonId: 'basics-licence' }, 'learner')).toEqual({ lessonsDone: 1, lessonsTotal: 12 })
    await c.ok('course', 'course.progress.save', { lessonId: 'safety-fire' }, 'learner')
    const after = await c.ok('course', 'course.catalog', {}, 'learner')
    expect(after.resumeLessonId).toBe('law-price-ads')
    expect(after.modules[0]).toMatchObject({ done: 1 })

    // another owner's progress is their own; a retail owner has no food track
    expect((await c.ok('course', 'course.catalog', {}, 'other-learner')).lessonsDone).toBe(0)
    expect((await c.call('course', { action: 'course.lesson.get', payload: { lessonId: 'food-safety' } }, 'other-learner')).status).toBe(404)
    expect((await c.call('course', { action: 'course.progress.save', payload: { lessonId: 'no-such-lesson' } }, 'learner')).status).toBe(404)
    expect((await c.call('course', { action: 'course.lesson.get', payload: { lessonId: '../etc' } }, 'learner')).status).toBe(400)
    // no profile yet: told what to do first
    const fresh = await c.call('course', { action: 'course.catalog', payload: {} }, 'no-profile-yet')
    expect(fresh.status).toBe(412)
  })

  test('the exam: no answers before submission, too fast refused, fail, wait, pass once, certificate', async () => {
    const start = await c.ok('course', 'course.exam.start', {}, 'learner')
    expect(start.questions).toHaveLength(10)
    const raw = JSON.stringify(start)
    expect(raw).not.toMatch(/answer|explain|questionId|order/)
    // reloading hands back the same attempt, not a fresh draw
    expect((await c.ok('course', 'course.exam.start', {}, 'learner')).attemptId).toBe(start.attemptId)

    const wrong = await answersFor(start.attemptId, false)
    const fast = await c.call('course', { action: 'course.exam.submit', payload: { attemptId: start.attemptId, answers: wrong } }, 'learner')
    expect(fast.status).toBe(409)
    expect(!fast.body.ok && fast.body.error.message).toContain('太快')
    await later(2)
    // someone else cannot submit my attempt; a short answer sheet is refused
    expect((await c.call('course', { action: 'course.exam.submit', payload: { attemptId: start.attemptId, answers: wrong } }, 'other-learner')).status).toBe(404)
    expect((await c.call('course', { action: 'course.exam.submit', payload: { attemptId: start.attemptId, answers: wrong.slice(0, 3) } }, 'learner')).status).toBe(400)

    const failed = await c.ok('course', 'course.exam.submit', { attemptId: start.attemptId, answers: wrong }, 'learner')
    expect(failed).toMatchObject({ correct: 0, percent: 0, passed: false, certificate: null })
    expect(failed.review.every((r: any) => !r.right && r.explain)).toBe(true)
    expect(Date.parse(failed.retryAt) - c.clock.now().getTime()).toBeGreaterThan(9 * 60_000)
    const reused = await c.call('course', { action: 'course.exam.submit', payload: { attemptId: start.attemptId, answers: await answersFor(start.attemptId, true) } }, 'learner')
    expect(reused.status).toBe(409)
    const tooSoon = await c.call('course', { action: 'course.exam.start', payload: {} }, 'learner')
    expect(tooSoon.status).toBe(412)
    expect(!tooSoon.body.ok && tooSoon.body.error.message).toMatch(/\d+分钟后可以再考/)
    expect((await c.ok('course', 'course.catalog', {}, 'learner')).exam).toMatchObject({ canStart: false, lastPercent: 0 })

    await later(11)
    const second = await c.ok('course', 'course.exam.start', {}, 'learner')
    expect(second.attemptId).not.toBe(start.attemptId)
    await later(1)
    const passed = await c.ok('course', 'course.exam.submit', { attemptId: second.attemptId, answers: await answersFor(second.attemptId, true) }, 'learner')
    expect(passed).toMatchObject({ correct: 10, percent: 100, passed: true, retryAt: null })
    expect(passed.certificate).toMatchObject({ serial: 'DYK2026000001', businessName: PROFILE.businessName, issuedOn: '2026-11-21', courseTitle: '开业第一课' })

    expect(await c.ok('course', 'course.certificate.get', {}, 'learner')).toEqual(passed.certificate)
    expect((await c.call('course', { action: 'course.certificate.get', payload: {} }, 'other-learner')).status).toBe(404)
    expect(await c.ok('course', 'course.status', {}, 'learner')).toMatchObject({ recommended: false, passed: true })
    const inbox = (await c.ok('reminder', 'reminder.inbox.list', {}, 'learner')).messages as Array<{ title: string; body: string }>
    expect(inbox.find((m) => m.title === '开业第一课已结业')?.body).toContain('DYK2026000001')

    // a practice attempt after passing keeps the certificate and the pass
    await later(1)
    const practice = await c.ok('course', 'course.exam.start', {}, 'learner')
    await later(1)
    await c.ok('course', 'course.exam.submit', { attemptId: practice.attemptId, answers: await answersFor(practice.attemptId, false) }, 'learner')
    expect(await c.ok('course', 'course.certificate.get', {}, 'learner')).toEqual(passed.certificate)
    expect((await c.ok('course', 'course.catalog', {}, 'learner')).exam).toMatchObject({ passed: true, canStart: true })
  })

  test('staff: completion and pass rates by market and type in their region, and new owners not started', async () => {
    const stats = await c.ok('course', 'course.staff.stats', {}, 'demo-regulator')
    const dongmen = stats.byMarket.find((m: any) => m.name === '东门农贸市场')
    expect(dongmen).toMatchObject({ started: 1, passed: 1 })
    expect(dongmen.owners).toBeGreaterThanOrEqual(2)
    expect(stats.totals.passed).toBe(1)
    expect(stats.byType.map((t: any) => t.label)).toEqual(['生存型', '成长型', '发展型'])
    expect(stats.byType.reduce((n: number, t: any) => n + t.passed, 0)).toBe(1)
    // other-learner (opened 1 Nov, not started) is listed; learner (started) is not
    const names = stats.notStarted.map((o: any) => o.businessName)
    expect(names).toContain('鹿城区小周百货')
    expect(names).not.toContain(PROFILE.businessName)

    // an officer checks a certificate shown to them; typed loosely it still matches
    expect(await c.ok('course', 'course.staff.verify', { serial: ' dyk2026000001 ' }, 'demo-regulator')).toMatchObject({ serial: 'DYK2026000001', businessName: PROFILE.businessName, issuedOn: '2026-11-21', percent: 100 })
    const unknown = await c.call('course', { action: 'course.staff.verify', payload: { serial: 'DYK2026999999' } }, 'demo-regulator')
    expect(unknown.status).toBe(404)
    expect(!unknown.body.ok && unknown.body.error.message).toBe('没有这个证书编号，请核对后再查')
    const garbled = await c.call('course', { action: 'course.staff.verify', payload: { serial: 'DYK20' } }, 'demo-regulator')
    expect(!garbled.body.ok && garbled.body.error.details).toEqual([{ path: 'serial', message: '证书编号是DYK加10位数字，如DYK2026000001' }])
    for (const who of ['learner', 'demo-bank']) {
      expect((await c.call('course', { action: 'course.staff.verify', payload: { serial: 'DYK2026000001' } }, who)).status).toBe(403)
    }

    const hz = await c.ok('course', 'course.staff.stats', {}, 'reg-hz')
    expect(hz.totals).toEqual({ owners: 0, started: 0, completed: 0, passed: 0 })
    expect(hz.notStarted).toEqual([])
    expect((await c.call('course', { action: 'course.staff.stats', payload: {} }, 'learner')).status).toBe(403)
    expect((await c.call('course', { action: 'course.catalog', payload: {} }, 'demo-regulator')).status).toBe(403)
  })
})

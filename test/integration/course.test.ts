import { checkCertificateCode, formatCode, makeCertificateCode, QR_PREFIX } from '../../src/core/course/certificateCode'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import { LOCAL_DEMO_COURSE_ISSUER } from '../../scripts/local-cloud/server'
import { testCloud, type TestCloud } from '../helpers/cloud'
import { answersFor as answersOf, readLessons, trackLessons } from '../helpers/course'
import { codeFor, PROFILE, profileOf } from '../helpers/fixtures'

describe('course function over HTTP', () => {
  let c: TestCloud
  /** the learner's certificate code, once issued */
  let certificateCode = ''
  const setClock = (iso: string) => c.post('/api/local/clock', JSON.stringify({ now: iso }))
  const later = async (minutes: number) => {
    const now = c.clock.now()
    await setClock(new Date(now.getTime() + minutes * 60_000).toISOString())
  }
  const onboard = async (openid: string, extra: Record<string, unknown> = {}) => {
    await c.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, openid)
    return c.ok('user', 'user.profile.save', { ...profileOf(openid), ...extra }, openid)
  }
  const answersFor = (attemptId: string, right: boolean) => answersOf(c, attemptId, right)

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
    // nothing read yet: the test is closed, and says how many lessons are left
    expect(cat.exam).toMatchObject({ size: 10, passPercent: 80, canStart: false, lessonsLeft: 12, waitSeconds: 0, passed: false })

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
    // no profile yet (or the notice declined): the core lessons can be read, nothing is recorded, no test
    const fresh = await c.ok('course', 'course.catalog', {}, 'no-profile-yet')
    expect(fresh).toMatchObject({ guest: true, lessonsDone: 0, certificate: null, recommended: false })
    expect(fresh.modules.every((m: { industry: boolean }) => !m.industry)).toBe(true)
    expect((await c.call('course', { action: 'course.progress.save', payload: { lessonId: 'basics-licence' } }, 'no-profile-yet')).status).toBe(412)
    expect((await c.call('course', { action: 'course.exam.start', payload: {} }, 'no-profile-yet')).status).toBe(412)
  })

  test('the test opens only once every lesson of the track is read', async () => {
    // learner has read 2 of 12: refused on the server, whatever the page shows
    const refused = await c.call('course', { action: 'course.exam.start', payload: {} }, 'learner')
    expect(refused.status).toBe(412)
    expect(!refused.body.ok && refused.body.error.message).toBe('还有10课没学完。学完全部12课，才能参加测验')
    expect(await c.ports.db.collection('courseAttempts').count({ openid: 'learner' })).toBe(0)
    // one short of the food track is still closed; the last lesson opens it
    const ids = trackLessons('catering')
    await readLessons(c, 'learner', 'catering', ids.slice(0, -1))
    const oneLeft = await c.call('course', { action: 'course.exam.start', payload: {} }, 'learner')
    expect(!oneLeft.body.ok && oneLeft.body.error.message).toBe('还有1课没学完。学完全部12课，才能参加测验')
    expect((await c.ok('course', 'course.catalog', {}, 'learner')).exam).toMatchObject({ canStart: false, lessonsLeft: 1 })
    expect(await c.ok('course', 'course.progress.save', { lessonId: ids.at(-1) }, 'learner')).toEqual({ lessonsDone: 12, lessonsTotal: 12 })
    expect((await c.ok('course', 'course.catalog', {}, 'learner')).exam).toMatchObject({ canStart: true, lessonsLeft: 0 })
  })

  test('the exam: no answers before submission, too fast told in seconds, fail, wait, pass once, certificate', async () => {
    const start = await c.ok('course', 'course.exam.start', {}, 'learner')
    // the timer counts down from the server's number, not from the phone's clock
    expect(start.secondsLeft).toBe(60 * 60)
    expect(start.questions).toHaveLength(10)
    const raw = JSON.stringify(start)
    expect(raw).not.toMatch(/answer|explain|questionId|order/)
    // reloading hands back the same attempt, not a fresh draw
    expect((await c.ok('course', 'course.exam.start', {}, 'learner')).attemptId).toBe(start.attemptId)

    const wrong = await answersFor(start.attemptId, false)
    // at once: 10 questions × 3 s, so 30 seconds to wait; 12 s later, 18; nothing is graded or used up
    expect(await c.ok('course', 'course.exam.submit', { attemptId: start.attemptId, answers: wrong }, 'learner')).toEqual({ outcome: 'tooFast', waitSeconds: 30 })
    await setClock(new Date(c.clock.now().getTime() + 12_000).toISOString())
    expect(await c.ok('course', 'course.exam.submit', { attemptId: start.attemptId, answers: wrong }, 'learner')).toEqual({ outcome: 'tooFast', waitSeconds: 18 })
    expect(await c.ports.db.collection('courseAttempts').count({ _id: start.attemptId, submittedAt: null })).toBe(1)
    await later(2)
    // someone else cannot submit my attempt; a short answer sheet is refused
    expect((await c.call('course', { action: 'course.exam.submit', payload: { attemptId: start.attemptId, answers: wrong } }, 'other-learner')).status).toBe(404)
    expect((await c.call('course', { action: 'course.exam.submit', payload: { attemptId: start.attemptId, answers: wrong.slice(0, 3) } }, 'learner')).status).toBe(400)

    const failed = await c.ok('course', 'course.exam.submit', { attemptId: start.attemptId, answers: wrong }, 'learner')
    expect(failed).toMatchObject({ outcome: 'graded', correct: 0, percent: 0, passed: false, certificate: null, waitSeconds: 600 })
    expect(failed.review.every((r: any) => !r.right && r.explain)).toBe(true)
    expect(Date.parse(failed.retryAt) - c.clock.now().getTime()).toBeGreaterThan(9 * 60_000)
    const reused = await c.call('course', { action: 'course.exam.submit', payload: { attemptId: start.attemptId, answers: await answersFor(start.attemptId, true) } }, 'learner')
    expect(reused.status).toBe(409)
    const tooSoon = await c.call('course', { action: 'course.exam.start', payload: {} }, 'learner')
    expect(tooSoon.status).toBe(412)
    expect(!tooSoon.body.ok && tooSoon.body.error.message).toMatch(/\d+分钟后可以再考/)
    expect((await c.ok('course', 'course.catalog', {}, 'learner')).exam).toMatchObject({ canStart: false, lessonsLeft: 0, lastPercent: 0, waitSeconds: 600 })
    await later(3)
    expect((await c.ok('course', 'course.catalog', {}, 'learner')).exam).toMatchObject({ canStart: false, waitSeconds: 420 })

    await later(8)
    const second = await c.ok('course', 'course.exam.start', {}, 'learner')
    expect(second.attemptId).not.toBe(start.attemptId)
    await later(1)
    const passed = await c.ok('course', 'course.exam.submit', { attemptId: second.attemptId, answers: await answersFor(second.attemptId, true) }, 'learner')
    expect(passed).toMatchObject({ outcome: 'graded', correct: 10, percent: 100, passed: true, retryAt: null, waitSeconds: 0 })
    expect(passed.certificate).toMatchObject({ serial: 'DYK2026000001', businessName: PROFILE.businessName, issuedOn: '2026-11-21', courseTitle: '开业第一课' })
    // the issuer is configuration: the local cloud's is a demo name, plainly not an authority
    expect(passed.certificate.issuer).toBe(LOCAL_DEMO_COURSE_ISSUER)
    expect(checkCertificateCode(passed.certificate.code)).toEqual({ ok: true, code: passed.certificate.code })

    expect(await c.ok('course', 'course.certificate.get', {}, 'learner')).toEqual(passed.certificate)
    expect((await c.call('course', { action: 'course.certificate.get', payload: {} }, 'other-learner')).status).toBe(404)
    expect(await c.ok('course', 'course.status', {}, 'learner')).toMatchObject({ recommended: false, passed: true })
    const inbox = (await c.ok('reminder', 'reminder.inbox.list', {}, 'learner')).messages as Array<{ title: string; body: string }>
    expect(inbox.find((m) => m.title === '开业第一课已结业')?.body).toContain('DYK2026000001')
    certificateCode = passed.certificate.code

    // a practice attempt after passing keeps the certificate and the pass
    await later(1)
    const practice = await c.ok('course', 'course.exam.start', {}, 'learner')
    await later(1)
    await c.ok('course', 'course.exam.submit', { attemptId: practice.attemptId, answers: await answersFor(practice.attemptId, false) }, 'learner')
    expect(await c.ok('course', 'course.certificate.get', {}, 'learner')).toEqual(passed.certificate)
    expect((await c.ok('course', 'course.catalog', {}, 'learner')).exam).toMatchObject({ passed: true, canStart: true })
  })

  test('a certificate from before verification codes gets one when first read, and keeps it', async () => {
    await onboard('old-holder', { businessName: '鹿城区老周杂货', industry: 'retail', openedOn: '2026-06-01' })
    await c.ports.db.collection('courseCertificates').add({ _id: 'old-holder', serial: 'DYK2026000099', year: 2026, businessName: '鹿城区老周杂货', issuedAt: '2026-07-01T01:00:00.000Z', percent: 90 } as never)
    const first = await c.ok('course', 'course.certificate.get', {}, 'old-holder')
    expect(checkCertificateCode(first.code).ok).toBe(true)
    expect(first).toMatchObject({ serial: 'DYK2026000099', issuer: LOCAL_DEMO_COURSE_ISSUER })
    expect(await c.ok('course', 'course.certificate.get', {}, 'old-holder')).toEqual(first)
    expect(await c.ok('course', 'course.staff.verify', { code: first.code }, 'demo-regulator')).toMatchObject({ serial: 'DYK2026000099', holder: '鹿城区***货', industry: '零售（非食品）', issuedOn: '2026-07-01' })
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

    // the three figures nest: nobody is counted as passed who has not read every lesson
    for (const row of [stats.totals, ...stats.byMarket, ...stats.byType]) {
      expect(row.started).toBeGreaterThanOrEqual(row.completed)
      expect(row.completed).toBeGreaterThanOrEqual(row.passed)
    }
    expect(dongmen.completed).toBe(1)

    // an officer checks a certificate shown to them by its code: typed loosely, or the QR's text
    const verified = await c.ok('course', 'course.staff.verify', { code: ` ${formatCode(certificateCode).toLowerCase()} ` }, 'demo-regulator')
    expect(verified).toEqual({
      serial: 'DYK2026000001',
      code: certificateCode,
      holder: '鹿城区***果摊',
      industry: '餐饮服务',
      creditCodeTail: codeFor('learner').slice(-4),
      issuedOn: '2026-11-21',
      issuer: LOCAL_DEMO_COURSE_ISSUER,
      percent: 100,
      courseTitle: '开业第一课'
    })
    expect(await c.ok('course', 'course.staff.verify', { code: `${QR_PREFIX}${certificateCode}` }, 'demo-regulator')).toEqual(verified)
    // a well-formed code nobody holds; a typo; the serial typed instead of the code
    let other = makeCertificateCode(Math.random)
    while (other === certificateCode) other = makeCertificateCode(Math.random)
    const unknown = await c.call('course', { action: 'course.staff.verify', payload: { code: other } }, 'demo-regulator')
    expect(unknown.status).toBe(404)
    expect(!unknown.body.ok && unknown.body.error.message).toBe('查不到这个核验码。请对照证书再输入一次；仍查不到，这张证书就不是本小程序出具的')
    const typo = certificateCode.slice(0, 7) + (certificateCode[7] === 'A' ? 'B' : 'A')
    const garbled = await c.call('course', { action: 'course.staff.verify', payload: { code: typo } }, 'demo-regulator')
    expect(garbled.status).toBe(400)
    expect(!garbled.body.ok && garbled.body.error.details).toEqual([{ path: 'code', message: '核验码有一位不对，请对照证书再输入' }])
    const serial = await c.call('course', { action: 'course.staff.verify', payload: { code: 'DYK2026000001' } }, 'demo-regulator')
    expect(!serial.body.ok && serial.body.error.details?.[0].message).toBe('这是证书编号。请输入证书上的8位核验码，或扫证书上的二维码')
    for (const who of ['learner', 'demo-bank']) {
      expect((await c.call('course', { action: 'course.staff.verify', payload: { code: certificateCode } }, who)).status).toBe(403)
    }

    const hz = await c.ok('course', 'course.staff.stats', {}, 'reg-hz')
    expect(hz.totals).toEqual({ owners: 0, verified: 0, started: 0, completed: 0, passed: 0 })
    expect(hz.notStarted).toEqual([])
    expect((await c.call('course', { action: 'course.staff.stats', payload: {} }, 'learner')).status).toBe(403)
    expect((await c.call('course', { action: 'course.catalog', payload: {} }, 'demo-regulator')).status).toBe(403)
  })
})

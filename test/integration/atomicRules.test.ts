import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MODULES } from '../../src/core/course/content'
import type { Industry } from '../../src/core/user/options'
import { readLessons } from '../helpers/course'
import { PRIVACY_VERSION } from '../../src/core/user/privacy'
import { testCloud, type TestCloud } from '../helpers/cloud'
import { PROFILE, profileOf } from '../helpers/fixtures'

/**
 * "At most one open X per owner" rules hold under twenty calls at once on a cold store (a local
 * cloud just restarted over the same data folder, nothing cached): the database decides
 * (common/slots.ts), not a check followed by a write.
 */
const QUESTIONS = new Map(MODULES.flatMap((m) => m.lessons.flatMap((l) => l.questions.map((q) => [q.id, q] as const))))
const T0 = new Date('2026-11-21T02:00:00Z')
let dataDir: string
let c: TestCloud

async function restart() {
  await c?.stop()
  c = await testCloud({ dataDir })
  c.clock.set(T0)
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'getihu-atomic-'))
  await restart()
  for (const o of ['exam-racer', 'upload-racer', 'no-profile']) {
    await c.ok('user', 'user.consent.record', { kind: 'privacy', version: PRIVACY_VERSION, granted: true }, o)
    if (o !== 'no-profile') await c.ok('user', 'user.profile.save', profileOf(o), o)
  }
  // the test opens only after every lesson of the track
  await readLessons(c, 'exam-racer', PROFILE.industry as Industry)
  await restart()
})
afterAll(async () => {
  await c.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

const parallel = <T>(n: number, f: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => f(i)))

test('twenty exam starts at once open one attempt; after a fail none can be started or graded before the wait', async () => {
  const starts = await parallel(20, () => c.call<{ attemptId: string }>('course', { action: 'course.exam.start', payload: {} }, 'exam-racer'))
  const ids = new Set(starts.map((s) => (s.body.ok ? s.body.data.attemptId : `refused:${s.body.error.code}`)))
  expect([...ids].filter((x) => !x.startsWith('refused'))).toHaveLength(1)
  const [attemptId] = [...ids].filter((x) => !x.startsWith('refused'))
  // every call either got that attempt or was told to try again in a moment
  for (const s of starts) if (!s.body.ok) expect(s.body.error.code).toBe('CONFLICT')
  expect(await c.ports.db.collection('courseAttempts').count({ openid: 'exam-racer', submittedAt: null })).toBe(1)

  // fail it (wrong answers), slowly enough not to be refused as too fast
  const a = (await c.ports.db.collection('courseAttempts').get(attemptId)) as unknown as { drawn: Array<{ questionId: string; order: number[] }> }
  const wrong = a.drawn.map((d) => d.order.findIndex((i) => i !== QUESTIONS.get(d.questionId)!.answer))
  c.clock.set(new Date(T0.getTime() + 5 * 60_000))
  const graded = await c.ok('course', 'course.exam.submit', { attemptId, answers: wrong }, 'exam-racer')
  expect(graded.passed).toBe(false)

  // during the wait: twenty starts at once, all refused with the minutes to wait
  await restart()
  c.clock.set(new Date(T0.getTime() + 6 * 60_000))
  const again = await parallel(20, () => c.call('course', { action: 'course.exam.start', payload: {} }, 'exam-racer'))
  for (const s of again) {
    expect(s.body).toMatchObject({ ok: false, error: { code: 'PRECONDITION_FAILED' } })
    expect((s.body as { error: { message: string } }).error.message).toMatch(/\d+分钟后可以再考/)
  }
  // after the wait one new attempt opens
  c.clock.set(new Date(T0.getTime() + 16 * 60_000))
  const after = await parallel(20, () => c.call<{ attemptId: string }>('course', { action: 'course.exam.start', payload: {} }, 'exam-racer'))
  const fresh = new Set(after.filter((s) => s.body.ok).map((s) => (s.body as { data: { attemptId: string } }).data.attemptId))
  expect(fresh.size).toBe(1)
  expect(fresh.has(attemptId)).toBe(false)
})

test('an attempt that lost the race cannot be graded', async () => {
  // a stray attempt document (as a losing start could leave behind) is not the owner's open attempt
  await c.ports.db.collection('courseAttempts').add({ _id: 'stray-attempt', openid: 'exam-racer', drawn: [], startedAt: T0.toISOString(), expiresAt: new Date(T0.getTime() + 3600_000).toISOString(), submittedAt: null, percent: null, passed: null } as never)
  c.clock.set(new Date(T0.getTime() + 20 * 60_000))
  const r = await c.call('course', { action: 'course.exam.submit', payload: { attemptId: 'stray-attempt', answers: [] } }, 'exam-racer')
  expect(r.body).toMatchObject({ ok: false })
  expect(await c.ports.db.collection('courseAttempts').count({ _id: 'stray-attempt', submittedAt: null })).toBe(1)
})

test('forty uploads at once: exactly thirty are let through in a day', async () => {
  await restart()
  const r = await parallel(40, () => c.call('complaint', { action: 'complaint.upload.prepare', payload: { contentType: 'image/jpeg' } }, 'upload-racer'))
  expect(r.filter((x) => x.body.ok)).toHaveLength(30)
  const nextMidnight = { label: '11月22日 00:00', iso: '2026-11-21T16:00:00.000Z' }
  // refused with when to try again: the next China midnight, in China time
  for (const x of r.filter((y) => !y.body.ok)) expect(x.body).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: `今天已上传30张照片，请在${nextMidnight.label}以后再试`, retryAt: nextMidnight.iso } })
  expect(await c.ports.db.collection('complaintUploads').count({ openid: 'upload-racer' })).toBe(30)
})

test('an upload asked twice with one requestId is one upload; no profile, no upload', async () => {
  c.clock.set(new Date(T0.getTime() + 86400_000))
  const body = { action: 'complaint.upload.prepare', payload: { contentType: 'image/jpeg' }, requestId: 'same-upload-0001' }
  const [a, b] = await parallel(2, () => c.call<{ uploadId: string }>('complaint', body, 'upload-racer'))
  const ok = [a, b].filter((x) => x.body.ok).map((x) => (x.body as { data: { uploadId: string } }).data.uploadId)
  const retry = await c.call<{ uploadId: string }>('complaint', body, 'upload-racer')
  expect(retry.body.ok && retry.body.data.uploadId).toBe(ok[0])
  expect(new Set(ok).size).toBe(1)

  const none = await c.call('complaint', { action: 'complaint.upload.prepare', payload: { contentType: 'image/jpeg' } }, 'no-profile')
  expect(none.body).toMatchObject({ ok: false, error: { code: 'PRECONDITION_FAILED', message: '请先建好经营档案，再添加照片' } })
})

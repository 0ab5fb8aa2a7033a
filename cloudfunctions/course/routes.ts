import { randomInt } from 'node:crypto'
import { findLesson, MODULES, modulesFor, type Module } from '../../src/core/course/content'
import { ATTEMPT_TTL_MINUTES, certificateSerial, draw, EXAM_SIZE, examGate, grade, NEW_OWNER_DAYS, PASS_PERCENT, RETRY_WAIT_MINUTES, submitWaitSeconds } from '../../src/core/course/exam'
import { makeCertificateCode, maskName } from '../../src/core/course/certificateCode'
import { chinaDate } from '../../src/core/common/time'
import { BUSINESS_TYPES, INDUSTRIES, type BusinessType } from '../../src/core/user/options'
import type { Context } from '../common/context'
import { AppError, conflict, DuplicateKeyError, invalid, notFound, precondition } from '../common/errors'
import { notify } from '../common/notify'
import { cmd, type Where } from '../common/ports'
import { regionPrefix } from '../../src/core/region/code'
import { claimSlot, readSlot, releaseSlot } from '../common/slots'
import { defineFunction } from '../common/router'
import { markets, owners, stalls, type OwnerDoc } from '../user/owners'
import { attempts, certificates, progress, type AttemptDoc, type CertificateDoc, type ProgressDoc } from './store'

const COURSE_TITLE = '开业第一课'
const MINUTE = 60_000
/** crypto-backed: exam draws must not be predictable from the outside */
const rng = () => randomInt(2 ** 32) / 2 ** 32
const QUESTIONS = new Map(MODULES.flatMap((m) => m.lessons.flatMap((l) => l.questions.map((q) => [q.id, q] as const))))
const bankQuestion = (id: string) => QUESTIONS.get(id)

async function ownerOf(ctx: Context): Promise<OwnerDoc & { profile: NonNullable<OwnerDoc['profile']> }> {
  const owner = await owners(ctx).get(ctx.openid)
  if (!owner?.profile) throw precondition('请先在“我的”里建立经营档案，再开始学习')
  return owner as OwnerDoc & { profile: NonNullable<OwnerDoc['profile']> }
}

const lessonIds = (mods: Module[]) => mods.flatMap((m) => m.lessons.map((l) => l.id))

/** The catalog for a reader without a profile: the core modules, nothing read, no test. */
function guestCatalog(now: Date) {
  const mods = modulesFor(null)
  const ids = lessonIds(mods)
  return {
    modules: mods.map((m) => ({ id: m.id, title: m.title, industry: false, done: 0, lessons: m.lessons.map((l) => ({ id: l.id, title: l.title, minutes: l.minutes, done: false })) })),
    resumeLessonId: ids[0] ?? null,
    lessonsDone: 0,
    lessonsTotal: ids.length,
    exam: examState(null, ids, now),
    certificate: null,
    recommended: false,
    guest: true
  }
}

function emptyProgress(owner: OwnerDoc, at: string): ProgressDoc {
  return {
    _id: owner._id,
    lessons: {},
    lastLessonId: null,
    started: false,
    completed: false,
    passed: false,
    lastPercent: null,
    lastFailedAt: null,
    region: owner.profile?.region ?? null,
    marketId: owner.marketId,
    classType: owner.classType ?? null,
    createdAt: at,
    updatedAt: at
  }
}

/** The owner's progress document, created empty on first need (concurrent first calls are fine). */
async function ensureProgress(ctx: Context, owner: OwnerDoc, at: string): Promise<ProgressDoc> {
  const existing = await progress(ctx.db).get(owner._id)
  if (existing) return existing
  const doc = emptyProgress(owner, at)
  try {
    await progress(ctx.db).add(doc)
    return doc
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err
    return (await progress(ctx.db).get(owner._id))!
  }
}

/** The snapshot staff counts read; refreshed whenever the owner's progress is written. */
const snapshot = (owner: OwnerDoc) => ({ region: owner.profile?.region ?? null, marketId: owner.marketId, classType: owner.classType ?? null })

function isNewOwner(owner: OwnerDoc, ctx: Context) {
  const cutoff = new Date(ctx.now.getTime() - NEW_OWNER_DAYS * 86400_000)
  return (!!owner.profile && owner.profile.openedOn >= chinaDate(cutoff)) || owner.createdAt >= cutoff.toISOString()
}

const certificateView = (c: CertificateDoc & { code: string }) => ({
  serial: c.serial,
  code: c.code,
  issuer: c.issuer ?? null,
  businessName: c.businessName,
  issuedOn: chinaDate(new Date(c.issuedAt)),
  percent: c.percent,
  courseTitle: COURSE_TITLE
})

/** The configured issuer (FunctionConfig.courseIssuer), or null. */
const configuredIssuer = (ctx: Context) => ctx.ports.config.courseIssuer?.trim() || null

/**
 * A certificate issued before verification codes existed gets its code (and the issuer then
 * configured) the first time it is read. The update is conditional, so two readers at once agree
 * on one code; a code another certificate holds already is drawn again.
 */
async function withCode(ctx: Context, c: CertificateDoc): Promise<CertificateDoc & { code: string }> {
  if (c.code) return c as CertificateDoc & { code: string }
  for (let attempt = 0; attempt < 5; attempt++) {
    const owner = await owners(ctx).get(c._id)
    try {
      await certificates(ctx.db).updateWhere(
        { _id: c._id, code: cmd.exists(false) },
        { code: makeCertificateCode(rng), issuer: configuredIssuer(ctx), industry: owner?.profile?.industry ?? null, creditCode: owner?.profile?.creditCode ?? null }
      )
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err
      continue
    }
    const now = await certificates(ctx.db).get(c._id)
    if (now?.code) return now as CertificateDoc & { code: string }
  }
  throw new AppError('INTERNAL', '证书核验码生成失败，请稍后再试')
}

/** The slot holding an owner's one open exam attempt (common/slots.ts). */
const examSlot = (openid: string) => `${openid}:exam`

function examState(p: ProgressDoc | null, ids: string[], now: Date) {
  const g = examGate({ lessonIds: ids, read: p?.lessons ?? {}, passed: !!p?.passed, lastFailedAt: p?.lastFailedAt ?? null, now })
  return {
    size: EXAM_SIZE,
    passPercent: PASS_PERCENT,
    canStart: g.canStart,
    lessonsLeft: g.lessonsLeft.length,
    retryAt: g.retryAt?.toISOString() ?? null,
    waitSeconds: g.waitSeconds,
    lastPercent: p?.lastPercent ?? null,
    passed: !!p?.passed
  }
}

const waitMessage = (seconds: number) => `先复习一下课程吧，${Math.max(1, Math.ceil(seconds / 60))}分钟后可以再考`

/**
 * One certificate per owner, with a serial and a verification code unique across all owners
 * (both drawn again on a collision).
 */
async function issueCertificate(ctx: Context, owner: OwnerDoc & { profile: NonNullable<OwnerDoc['profile']> }, percent: number): Promise<CertificateDoc & { code: string }> {
  const year = Number(ctx.today.slice(0, 4))
  for (let attempt = 0; attempt < 20; attempt++) {
    const existing = await certificates(ctx.db).get(ctx.openid)
    if (existing) return withCode(ctx, existing)
    const seq = (await certificates(ctx.db).count({ year })) + 1 + attempt
    const doc: CertificateDoc & { code: string } = {
      _id: ctx.openid,
      serial: certificateSerial(year, seq),
      code: makeCertificateCode(rng),
      issuer: configuredIssuer(ctx),
      year,
      businessName: owner.profile.businessName,
      industry: owner.profile.industry,
      creditCode: owner.profile.creditCode,
      issuedAt: ctx.now.toISOString(),
      percent
    }
    try {
      await certificates(ctx.db).add(doc)
      return doc
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err
    }
  }
  throw new AppError('INTERNAL', '证书编号生成失败，请稍后再试')
}

export default defineFunction('course', {
  async 'course.status'(ctx) {
    const owner = await owners(ctx).get(ctx.openid)
    if (!owner?.profile) return { recommended: true, lessonsDone: 0, lessonsTotal: lessonIds(modulesFor(null)).length, passed: false }
    const p = await progress(ctx.db).get(ctx.openid)
    const ids = lessonIds(modulesFor(owner.profile.industry))
    return {
      recommended: !p?.passed && isNewOwner(owner, ctx),
      lessonsDone: ids.filter((id) => p?.lessons[id]).length,
      lessonsTotal: ids.length,
      passed: !!p?.passed
    }
  },

  async 'course.catalog'(ctx) {
    // without a profile (not yet, or 不同意 to the notice) the lessons are open to read; nothing is recorded
    const owner = await owners(ctx).get(ctx.openid)
    if (!owner?.profile) return guestCatalog(ctx.now)
    const [p, stored] = await Promise.all([progress(ctx.db).get(ctx.openid), certificates(ctx.db).get(ctx.openid)])
    const cert = stored ? await withCode(ctx, stored) : null
    const mods = modulesFor(owner.profile.industry)
    const ids = lessonIds(mods)
    const read = (id: string) => !!p?.lessons[id]
    // continue after the last lesson read; else the first unread one
    const after = p?.lastLessonId ? ids.indexOf(p.lastLessonId) : -1
    const resume = ids.slice(after + 1).find((id) => !read(id)) ?? ids.find((id) => !read(id)) ?? null
    return {
      modules: mods.map((m) => ({
        id: m.id,
        title: m.title,
        industry: m.track !== 'core',
        done: m.lessons.filter((l) => read(l.id)).length,
        lessons: m.lessons.map((l) => ({ id: l.id, title: l.title, minutes: l.minutes, done: read(l.id) }))
      })),
      resumeLessonId: resume,
      lessonsDone: ids.filter(read).length,
      lessonsTotal: ids.length,
      exam: examState(p, ids, ctx.now),
      certificate: cert ? certificateView(cert) : null,
      recommended: !p?.passed && isNewOwner(owner as OwnerDoc & { profile: NonNullable<OwnerDoc['profile']> }, ctx),
      guest: false
    }
  },

  async 'course.lesson.get'(ctx, { lessonId }) {
    const owner = await owners(ctx).get(ctx.openid)
    const guest = !owner?.profile
    // a reader without a profile reads the core modules (no industry to pick a track by)
    const ids = lessonIds(modulesFor(owner?.profile?.industry ?? null))
    const found = findLesson(lessonId)
    if (!found || !ids.includes(lessonId)) throw notFound('没有这节课')
    const p = guest ? null : await progress(ctx.db).get(ctx.openid)
    const i = ids.indexOf(lessonId)
    const { lesson, module } = found
    return {
      id: lesson.id,
      title: lesson.title,
      minutes: lesson.minutes,
      points: lesson.points,
      notes: lesson.cited.map((c) => c.platform?.note ?? null),
      source: lesson.source,
      moduleTitle: module.title,
      done: !!p?.lessons[lessonId],
      prevId: ids[i - 1] ?? null,
      nextId: ids[i + 1] ?? null,
      guest
    }
  },

  async 'course.progress.save'(ctx, { lessonId }) {
    const owner = await ownerOf(ctx)
    const ids = lessonIds(modulesFor(owner.profile.industry))
    if (!ids.includes(lessonId)) throw notFound('没有这节课')
    const at = ctx.now.toISOString()
    const before = await ensureProgress(ctx, owner, at)
    // one field per lesson: two devices saving different lessons at once both keep theirs
    const firstRead = before?.lessons[lessonId] ? {} : { [`lessons.${lessonId}`]: at }
    await progress(ctx.db).update(ctx.openid, { ...firstRead, ...snapshot(owner), lastLessonId: lessonId, started: true, updatedAt: at })
    const p = (await progress(ctx.db).get(ctx.openid))!
    const done = ids.filter((id) => p.lessons[id]).length
    // 学完 follows the owner's current track (a new industry can add a module)
    if ((done === ids.length) !== p.completed) await progress(ctx.db).update(ctx.openid, { completed: done === ids.length })
    return { lessonsDone: done, lessonsTotal: ids.length }
  },

  async 'course.exam.start'(ctx) {
    const owner = await ownerOf(ctx)
    const p = await progress(ctx.db).get(ctx.openid)
    const ids = lessonIds(modulesFor(owner.profile.industry))
    const gate = examGate({ lessonIds: ids, read: p?.lessons ?? {}, passed: !!p?.passed, lastFailedAt: p?.lastFailedAt ?? null, now: ctx.now })
    // the test checks what the lessons teach: it opens once every lesson of the track is read
    if (gate.lessonsLeft.length) throw precondition(`还有${gate.lessonsLeft.length}课没学完。学完全部${ids.length}课，才能参加测验`)
    if (gate.retryAt) throw precondition(waitMessage(gate.waitSeconds))
    const t = ctx.now.toISOString()
    // One open attempt per owner, held in a slot the database arbitrates (common/slots.ts): the
    // attempt is written first, then claims the slot; twenty calls at once all get the winner's.
    // An open attempt is handed back as it was: reloading never draws easier questions.
    const candidate: AttemptDoc = {
      _id: `${Date.now().toString(36)}${randomInt(36 ** 6).toString(36)}`,
      openid: ctx.openid,
      drawn: draw(modulesFor(owner.profile.industry), rng),
      startedAt: t,
      expiresAt: new Date(ctx.now.getTime() + ATTEMPT_TTL_MINUTES * MINUTE).toISOString(),
      submittedAt: null,
      percent: null,
      passed: null
    }
    const held = await readSlot(ctx.db, examSlot(ctx.openid))
    let attempt = held?.holder && held.until! > t ? await attempts(ctx.db).get(held.holder) : null
    if (attempt?.submittedAt) throw precondition(waitMessage((Date.parse(held!.until!) - ctx.now.getTime()) / 1000))
    if (!attempt) {
      await attempts(ctx.db).add(candidate)
      const slot = await claimSlot(ctx.db, examSlot(ctx.openid), candidate._id, ctx.now, new Date(candidate.expiresAt))
      if (slot.holder === candidate._id) {
        attempt = candidate
        await ensureProgress(ctx, owner, t)
        if (!p?.started || !p.completed) await progress(ctx.db).update(ctx.openid, { ...snapshot(owner), started: true, completed: true, updatedAt: t })
      } else {
        // another call opened one a moment ago: that one is the owner's attempt
        await attempts(ctx.db).remove(candidate._id)
        attempt = await attempts(ctx.db).get(slot.holder!)
        if (!attempt || attempt.submittedAt) throw conflict('正在准备试卷，请稍后再试')
      }
    }
    return {
      attemptId: attempt._id,
      startedAt: attempt.startedAt,
      expiresAt: attempt.expiresAt,
      secondsLeft: Math.max(0, Math.floor((Date.parse(attempt.expiresAt) - ctx.now.getTime()) / 1000)),
      passPercent: PASS_PERCENT,
      questions: attempt.drawn.map((d) => {
        const q = bankQuestion(d.questionId)!
        return { stem: q.stem, options: d.order.map((i) => q.options[i]) }
      })
    }
  },

  async 'course.exam.submit'(ctx, { attemptId, answers }) {
    const a = await attempts(ctx.db).get(attemptId)
    if (!a || a.openid !== ctx.openid) throw notFound('没有找到这次考试，请重新开始')
    if (a.submittedAt) throw conflict('这次考试已经交过卷了，请重新开始一次')
    if (a.expiresAt <= ctx.now.toISOString()) throw conflict('这次考试已超时，请重新开始')
    if (answers.length !== a.drawn.length) throw invalid(`请回答全部${a.drawn.length}道题`, 'answers')
    if (answers.some((x, i) => x !== null && x >= a.drawn[i].order.length)) throw invalid('有答案不在选项里', 'answers')
    // faster than anyone reads the questions: say how long to wait; nothing is graded or used up
    const wait = submitWaitSeconds(new Date(a.startedAt), ctx.now, a.drawn.length)
    if (wait > 0) return { outcome: 'tooFast' as const, waitSeconds: wait }
    // only the owner's open attempt (the slot's holder) is graded: never one a lost race left behind
    const slot = await readSlot(ctx.db, examSlot(ctx.openid))
    if (slot?.holder !== a._id) throw conflict('这次考试已失效，请重新开始')
    const g = grade(a.drawn, answers, bankQuestion)
    const t = ctx.now.toISOString()
    // the conditional update is the claim: the same attempt can be graded once
    const won = await attempts(ctx.db).updateWhere({ _id: a._id, submittedAt: null }, { submittedAt: t, percent: g.percent, passed: g.passed })
    if (won !== 1) throw conflict('这次考试已经交过卷了，请重新开始一次')
    // after a fail the slot stays closed for the wait, so no other attempt can open before it ends
    await releaseSlot(ctx.db, examSlot(ctx.openid), a._id, g.passed ? ctx.now : new Date(ctx.now.getTime() + RETRY_WAIT_MINUTES * MINUTE))

    const owner = await ownerOf(ctx)
    await ensureProgress(ctx, owner, t)
    // field updates only (never a whole-document write), so a lesson saved meanwhile is kept;
    // a pass is never taken back by a later practice attempt
    await progress(ctx.db).update(ctx.openid, { ...snapshot(owner), started: true, lastPercent: g.percent, ...(g.passed ? { passed: true } : { lastFailedAt: t }), updatedAt: t })
    let certificate: (CertificateDoc & { code: string }) | null = null
    if (g.passed) {
      certificate = await issueCertificate(ctx, owner, g.percent)
      await notify(ctx.ports, ctx.now, {
        openid: ctx.openid,
        topic: 'course',
        key: `course-passed:${ctx.openid}`,
        title: '开业第一课已结业',
        body: `恭喜您通过测验（${g.percent}分），结业证书编号${certificate.serial}。证书可在“开业第一课”里出示、保存为图片，工作人员扫证书上的二维码即可核验。`,
        page: 'course/pages/certificate/index'
      })
    }
    return {
      outcome: 'graded' as const,
      correct: g.correct,
      total: g.total,
      percent: g.percent,
      passed: g.passed,
      review: g.review.map((r) => ({ stem: bankQuestion(r.questionId)?.stem ?? '', right: r.right, explain: r.explain })),
      retryAt: g.passed ? null : new Date(ctx.now.getTime() + RETRY_WAIT_MINUTES * MINUTE).toISOString(),
      waitSeconds: g.passed ? 0 : RETRY_WAIT_MINUTES * 60,
      certificate: certificate ? certificateView(certificate) : null
    }
  },

  async 'course.certificate.get'(ctx) {
    const c = await certificates(ctx.db).get(ctx.openid)
    if (!c) throw notFound('还没有结业证书：学完课程并通过测验后颁发')
    return certificateView(await withCode(ctx, c))
  },

  async 'course.staff.verify'(ctx, { code }) {
    // any regulator may check: a certificate is shown wherever the owner trades. The code is
    // random (not a sequence), so nobody walks the register by counting; the name comes back
    // masked, enough to compare with the certificate in front of the officer
    const [c] = await certificates(ctx.db).find({ code }, { limit: 1 })
    if (!c) throw notFound('查不到这个核验码。请对照证书再输入一次；仍查不到，这张证书就不是本小程序出具的')
    return {
      serial: c.serial,
      code,
      holder: maskName(c.businessName),
      industry: c.industry ? INDUSTRIES[c.industry] : null,
      creditCodeTail: c.creditCode ? c.creditCode.slice(-4) : null,
      issuedOn: chinaDate(new Date(c.issuedAt)),
      issuer: c.issuer ?? null,
      percent: c.percent,
      courseTitle: COURSE_TITLE
    }
  },

  async 'course.staff.stats'(ctx) {
    const region = ctx.staff?.region ?? null
    const inRegion: Where = region ? { 'profile.region': cmd.prefix(regionPrefix(region)) } : { profile: cmd.neq(null) }
    const pRegion: Where = region ? { region: cmd.prefix(regionPrefix(region)) } : {}
    const ms = await markets(ctx).find(region ? { region: cmd.prefix(regionPrefix(region)) } : {}, { orderBy: [['name', 'asc']], limit: 200 })
    const counts = async (ownerWhere: Where, progressWhere: Where) => {
      const [o, started, completed, passed] = await Promise.all([
        owners(ctx).count(ownerWhere),
        progress(ctx.db).count({ ...progressWhere, started: true }),
        progress(ctx.db).count({ ...progressWhere, completed: true }),
        // 通过 counts owners who also read every lesson, so it can never exceed 学完 (the test
        // opens only then; an owner who passed before that rule and never finished is not counted)
        progress(ctx.db).count({ ...progressWhere, completed: true, passed: true })
      ])
      return { owners: o, started, completed, passed }
    }
    // verified businesses apart from claims (#16): the figures count what a regulator can stand behind
    const verifiedCount = (ownerWhere: Where) => owners(ctx).count({ ...ownerWhere, 'verification.state': 'verified' })
    const [totals, byMarket, byType] = await Promise.all([
      (async () => ({ ...(await counts(inRegion, pRegion)), verified: await verifiedCount(inRegion) }))(),
      Promise.all(ms.map(async (m) => ({ marketId: m._id, name: m.name, ...(await counts({ marketId: m._id }, { marketId: m._id })), verified: await verifiedCount({ marketId: m._id }) }))),
      Promise.all((Object.keys(BUSINESS_TYPES) as BusinessType[]).map(async (type) => ({ type, label: BUSINESS_TYPES[type], ...(await counts({ ...inRegion, classType: type }, { ...pRegion, classType: type })) })))
    ])

    // new owners who have not started: opened within 90 days, newest first
    const cutoff = chinaDate(new Date(ctx.now.getTime() - NEW_OWNER_DAYS * 86400_000))
    const recent = await owners(ctx).find({ ...inRegion, 'profile.openedOn': cmd.gte(cutoff) }, { orderBy: [['profile.openedOn', 'desc']], limit: 200 })
    const started = recent.length ? await progress(ctx.db).find({ _id: cmd.in(recent.map((o) => o._id)), started: true }, { limit: 200 }) : []
    const startedIds = new Set(started.map((p) => p._id))
    const waiting = recent.filter((o) => !startedIds.has(o._id))
    const stallIds = [...new Set(waiting.map((o) => o.stallId).filter((s): s is string => !!s))]
    const stallDocs = stallIds.length ? await stalls(ctx).find({ _id: cmd.in(stallIds) }, { limit: 200 }) : []
    const marketName = new Map(ms.map((m) => [m._id, m.name]))
    const stallNumber = new Map(stallDocs.map((s) => [s._id, s.number]))
    return {
      totals,
      byMarket,
      byType,
      notStarted: waiting.slice(0, 100).map((o) => ({
        businessName: o.profile!.businessName,
        market: (o.marketId && marketName.get(o.marketId)) || null,
        stall: (o.stallId && stallNumber.get(o.stallId)) || null,
        openedOn: o.profile!.openedOn
      })),
      notStartedMore: waiting.length > 100 || recent.length === 200
    }
  }
})

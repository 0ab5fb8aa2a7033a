import { randomBytes } from 'node:crypto'
import { chinaStartOfDay } from '../../src/core/common/time'
import { maskName } from '../../src/core/course/certificateCode'
import type { Condition } from '../../src/core/policy/rules'
import { regionPrefix, within } from '../../src/core/region/code'
import { regionName } from '../../src/core/region/names'
import type { StaffSurvey } from '../../src/core/survey/contract'
import { ANONYMITY_TEXT, answerProblems, emptyTally, normalizeAnswers, openState, PUBLISHED_EDITABLE, qKey, questionFigures, tallyIncrements } from '../../src/core/survey/rules'
import type { Context } from '../common/context'
import { AppError, conflict, DuplicateKeyError, invalid, notFound, precondition } from '../common/errors'
import { addOnce, recordId } from '../common/once'
import { decodeCursor, encodeCursor, pageNewestFirst } from '../common/paging'
import { cmd, patch, type Where } from '../common/ports'
import { defineFunction } from '../common/router'
import { audienceWhere } from '../policy/audience'
import { owners, type OwnerDoc } from '../user/owners'
import { exportXlsx } from '../common/xlsx'
import { surveySheets } from './export'
import { answersOf, broadcastId, markId, marks, surveys, type AnswerDoc, type SurveyDoc } from './store'

/**
 * The rules a regulator's survey goes out with: held inside their region (an admin's as written).
 * A region rule outside it is refused; without one, their region is added.
 */
function scoped(ctx: Context, conditions: Condition[]): Condition[] {
  const mine = ctx.staff?.region
  if (!mine) return conditions
  conditions.forEach((c, i) => {
    if (c.fact === 'region' && !within(c.value, mine)) throw invalid(`第${i + 1}个条件：只能选${regionName(mine)}范围内的地区`, `conditions.${i}`)
  })
  return conditions.some((c) => c.fact === 'region') ? conditions : [{ fact: 'region', op: 'within', value: mine }, ...conditions]
}

/** A regulator works inside their region, as on the 诉求 workbench; an admin (region null) everywhere. */
async function inRegion(ctx: Context, id: string): Promise<SurveyDoc> {
  const s = await surveys(ctx.db).get(id)
  const mine = ctx.staff?.region
  if (!s || (mine && !within(s.region, mine))) throw notFound('没有找到这份问卷，或不在您的辖区')
  return s
}

function view(s: SurveyDoc): StaffSurvey {
  return {
    id: s._id,
    title: s.title,
    intro: s.intro,
    organizer: s.organizer,
    anonymous: s.anonymous,
    startOn: s.startOn,
    endOn: s.endOn,
    questions: s.questions,
    conditions: s.conditions,
    status: s.status,
    closedReason: s.closedReason,
    publishedAt: s.publishedAt,
    push: s.push,
    audience: s.audience,
    delivered: s.delivered,
    responses: s.responses,
    regionName: s.region ? regionName(s.region) || '本辖区' : '全部地区',
    createdBy: s.createdByName
  }
}

/** 00:00 China time of the day after the end date: the first instant no answer is taken. */
const closeAtOf = (endOn: string) => new Date(chinaStartOfDay(endOn).getTime() + 86_400_000).toISOString()

/** The owners the rules reach now: counted by the database (policy/audience.ts). */
async function countAudience(ctx: Context, rules: Condition[]) {
  const { where, approximate } = audienceWhere(rules, ctx.today)
  return { count: await ctx.db.collection<OwnerDoc>('owners').count(where), approximate }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** The owner may open only a survey delivered to them (it is in their 消息), never a draft. */
async function reachable(ctx: Context, id: string) {
  const [s, owner] = await Promise.all([surveys(ctx.db).get(id), owners(ctx).get(ctx.openid)])
  if (!s || s.status === 'draft' || !owner?.broadcasts?.includes(broadcastId(id))) throw notFound('没有找到这份问卷')
  return { s, owner }
}

/** Answers an export holds at most (a survey reaches a district; 20,000 rows is far beyond a sample). */
const EXPORT_MAX = 20_000

const niceDate = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`

export default defineFunction('survey', {
  async 'survey.admin.list'(ctx, { cursor, limit }) {
    const mine = ctx.staff?.region
    const where: Where = mine ? { region: cmd.prefix(regionPrefix(mine)) } : {}
    const page = await pageNewestFirst(surveys(ctx.db), where, { cursor, limit })
    return {
      items: page.items.map((s) => ({ id: s._id, title: s.title, status: s.status, anonymous: s.anonymous, startOn: s.startOn, endOn: s.endOn, audience: s.audience, delivered: s.delivered, responses: s.responses })),
      total: page.total,
      nextCursor: page.nextCursor
    }
  },

  async 'survey.admin.get'(ctx, { id }) {
    return view(await inRegion(ctx, id))
  },

  async 'survey.admin.save'(ctx, input) {
    const { id, ...form } = input
    const at = ctx.now.toISOString()
    if (form.endOn < ctx.today) throw invalid('截止日期已经过了，请选今天或以后的日期', 'endOn')
    const rules = scoped(ctx, form.conditions)
    if (id) {
      const s = await inRegion(ctx, id)
      if (s.status === 'closed') throw precondition('已结束的问卷不能再修改，可以新建一份')
      if (s.status === 'published') {
        const fixed = ['title', 'organizer', 'anonymous', 'startOn', 'questions', 'conditions'] as const
        if (fixed.some((k) => !same(form[k], s[k]))) throw precondition(PUBLISHED_EDITABLE)
        const next = { intro: form.intro, endOn: form.endOn, closeAt: closeAtOf(form.endOn), updatedAt: at }
        await surveys(ctx.db).update(id, next)
        return view({ ...s, ...next })
      }
      const next = { ...form, rules, updatedAt: at }
      await surveys(ctx.db).update(id, next)
      return view({ ...s, ...next })
    }
    const doc: Omit<SurveyDoc, '_id'> = {
      ...form,
      rules,
      region: ctx.staff?.region ?? '',
      status: 'draft',
      closedReason: null,
      publishedAt: null,
      closedAt: null,
      closeAt: null,
      push: 'none',
      pushCursor: '',
      nextDueAt: null,
      leaseUntil: '',
      audience: 0,
      delivered: 0,
      responses: 0,
      tally: {},
      createdBy: ctx.openid,
      createdByName: ctx.staff?.name ?? '',
      createdAt: at,
      updatedAt: at
    }
    return view((await addOnce(surveys(ctx.db), recordId(ctx, 'survey'), doc)).doc)
  },

  async 'survey.admin.preview'(ctx, { conditions }) {
    return countAudience(ctx, scoped(ctx, conditions))
  },

  async 'survey.admin.publish'(ctx, { id }) {
    const s = await inRegion(ctx, id)
    if (s.status === 'published') return view(s)
    if (s.status === 'closed') throw precondition('这份问卷已经结束，不能再发布')
    if (s.endOn < ctx.today) throw precondition('截止日期已经过了，请先改截止日期再发布')
    const at = ctx.now.toISOString()
    const rules = scoped(ctx, s.conditions)
    const { count } = await countAudience(ctx, rules)
    const startsAt = chinaStartOfDay(s.startOn).toISOString()
    // Delivered by the scheduler in pages (sweeps.ts), from the start date on.
    const next = {
      status: 'published' as const,
      rules,
      publishedAt: at,
      closeAt: closeAtOf(s.endOn),
      push: 'queued' as const,
      pushCursor: '',
      nextDueAt: startsAt > at ? startsAt : at,
      leaseUntil: '',
      audience: count,
      tally: emptyTally(s.questions),
      responses: 0,
      updatedAt: at
    }
    await surveys(ctx.db).updateWhere({ _id: id, status: 'draft' }, next)
    return view({ ...s, ...next })
  },

  async 'survey.admin.close'(ctx, { id }) {
    const s = await inRegion(ctx, id)
    if (s.status === 'closed') return view(s)
    if (s.status === 'draft') throw precondition('草稿还没有发布，不用结束')
    const at = ctx.now.toISOString()
    const next = { status: 'closed' as const, closedReason: 'staff' as const, closedAt: at, updatedAt: at, ...(s.push === 'queued' ? { push: 'stopped' as const, nextDueAt: null } : {}) }
    await surveys(ctx.db).updateWhere({ _id: id, status: 'published' }, next)
    return view({ ...s, ...next })
  },

  async 'survey.admin.results'(ctx, { id }) {
    const s = await inRegion(ctx, id)
    return {
      id: s._id,
      title: s.title,
      anonymous: s.anonymous,
      status: s.status,
      endOn: s.endOn,
      audience: s.audience,
      delivered: s.delivered,
      responses: s.responses,
      questions: s.questions.map((q, index) => ({ index, kind: q.kind, title: q.title, ...questionFigures(q, s.tally[qKey(index)]) }))
    }
  },

  async 'survey.admin.texts'(ctx, { id, q, cursor, limit }) {
    const s = await inRegion(ctx, id)
    if (s.questions[q]?.kind !== 'text') throw invalid('这道题不是简答题', 'q')
    // ordered by the answers' ids, random for anonymous answers: the list says nothing about when
    const where: Where = { surveyId: id, [`texts.${qKey(q)}`]: cmd.exists(true) }
    const after = cursor ? decodeCursor(cursor, 'p', 1)[0] : null
    const [rows, total] = await Promise.all([
      answersOf(ctx.db).find(after ? { ...where, _id: cmd.gt(after) } : where, { orderBy: [['_id', 'asc']], limit: limit + 1 }),
      answersOf(ctx.db).count(where)
    ])
    const page = rows.slice(0, limit)
    return {
      items: page.map((a) => ({ id: a._id, text: a.texts[qKey(q)], who: s.anonymous ? null : a.name ? maskName(a.name) : '（未填字号）' })),
      total,
      nextCursor: rows.length > limit ? encodeCursor('p', [page[page.length - 1]._id]) : null
    }
  },

  async 'survey.admin.export'(ctx, { id }) {
    const s = await inRegion(ctx, id)
    // every answer, a page of 1,000 by _id (random for anonymous ones: the rows say nothing about when)
    const all: AnswerDoc[] = []
    for (let after = ''; all.length < EXPORT_MAX; ) {
      const page = await answersOf(ctx.db).find({ surveyId: id, _id: cmd.gt(after) }, { orderBy: [['_id', 'asc']], limit: 1000 })
      all.push(...page)
      if (page.length < 1000) break
      after = page[page.length - 1]._id
    }
    return exportXlsx(ctx.ports, ctx, { fileBase: `问卷-${s.title}`, sheets: surveySheets(s, all) })
  },

  async 'survey.get'(ctx, { id }) {
    const { s } = await reachable(ctx, id)
    const mark = await marks(ctx.db).get(markId(ctx.openid, id))
    return {
      id: s._id,
      title: s.title,
      intro: s.intro,
      organizer: s.organizer,
      anonymous: s.anonymous,
      anonymity: s.anonymous ? ANONYMITY_TEXT.anonymous : ANONYMITY_TEXT.named,
      startOn: s.startOn,
      endOn: s.endOn,
      state: openState(s, ctx.today),
      answered: mark?.state === 'done',
      questions: s.questions
    }
  },

  /**
   * Once per owner, under retries and crashes: (1) the marker `<openid>:<survey>` is inserted
   * (unique: a second answer is refused) holding a random answer id; (2) the answer is stored
   * under that id; (3) a conditional flip of `tallied` lets exactly one attempt add its
   * increments to the survey; (4) the marker is marked done and forgets the answer id. A retry
   * of the same request picks up at whichever step the first attempt died (common/once.ts
   * replays a finished one). A crash between (3)'s two writes leaves that answer out of the
   * tallies; it is never counted twice.
   */
  async 'survey.answer'(ctx, { id, answers }) {
    const { s, owner } = await reachable(ctx, id)
    const requestId = ctx.requestId ?? randomBytes(12).toString('hex')
    const key = markId(ctx.openid, id)
    let mark = await marks(ctx.db).get(key)
    const mine = (m: typeof mark) => !!m && m.requestId === requestId
    if (mark && !mine(mark)) throw conflict('您已经提交过这份问卷，每户只能答一次，谢谢参与')
    if (mark?.state === 'done') return { answered: true as const }
    const state = openState(s, ctx.today)
    if (!mark && state === 'closed') throw precondition(`这份问卷已于${niceDate(s.endOn)}截止，不能再提交了`)
    if (!mark && state === 'notStarted') throw precondition(`这份问卷${niceDate(s.startOn)}开始，到时再来作答`)
    const problems = answerProblems(s.questions, answers)
    if (problems.length) throw new AppError('INVALID_INPUT', problems[0].message, problems)
    const stored = normalizeAnswers(s.questions, answers)
    if (!mark) {
      const fresh = { openid: ctx.openid, surveyId: id, requestId, state: 'storing' as const, answerId: randomBytes(16).toString('hex'), at: ctx.now.toISOString() }
      try {
        await marks(ctx.db).add({ _id: key, ...fresh })
        mark = { _id: key, ...fresh }
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err
        mark = await marks(ctx.db).get(key)
        if (!mine(mark)) throw conflict('您已经提交过这份问卷，每户只能答一次，谢谢参与')
      }
    }
    const answerId = mark!.answerId!
    const texts = Object.fromEntries(stored.flatMap((a, i) => (a?.text ? [[qKey(i), a.text]] : [])))
    const doc: Omit<AnswerDoc, '_id'> = {
      surveyId: id,
      answers: stored,
      texts,
      tallied: false,
      // a named survey tells staff who answered; an anonymous one stores nothing about the owner
      ...(s.anonymous ? {} : { openid: ctx.openid, name: owner.profile?.businessName ?? null, answeredAt: ctx.now.toISOString() })
    }
    try {
      await answersOf(ctx.db).add({ _id: answerId, ...doc })
    } catch (err) {
      if (!(err instanceof DuplicateKeyError)) throw err
    }
    if ((await answersOf(ctx.db).updateWhere({ _id: answerId, tallied: false }, { tallied: true })) === 1) {
      const inc = Object.fromEntries(Object.entries(tallyIncrements(s.questions, stored)).map(([k, n]) => [`tally.${k}`, patch.inc(n)]))
      await surveys(ctx.db).update(id, { ...inc, responses: patch.inc(1) })
    }
    await marks(ctx.db).update(key, { state: 'done', answerId: null })
    return { answered: true as const }
  }
})

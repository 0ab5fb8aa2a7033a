import type { AnswerCard, StaffQuestion } from '../../src/core/assistant/contract'
import { QUESTION_STATES } from '../../src/core/assistant/labels'
import { acceptModelAnswer, modelPrompt } from '../../src/core/assistant/cite'
import { createEngine, matchFaq, type Engine, type Hit } from '../../src/core/assistant/engine'
import { showDate } from '../../src/core/common/time'
import { policyAge } from '../../src/core/policy/age'
import { FIT_LABELS, type Fit } from '../../src/core/policy/fit'
import { POLICY_LIBRARY } from '../../src/core/policy/library'
import { factsOf, fitOf, matchPolicy, type Facts } from '../../src/core/policy/match'
import { within } from '../../src/core/region/code'
import { regionName } from '../../src/core/region/names'
import type { Context } from '../common/context'
import { conflict, invalid, notFound, precondition } from '../common/errors'
import { notify } from '../common/notify'
import { recordId } from '../common/once'
import { pageNewestFirst } from '../common/paging'
import type { Where } from '../common/ports'
import { defineFunction } from '../common/router'
import { owners } from '../user/owners'
import { assertRegion, matchProfile, regionWhere } from '../user/verify'
import { faqs, questions, type QuestionDoc } from './store'

/**
 * 问一问 (#19). The index is built once per function instance, on the first question (about half a
 * second; every later question reuses it: core/assistant/engine.ts). Questions are recorded so staff
 * see what owners ask (anonymised) and can answer the ones handed to them.
 */
let engine: Engine | null = null
const getEngine = () => (engine ??= createEngine())

const POLICIES = new Map(POLICY_LIBRARY.map((p) => [p.id, p]))
const FIT_TONE: Record<Fit, 'green' | 'orange' | 'gray'> = { match: 'green', almost: 'orange', no: 'gray', elsewhere: 'gray', regionUnknown: 'gray', expired: 'gray' }
const SEE_AUTHORITY = '是否符合以主管部门审核为准'
/** how long the optional model may take before the extractive answer is shown instead */
const MODEL_TIMEOUT_MS = 8000

/** The content check on text; a check that fails holds the text (it is never shown or sent on). */
async function check(ctx: Context, text: string): Promise<'pass' | 'held'> {
  try {
    return (await ctx.ports.contentCheck.check(text, ctx.openid)) === 'pass' ? 'pass' : 'held'
  } catch (err) {
    ctx.ports.log.error('[assistant] content check failed; held', err)
    return 'held'
  }
}

/** A policy card's line for this owner, in the policy pages' words (可能符合 / 差一项 / 已过期…), never a verdict. */
function fitLine(ctx: Context, policyId: string, facts: Facts | null): AnswerCard['fit'] {
  const p = POLICIES.get(policyId)
  if (!p) return null
  if (!facts) {
    // without a profile only what the document itself says: that it has ended
    const age = policyAge(p, ctx.today)
    return age.state === 'expired' ? { label: FIT_LABELS.expired, tone: 'gray', missing: null, note: age.note ?? '文件写明的时间已过' } : null
  }
  const fit = fitOf(p, facts, ctx.today)
  const m = matchPolicy(p, facts, ctx.today)
  const unmet = m.reasons.find((r) => !r.met)
  // the tag already says 已过期: the note gives the document's own words for it
  const note = fit === 'match' ? `按您的经营档案估算；${SEE_AUTHORITY}` : (unmet?.text ?? SEE_AUTHORITY).replace(/^已过期：/, '')
  return { label: FIT_LABELS[fit], tone: FIT_TONE[fit], missing: fit === 'almost' ? m.missing : null, note }
}

function card(ctx: Context, h: Hit, n: number, facts: Facts | null): AnswerCard {
  const p = h.passage
  return {
    n,
    kind: p.kind,
    title: p.title,
    plain: p.plain,
    quote: p.quote,
    source: p.source,
    fit: p.kind === 'policy' ? fitLine(ctx, p.ref, facts) : null,
    target: { url: p.url, label: p.button }
  }
}

async function modelSummary(ctx: Context, q: string, cards: AnswerCard[]): Promise<string | null> {
  const model = ctx.ports.answerModel
  if (!model || !cards.length) return null
  try {
    const prompt = modelPrompt(q, cards.map((c) => ({ n: c.n, title: c.title, text: [c.plain, c.quote].filter(Boolean).join('\n原文：'), source: c.source })))
    let timer: ReturnType<typeof setTimeout> | undefined
    try {
      const late = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(''), MODEL_TIMEOUT_MS)))
      return acceptModelAnswer(await Promise.race([model.generate(prompt), late]), cards.map((c) => c.n))
    } finally {
      // a pending timer would hold the instance (and the tests) open for the rest of the 8 s
      clearTimeout(timer)
    }
  } catch (err) {
    ctx.ports.log.error('[assistant] model failed; extractive answer', err)
    return null
  }
}

const HELD_TEXT = '（这条问题没有通过内容安全检查，不显示）'

function staffView(q: QuestionDoc): StaffQuestion {
  return {
    id: q._id,
    text: q.check === 'pass' ? q.text : HELD_TEXT,
    regionName: q.region ? regionName(q.region) || '未知地区' : '未建档',
    createdAt: q.createdAt,
    found: q.found,
    shown: q.shown,
    state: q.state,
    stateLabel: q.state === 'asked' ? (q.found ? '已自动回答' : '没找到答案') : QUESTION_STATES[q.state],
    reply: q.reply,
    repliedAt: q.repliedAt,
    published: !!q.faqId
  }
}

async function staffQuestion(ctx: Context, id: string): Promise<QuestionDoc> {
  const q = await questions(ctx.db).get(id)
  if (!q) throw notFound('没有找到这个问题')
  // a question asked without a profile has no region: only admins see it
  if (ctx.staff?.region && !(q.region && within(q.region, ctx.staff.region))) assertRegion(ctx, q.region || '000000', '问题')
  return q
}

const short = (s: string, n = 40) => (s.length > n ? `${s.slice(0, n)}…` : s)

export default defineFunction('assistant', {
  async 'assistant.ask'(ctx, { q }) {
    const found = getEngine().search(q)
    const owner = ctx.role === 'owner' ? await owners(ctx).get(ctx.openid) : null
    const region = owner?.profile?.region ?? ''
    const profile = owner && owner.settings?.personalized !== false ? matchProfile(owner, ctx.today) : null
    const facts = profile ? factsOf(profile, ctx.today) : null

    // FAQ entries staff published for this place (or everywhere)
    const entries = (await faqs(ctx.db).find({ status: 'published' }, { limit: 500, orderBy: [['createdAt', 'desc']] })).filter((f) => !f.region || (region && within(region, f.region)))
    const faq = matchFaq(q, entries.map((f) => ({ id: f._id, question: f.question, answer: f.answer })))
    const verdict = await check(ctx, q)

    const cards: AnswerCard[] = []
    if (faq) {
      const doc = entries.find((f) => f._id === faq.faq.id)!
      cards.push({
        n: 1,
        kind: 'faq',
        title: `常见问题：${faq.faq.question}`,
        plain: faq.faq.answer,
        quote: null,
        source: `${doc.region ? regionName(doc.region) : ''}工作人员的答复（${showDate(doc.createdAt)}）`,
        fit: null,
        target: null
      })
    }
    // below the floors, nothing is shown as an answer: a weak passage would read as a confident one
    if (found.confident) for (const h of found.hits.slice(0, 3 - cards.length)) cards.push(card(ctx, h, cards.length + 1, facts))
    const summary = verdict === 'pass' ? await modelSummary(ctx, q, cards) : null

    const _id = recordId(ctx, 'question')
    await questions(ctx.db).add({
      _id,
      openid: ctx.openid,
      region,
      text: q,
      createdAt: ctx.now.toISOString(),
      found: cards.length > 0,
      shown: cards.map((c) => c.title),
      check: verdict,
      state: 'asked',
      handoffAt: null,
      reply: null,
      repliedAt: null,
      repliedBy: null,
      faqId: null
    })
    return { questionId: _id, found: cards.length > 0, summary, cards, canHandoff: verdict === 'pass' && ctx.role === 'owner' }
  },

  async 'assistant.handoff'(ctx, { id }) {
    const q = await questions(ctx.db).get(id)
    if (!q || q.openid !== ctx.openid) throw notFound('没有找到这个问题，请重新提问')
    if (q.check !== 'pass') throw precondition('这个问题没有通过内容安全检查，不能转给工作人员；请换个说法再问')
    if (q.state === 'asked') await questions(ctx.db).updateWhere({ _id: id, state: 'asked' }, { state: 'waiting', handoffAt: ctx.now.toISOString() })
    const now = (await questions(ctx.db).get(id))!
    return { state: now.state === 'replied' ? 'replied' : 'waiting' }
  },

  async 'assistant.staff.list'(ctx, { view, cursor, limit }) {
    const scope = regionWhere(ctx, 'region')
    const where: Where = view === 'waiting' ? { state: 'waiting', ...scope } : view === 'unanswered' ? { found: false, ...scope } : scope
    const [page, waiting] = await Promise.all([pageNewestFirst(questions(ctx.db), where, { cursor, limit }), questions(ctx.db).count({ state: 'waiting', ...scope })])
    return { items: page.items.map(staffView), total: page.total, nextCursor: page.nextCursor, waiting }
  },

  async 'assistant.staff.reply'(ctx, { id, reply }) {
    const q = await staffQuestion(ctx, id)
    if (q.state === 'asked') throw precondition('这个问题没有转人工，不用回复；可以写成常见问题发布')
    if (q.state === 'replied') throw conflict('这个问题已经回复过了')
    if ((await check(ctx, reply)) !== 'pass') throw invalid('回复没有通过内容安全检查，请修改后再发', 'reply')
    const at = ctx.now.toISOString()
    const changed = await questions(ctx.db).updateWhere({ _id: id, state: 'waiting' }, { state: 'replied', reply, repliedAt: at, repliedBy: ctx.openid })
    if (!changed) throw conflict('这个问题刚被别人回复了，请刷新')
    await notify(ctx.ports, ctx.now, {
      openid: q.openid,
      topic: 'assistant',
      key: `assistant:${id}:reply`,
      title: '您在“问一问”提的问题有回复了',
      body: `您问：${short(q.text)}\n工作人员回复：${reply}`,
      page: '/assistant/pages/index/index'
    })
    return staffView((await questions(ctx.db).get(id))!)
  },

  async 'assistant.staff.publish'(ctx, { id, question, answer }) {
    const q = await staffQuestion(ctx, id)
    if ((await check(ctx, `${question}\n${answer}`)) !== 'pass') throw invalid('内容没有通过内容安全检查，请修改后再发布', 'answer')
    const faqId = `faq-${id}`
    // one entry per question: publishing again replaces its words
    await faqs(ctx.db).set(faqId, { question, answer, region: ctx.staff?.region ?? '', status: 'published', createdAt: ctx.now.toISOString(), createdBy: ctx.openid, questionId: id })
    await questions(ctx.db).update(id, { faqId })
    return staffView({ ...q, faqId })
  }
})

import { factsOf, match, matchPolicy, type MatchResult } from '../../src/core/policy/match'
import { chinaDate } from '../../src/core/common/time'
import { CATEGORIES } from '../../src/core/policy/categories'
import type { PolicyItem } from '../../src/core/policy/contract'
import { checkCondition } from '../../src/core/policy/match'
import { policyAge } from '../../src/core/policy/age'
import { FACT_LABELS } from '../../src/core/policy/rules'
import type { Context } from '../common/context'
import { DuplicateKeyError, notFound, precondition } from '../common/errors'
import { patch } from '../common/ports'
import { addOnce, recordId } from '../common/once'
import { defineFunction } from '../common/router'
import { owners, type OwnerDoc } from '../user/owners'
import { audienceWhere } from './audience'
import { bumpVersion, newPolicyDoc, seedPolicies, markId, marks, policies, publishedPolicies, type MarkDoc, type PolicyDoc } from './store'

const STATUS_ORDER = { match: 0, almost: 1, no: 2 } as const

/** The owner's matching context: facts when recommendation is on and a profile exists. */
async function viewer(ctx: Context) {
  const owner = await owners(ctx).get(ctx.openid)
  const personalized = owner?.settings.personalized !== false
  const facts = owner?.profile && personalized ? factsOf(owner.profile, ctx.today) : null
  const myMarks = new Map((await marks(ctx.db).find({ openid: ctx.openid }, { limit: 1000 })).map((m) => [m.policyId, m]))
  return { owner, personalized, facts, marks: myMarks }
}
type Viewer = Awaited<ReturnType<typeof viewer>>

function item(p: PolicyDoc, v: Viewer, now: Date): PolicyItem & { _match: MatchResult | null } {
  // an ended policy is never recommended as a match, whatever the owner's profile
  const m = v.facts ? matchPolicy(p, v.facts, chinaDate(now)) : null
  const age = policyAge(p, chinaDate(now))
  const mark = v.marks.get(p._id)
  return {
    id: p._id,
    title: p.title,
    category: p.category,
    department: p.department,
    what: p.summary.what,
    publishedAt: p.publishedAt,
    effectiveTo: p.effectiveTo,
    expired: age.state === 'expired',
    age: age.state,
    ageNote: age.note,
    status: m?.status ?? null,
    missing: m?.missing ?? null,
    read: !!mark?.read,
    favorite: !!mark?.favorite,
    _match: m
  }
}
const strip = ({ _match, ...rest }: ReturnType<typeof item>): PolicyItem => rest

function page<T>(all: T[], offset: number, limit: number) {
  const items = all.slice(offset, offset + limit)
  return { items, total: all.length, nextOffset: offset + limit < all.length ? offset + limit : null }
}

async function ownPolicy(ctx: Context, id: string): Promise<PolicyDoc> {
  const p = await policies(ctx.db).get(id)
  if (!p || p.status !== 'published') throw notFound('没有找到这条政策，可能已撤回')
  return p
}

async function setMark(ctx: Context, policyId: string, fields: Partial<Pick<MarkDoc, 'read' | 'favorite'>>): Promise<MarkDoc | null> {
  const _id = markId(ctx.openid, policyId)
  const before = await marks(ctx.db).get(_id)
  const at = ctx.now.toISOString()
  if (before) {
    await marks(ctx.db).update(_id, { ...fields, updatedAt: at })
    return before
  }
  try {
    await marks(ctx.db).add({ _id, openid: ctx.openid, policyId, read: false, favorite: false, ...fields, updatedAt: at })
    return null
  } catch (err) {
    if (!(err instanceof DuplicateKeyError)) throw err
    const now = await marks(ctx.db).get(_id)
    await marks(ctx.db).update(_id, { ...fields, updatedAt: at })
    return now
  }
}

function staffView(p: PolicyDoc, today: string) {
  return {
    id: p._id,
    title: p.title,
    category: p.category,
    status: p.status,
    publishedAt: p.publishedAt,
    push: p.push,
    stats: p.stats,
    age: policyAge(p, today).state,
    reviewedAt: p.reviewedAt ?? null,
    reviewedBy: p.reviewedBy ?? null,
    updatedAt: p.updatedAt
  }
}

/** Masked for staff eyes: the first two characters of the business name only. */
const maskName = (name: string) => `${Array.from(name).slice(0, 2).join('')}${'*'.repeat(Math.max(1, Math.min(4, Array.from(name).length - 2)))}`

export default defineFunction('policy', {
  async 'policy.feed'(ctx, { offset, limit }) {
    const [list, v] = await Promise.all([publishedPolicies(ctx.db), viewer(ctx)])
    const live = list.map((p) => item(p, v, ctx.now)).filter((i) => !i.expired)
    // Personalised: matches first, then almost-matches with what is missing. Otherwise, or with
    // no profile yet, the plain list, newest first (个人信息保护法 Art. 24).
    const ordered = v.facts
      ? live.filter((i) => i.status !== 'no').sort((a, b) => STATUS_ORDER[a.status!] - STATUS_ORDER[b.status!] || (b.publishedAt ?? '').localeCompare(a.publishedAt ?? ''))
      : live
    return { ...page(ordered.map(strip), offset, limit), personalized: v.personalized, hasProfile: !!v.owner?.profile }
  },

  async 'policy.list'(ctx, { offset, limit, category, department, favorites }) {
    const [list, v] = await Promise.all([publishedPolicies(ctx.db), viewer(ctx)])
    const departments = [...new Set(list.map((p) => p.department))]
    const chosen = list
      .filter((p) => (!category || p.category === category) && (!department || p.department === department))
      .map((p) => item(p, v, ctx.now))
      .filter((i) => !favorites || i.favorite)
    return { ...page(chosen.map(strip), offset, limit), departments }
  },

  async 'policy.search'(ctx, { q, offset, limit }) {
    const [list, v] = await Promise.all([publishedPolicies(ctx.db), viewer(ctx)])
    // Plain substring matching in memory: any text is safe, nothing reaches the database query.
    const words = q.toLowerCase().split(/\s+/).filter(Boolean)
    const hits = list.filter((p) => {
      const hay = `${p.title} ${p.summary.what} ${p.summary.who} ${p.department} ${CATEGORIES[p.category]}`.toLowerCase()
      return words.every((w) => hay.includes(w))
    })
    return page(hits.map((p) => strip(item(p, v, ctx.now))), offset, limit)
  },

  async 'policy.get'(ctx, { id }) {
    const [p, v] = await Promise.all([ownPolicy(ctx, id), viewer(ctx)])
    const i = item(p, v, ctx.now)
    return {
      ...strip(i),
      summary: p.summary,
      effectiveFrom: p.effectiveFrom,
      source: p.source,
      // what the policy asks, for owners who switched recommendation off as well
      conditions: p.conditions.map((c) => `${FACT_LABELS[c.fact]}：${checkCondition(c, v.facts ?? NEUTRAL_FACTS).text.replace(/[，（].*$/, '')}`),
      reasons: i._match?.reasons ?? [],
      period: p.period ?? null,
      evidence: p.evidence ?? [],
      platform: p.platform ?? []
    }
  },

  async 'policy.read'(ctx, { id }) {
    await ownPolicy(ctx, id)
    const before = await setMark(ctx, id, { read: true })
    // "opened" counts owners, not views
    if (!before?.read) await policies(ctx.db).update(id, { 'stats.opened': patch.inc(1) })
    return { read: true }
  },

  async 'policy.favorite'(ctx, { id, favorite }) {
    await ownPolicy(ctx, id)
    const before = await setMark(ctx, id, { favorite })
    const was = !!before?.favorite
    if (was !== favorite) await policies(ctx.db).update(id, { 'stats.favorited': patch.inc(favorite ? 1 : -1) })
    return { favorite }
  },

  async 'policy.admin.list'(ctx, { status }) {
    const list = await policies(ctx.db).find(status ? { status } : {}, { orderBy: [['updatedAt', 'desc']], limit: 1000 })
    return { policies: list.map((p) => staffView(p, ctx.today)) }
  },

  async 'policy.admin.reviewList'(ctx) {
    const list = await policies(ctx.db).find({ status: 'published' }, { orderBy: [['publishedAt', 'asc']], limit: 1000 })
    return { policies: list.filter((p) => policyAge(p, ctx.today).state === 'unconfirmed').map((p) => staffView(p, ctx.today)) }
  },

  async 'policy.admin.review'(ctx, { id }) {
    const p = await policies(ctx.db).get(id)
    if (!p || p.status !== 'published') throw notFound('没有找到这条已发布的政策')
    const at = ctx.now.toISOString()
    const by = ctx.staff?.name ?? ''
    await policies(ctx.db).update(id, { reviewedAt: at, reviewedBy: by, updatedAt: at })
    // owners' pages read the library from each warm instance's cache: tell them it changed
    await bumpVersion(ctx.db)
    return staffView({ ...p, reviewedAt: at, reviewedBy: by, updatedAt: at }, ctx.today)
  },

  async 'policy.admin.get'(ctx, { id }) {
    const p = await policies(ctx.db).get(id)
    if (!p) throw notFound('没有找到这条政策')
    const { title, summary, department, category, effectiveFrom, effectiveTo, source, conditions } = p
    return { policy: { id: p._id, title, summary, department, category, effectiveFrom, effectiveTo, source, conditions }, status: p.status }
  },

  async 'policy.admin.save'(ctx, input) {
    const { id, ...fields } = input
    const at = ctx.now.toISOString()
    if (id) {
      const existing = await policies(ctx.db).get(id)
      if (!existing) throw notFound('没有找到这条政策')
      if (existing.status === 'withdrawn') throw precondition('已撤回的政策不能再修改，请新建')
      // what the editor does not show (issuer, draft, an unknown region) stays as the library had it
      fields.source = { ...existing.source, ...fields.source }
      await policies(ctx.db).update(id, { ...fields, updatedAt: at, editedAt: at })
      if (existing.status === 'published') await bumpVersion(ctx.db)
      return staffView({ ...existing, ...fields, updatedAt: at }, ctx.today)
    }
    const doc = newPolicyDoc(fields, 'draft', ctx.openid, at)
    return staffView((await addOnce(policies(ctx.db), recordId(ctx, 'policy'), doc)).doc, ctx.today)
  },

  async 'policy.admin.preview'(ctx, { conditions }) {
    const { where, approximate } = audienceWhere(conditions, ctx.today)
    const ownersColl = ctx.db.collection<OwnerDoc>('owners')
    const [count, candidates] = await Promise.all([ownersColl.count(where), ownersColl.find(where, { limit: 50 })])
    const sample = candidates
      .map((o) => ({ o, m: match(conditions, factsOf(o.profile!, ctx.today)) }))
      .filter((x) => x.m.status === 'match')
      .slice(0, 5)
      .map(({ o, m }) => ({ business: maskName(o.profile!.businessName), reasons: m.reasons }))
    return { count, approximate, sample }
  },

  async 'policy.admin.publish'(ctx, { id }) {
    const p = await policies(ctx.db).get(id)
    if (!p) throw notFound('没有找到这条政策')
    if (p.status === 'published') return staffView(p, ctx.today)
    if (p.status === 'withdrawn') throw precondition('已撤回的政策不能再发布，请新建')
    const at = ctx.now.toISOString()
    // Queue the push: the scheduler's sweep sends it in pages, each owner at most once.
    const next = { status: 'published' as const, publishedAt: at, push: 'queued' as const, pushCursor: '', nextDueAt: at, leaseUntil: '', updatedAt: at }
    await policies(ctx.db).update(id, next)
    await bumpVersion(ctx.db)
    return staffView({ ...p, ...next }, ctx.today)
  },

  async 'policy.admin.seed'(ctx) {
    return seedPolicies(ctx.db, ctx.now)
  },

  async 'policy.admin.withdraw'(ctx, { id }) {
    const p = await policies(ctx.db).get(id)
    if (!p) throw notFound('没有找到这条政策')
    const at = ctx.now.toISOString()
    // Stops whatever is not yet sent: the sweep only takes queued pushes.
    const next = { status: 'withdrawn' as const, withdrawnAt: at, push: p.push === 'queued' ? ('stopped' as const) : p.push, nextDueAt: null, updatedAt: at }
    await policies(ctx.db).update(id, next)
    await bumpVersion(ctx.db)
    return staffView({ ...p, ...next }, ctx.today)
  }
})

/** For describing conditions to an owner without a profile: texts are cut before their "your value" part. */
const NEUTRAL_FACTS = factsOf(
  { region: '', industry: 'other', openedOn: '2000-01-01', employees: 0, revenueBand: 'lt10w', taxPaid: false, socialInsurance: false, groups: [] },
  '2000-01-01'
)

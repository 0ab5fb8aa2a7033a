import { describeCondition, factsOf, fitOf, match, matchPolicy, type MatchResult } from '../../src/core/policy/match'
import { chinaDate } from '../../src/core/common/time'
import { CATEGORIES } from '../../src/core/policy/categories'
import type { PolicyItem } from '../../src/core/policy/contract'
import { policyAge } from '../../src/core/policy/age'
import { contactId, DEPARTMENTS, NO_ACT, NO_MATERIALS, noContactText, resolveContacts, sourceLine } from '../../src/core/policy/act'
import { compareListed, compareRecommended, scopeOf, type Listed, type Recommended } from '../../src/core/policy/rank'
import { FACT_LABELS } from '../../src/core/policy/rules'
import { regionPrefix, within } from '../../src/core/region/code'
import { regionName } from '../../src/core/region/names'
import type { Context } from '../common/context'
import { DuplicateKeyError, forbidden, notFound, precondition } from '../common/errors'
import { cmd, patch, type Where } from '../common/ports'
import { contactRegion, contacts, contactsFor, mergeAct, staffAct, toContact, type ContactDoc } from './contacts'
import { addOnce, recordId } from '../common/once'
import { pageAfter, pageNewestFirst } from '../common/paging'
import { defineFunction } from '../common/router'
import { owners, type OwnerDoc } from '../user/owners'
import { matchProfile } from '../user/verify'
import { audienceWhere } from './audience'
import { bumpVersion, newPolicyDoc, seedPolicies, markId, marks, policies, publishedPolicies, type MarkDoc, type PolicyDoc } from './store'

/** The owner's matching context: facts when recommendation is on and a profile exists. */
async function viewer(ctx: Context) {
  const owner = await owners(ctx).get(ctx.openid)
  const personalized = owner?.settings.personalized !== false
  // the register's opening date and region where the business is verified against it (#16)
  const profile = owner ? matchProfile(owner) : null
  const facts = profile && personalized ? factsOf(profile, ctx.today) : null
  const myMarks = new Map((await marks(ctx.db).find({ openid: ctx.openid }, { limit: 1000 })).map((m) => [m.policyId, m]))
  return { owner, personalized, facts, marks: myMarks }
}
type Viewer = Awaited<ReturnType<typeof viewer>>

/** Where a policy applies, in words: the most specific region its rules name. */
function placeOf(p: PolicyDoc): string {
  if (p.source.region === null) return '地区不明'
  const areas = p.conditions.flatMap((c) => (c.fact === 'region' ? [c.value] : []))
  if (!areas.length) return '不限地区'
  const narrowest = areas.sort((a, b) => regionPrefix(b).length - regionPrefix(a).length)[0]
  return regionName(narrowest) || '指定地区'
}

function item(p: PolicyDoc, v: Viewer, now: Date): PolicyItem & { _match: MatchResult | null } {
  const today = chinaDate(now)
  // an ended policy is never recommended as a match, whatever the owner's profile
  const m = v.facts ? matchPolicy(p, v.facts, today) : null
  const age = policyAge(p, today)
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
    fit: v.facts ? fitOf(p, v.facts, today) : null,
    scope: v.facts ? scopeOf(p, v.facts.region) : null,
    place: placeOf(p),
    sourceLine: sourceLine(p.source),
    read: !!mark?.read,
    favorite: !!mark?.favorite,
    _match: m
  }
}
const strip = ({ _match, ...rest }: ReturnType<typeof item>): PolicyItem => rest

type Item = ReturnType<typeof item>

/** One way of ordering a list: what it reads of each policy, and a total order on that (ends in the id). */
interface Order<K> {
  key: (p: PolicyDoc, i: Item) => K
  compare: (a: K, b: K) => number
}

/** 为您推荐: core/policy/rank's recommendation order. */
const RECOMMENDED: Order<Recommended> = {
  // a policy that has stopped fitting since the last page still has its place in this order
  key: (p, i) => ({ id: i.id, status: i.status === 'match' ? 'match' : 'almost', conditions: p.conditions, reasons: i._match?.reasons ?? [], act: p.act, publishedAt: p.publishedAt }),
  compare: compareRecommended
}
/** 全部 and search for an owner whose region we know: region first (core/policy/rank). */
const LISTED: Order<Listed> = {
  key: (p, i) => ({ id: i.id, scope: i.scope!, fit: i.fit!, publishedAt: i.publishedAt, rank: rankOf(p, i) }),
  compare: compareListed
}
/** Recommendation off or no profile: newest first (个人信息保护法 Art. 24: no profiling order). */
const PLAIN: Order<{ id: string; publishedAt: string | null }> = {
  key: (_p, i) => ({ id: i.id, publishedAt: i.publishedAt }),
  compare: (a, b) => (b.publishedAt ?? '').localeCompare(a.publishedAt ?? '') || a.id.localeCompare(b.id)
}

/**
 * One page of `rows` in `order`, with the total. The cursor names the last policy shown; one
 * withdrawn or expired since is read back (withdrawn policies are kept) to find where it stood.
 */
async function pageIn<K>(ctx: Context, v: Viewer, rows: Array<{ p: PolicyDoc; i: Item }>, order: Order<K>, opts: { cursor?: string; limit: number }) {
  const keyed = rows.map(({ p, i }) => ({ id: i.id, i, k: order.key(p, i) })).sort((a, b) => order.compare(a.k, b.k))
  const page = await pageAfter(keyed, (a, b) => order.compare(a.k, b.k), opts, async (id) => {
    const p = await policies(ctx.db).get(id)
    if (!p) return null
    const i = item(p, v, ctx.now)
    return { id, i, k: order.key(p, i) }
  })
  return { items: page.items.map((r) => strip(r.i)), total: page.total, nextCursor: page.nextCursor }
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
  async 'policy.feed'(ctx, { cursor, limit }) {
    const [list, v] = await Promise.all([publishedPolicies(ctx.db), viewer(ctx)])
    const live = list.map((p) => ({ p, i: item(p, v, ctx.now) })).filter(({ i }) => !i.expired)
    // Personalised: what may fit, in the order a small stall can act on (core/policy/rank,
    // compareRecommended). Otherwise, or with no profile yet, the plain list, newest first
    // (个人信息保护法 Art. 24).
    const page = v.facts
      ? await pageIn(ctx, v, live.filter(({ i }) => i.status === 'match' || i.status === 'almost'), RECOMMENDED, { cursor, limit })
      : await pageIn(ctx, v, live, PLAIN, { cursor, limit })
    return { ...page, personalized: v.personalized, hasProfile: !!v.owner?.profile }
  },

  async 'policy.list'(ctx, { cursor, limit, category, department, favorites }) {
    const [list, v] = await Promise.all([publishedPolicies(ctx.db), viewer(ctx)])
    const departments = [...new Set(list.map((p) => p.department))]
    const chosen = list
      .filter((p) => (!category || p.category === category) && (!department || p.department === department))
      .map((p) => ({ p, i: item(p, v, ctx.now) }))
      .filter(({ i }) => !favorites || i.favorite)
    return { ...(await regionFirst(ctx, v, chosen, { cursor, limit })), departments }
  },

  async 'policy.search'(ctx, { q, cursor, limit }) {
    const [list, v] = await Promise.all([publishedPolicies(ctx.db), viewer(ctx)])
    // Plain substring matching in memory: any text is safe, nothing reaches the database query.
    const words = q.toLowerCase().split(/\s+/).filter(Boolean)
    const hits = list.filter((p) => {
      const hay = `${p.title} ${p.summary.what} ${p.summary.who} ${p.department} ${CATEGORIES[p.category]}`.toLowerCase()
      return words.every((w) => hay.includes(w))
    })
    return regionFirst(ctx, v, hits.map((p) => ({ p, i: item(p, v, ctx.now) })), { cursor, limit })
  },

  async 'policy.get'(ctx, { id }) {
    const [p, v] = await Promise.all([ownPolicy(ctx, id), viewer(ctx)])
    const i = item(p, v, ctx.now)
    const act = p.act ?? NO_ACT
    // contacts are looked up for the owner's place (recommendation on or off: this is where to go, not a ranking)
    const region = contactRegion(p, v.owner?.profile?.region ?? null)
    const place = region ? regionName(region) : null
    const kept = await contactsFor(ctx.db, act.ask, region)
    return {
      ...strip(i),
      summary: p.summary,
      effectiveFrom: p.effectiveFrom,
      source: p.source,
      // what the policy asks, for owners who switched recommendation off as well
      conditions: p.conditions.map((c) => `${FACT_LABELS[c.fact]}：${describeCondition(c)}`),
      reasons: i._match?.reasons ?? [],
      period: p.period ?? null,
      evidence: p.evidence ?? [],
      platform: p.platform ?? [],
      act: {
        ask: resolveContacts(act.ask, region, kept).map(({ department, contact }) => ({
          department,
          name: DEPARTMENTS[department],
          contact: contact ? toContact(contact as ContactDoc) : null,
          fallback: contact ? null : noContactText(department, place)
        })),
        place,
        online: act.online,
        materials: act.materials,
        materialsNote: act.materials.length ? null : NO_MATERIALS,
        actions: act.actions
      }
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

  async 'policy.admin.list'(ctx, { status, cursor, limit }) {
    // newest written first: an order an edit cannot change, so paging never skips one just edited
    const page = await pageNewestFirst(policies(ctx.db), status ? { status } : {}, { cursor, limit })
    return { policies: page.items.map((p) => staffView(p, ctx.today)), total: page.total, nextCursor: page.nextCursor }
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
    return { policy: { id: p._id, title, summary, department, category, effectiveFrom, effectiveTo, source, conditions, act: staffAct(p.act) }, status: p.status }
  },

  async 'policy.admin.save'(ctx, input) {
    const { id, act: actInput, ...rest } = input
    const at = ctx.now.toISOString()
    if (id) {
      const existing = await policies(ctx.db).get(id)
      if (!existing) throw notFound('没有找到这条政策')
      if (existing.status === 'withdrawn') throw precondition('已撤回的政策不能再修改，请新建')
      // what the editor does not show (issuer, draft, an unknown region, the quotes behind how to
      // act) stays as the library had it
      const fields = { ...rest, source: { ...existing.source, ...rest.source }, act: actInput ? mergeAct(existing.act, actInput) : (existing.act ?? null) }
      await policies(ctx.db).update(id, { ...fields, updatedAt: at, editedAt: at })
      if (existing.status === 'published') await bumpVersion(ctx.db)
      return staffView({ ...existing, ...fields, updatedAt: at }, ctx.today)
    }
    const doc = newPolicyDoc({ ...rest, act: actInput ? mergeAct(null, actInput) : null }, 'draft', ctx.openid, at)
    return staffView((await addOnce(policies(ctx.db), recordId(ctx, 'policy'), doc)).doc, ctx.today)
  },

  async 'policy.admin.preview'(ctx, { conditions }) {
    const { where, approximate } = audienceWhere(conditions, ctx.today)
    const ownersColl = ctx.db.collection<OwnerDoc>('owners')
    const [count, candidates] = await Promise.all([ownersColl.count(where), ownersColl.find(where, { limit: 50 })])
    const sample = candidates
      .map((o) => ({ o, m: match(conditions, factsOf({ ...o.profile!, decidedType: o.decided?.type ?? null }, ctx.today)) }))
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
  },

  async 'policy.contact.list'(ctx, { offset, limit }) {
    const mine = ctx.staff?.region ?? null
    // a regulator's own region and below (editable), and the regions above it (read only): those
    // are what their owners are also shown
    const where: Where = mine ? { region: cmd.prefix(regionPrefix(mine)) } : {}
    const [below, above] = await Promise.all([
      contacts(ctx.db).find(where, { orderBy: [['region', 'asc'], ['department', 'asc']], limit: 1000 }),
      mine ? contacts(ctx.db).find({ region: cmd.in(enclosingAbove(mine)) }, { limit: 200 }) : Promise.resolve([])
    ])
    const all = [...above, ...below].map((d) => ({ ...toContact(d), editable: !mine || within(d.region, mine) }))
    return { contacts: all.slice(offset, offset + limit), total: all.length, nextOffset: offset + limit < all.length ? offset + limit : null }
  },

  async 'policy.contact.save'(ctx, input) {
    assertContactRegion(ctx, input.region)
    const _id = contactId(input.department, input.region)
    const at = ctx.now.toISOString()
    const before = await contacts(ctx.db).get(_id)
    const doc: Omit<ContactDoc, '_id'> = { ...input, createdAt: before?.createdAt ?? at, updatedAt: at, updatedBy: ctx.staff?.name ?? '' }
    // one per department and region: a second save replaces it, so a retried save changes nothing
    await contacts(ctx.db).set(_id, doc)
    return toContact({ _id, ...doc })
  },

  async 'policy.contact.remove'(ctx, { department, region }) {
    assertContactRegion(ctx, region)
    return { removed: await contacts(ctx.db).remove(contactId(department, region)) }
  }
})

/** A regulator keeps the contacts of their own region (a county regulator their county); an admin any. */
function assertContactRegion(ctx: Context, region: string) {
  const mine = ctx.staff?.region
  if (mine && !within(region, mine)) throw forbidden(`您只能维护${regionName(mine)}范围内的联系方式`)
}

/** The regions strictly above `region` (its city and province), whose contacts its owners also see. */
const enclosingAbove = (region: string) => [`${region.slice(0, 4)}00`, `${region.slice(0, 2)}0000`].filter((r) => r !== region)

/** A page of the list for an owner whose region we know (core/policy/rank, compareListed); newest first otherwise. */
function regionFirst(ctx: Context, v: Viewer, rows: Array<{ p: PolicyDoc; i: Item }>, opts: { cursor?: string; limit: number }) {
  // scope is known for every policy or for none: it needs the owner's facts
  return v.facts ? pageIn(ctx, v, rows, LISTED, opts) : pageIn(ctx, v, rows, PLAIN, opts)
}

/** What the recommendation order reads of a policy that may fit (core/policy/rank); undefined otherwise. */
function rankOf(p: PolicyDoc, i: ReturnType<typeof item>) {
  if (i.status !== 'match' && i.status !== 'almost') return undefined
  // a match's reasons are one per condition (nothing is put before them for a policy that may fit)
  return { id: i.id, status: i.status, conditions: p.conditions, reasons: i._match!.reasons, act: p.act, publishedAt: p.publishedAt }
}

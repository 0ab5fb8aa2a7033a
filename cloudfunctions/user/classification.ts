import { DECISION_ROUNDS, type DecisionBrief, type ObjectionView, type StaffObjection } from '../../src/core/classification/contract'
import {
  changedMessage,
  chinaYear,
  decide,
  decisionAt,
  decisionInputs,
  decisionMessage,
  latestDecisionYear,
  monthDayOf,
  OBJECTION_STATUSES,
  objectionStep,
  objectionWindow,
  redecisionAt,
  TYPE_FOCUS,
  YEARLY_CONFIGS,
  yearlyConfigFor,
  type DecisionInputs,
  type ObjectionStatus,
  type YearlyConfig
} from '../../src/core/classification/rules'
import { chinaDate, showDate } from '../../src/core/common/time'
import { maskName } from '../../src/core/course/certificateCode'
import { regionPrefix } from '../../src/core/region/code'
import { regionName } from '../../src/core/region/names'
import { classify, type Reason } from '../../src/core/user/classify'
import { BUSINESS_TYPES, type BusinessType } from '../../src/core/user/options'
import { audit } from '../common/audit'
import { deliverBroadcast, ensureBroadcast, type Recipient } from '../common/broadcast'
import { BATCH, claimWhere, groupBy, insertMany, newToken, pool } from '../common/bulk'
import type { Context } from '../common/context'
import { conflict, DuplicateKeyError, invalid, notFound, precondition } from '../common/errors'
import type { BroadcastDoc } from '../common/inbox'
import { notify, notifyMany, settingsOf, type NotifyInput } from '../common/notify'
import { pageNewestFirst } from '../common/paging'
import { cmd, type Db, type Doc, type Ports, type Where } from '../common/ports'
import type { Handlers } from '../common/router'
import type { Sweep } from '../common/sweep'
import { owners, type OwnerDoc } from './owners'
import { regulatorsFor } from './stalls'
import { assertRegion, isVerified } from './verify'

/**
 * The yearly 分型 decision (#18): a decision per household and year (`classificationDecisions`,
 * `_id` = `<year>:<openid>`), the owner's 异议 (`classificationObjections`, the same `_id`: one
 * per household and year, refused by the database), the decision-day sweep and the 9月30日
 * re-decision. The estimate (src/core/user/classify.ts) stays what the profile page computes;
 * the decision is what the region decided, and wins wherever a 分型 is used (`classType`).
 */

export type Round = keyof typeof DECISION_ROUNDS

export interface HistoryEntry {
  type: BusinessType
  round: Round
  at: string
  /** the regulator's openid, null for the system */
  by: string | null
  byName: string | null
  why: string | null
}

export interface DecisionDoc extends Doc {
  _id: string
  year: number
  openid: string
  /** the household's region when decided (the register's where verified): the regulator's scope */
  region: string
  businessName: string
  type: BusinessType
  reasons: Reason[]
  inputs: DecisionInputs
  configVersion: string
  round: Round
  /** when the current type was decided */
  decidedAt: string
  /** every type the decision has had, oldest first, with who and why */
  history: HistoryEntry[]
  /** due for the re-decision (an 异议 or changed data); null: not */
  redecideAt: string | null
  /** a regulator reviewed an 异议: that is the 复核结果, and the re-decision keeps it */
  reviewed: boolean
  leaseUntil: string
  claim?: string
  createdAt: string
  updatedAt: string
}

export interface ObjectionDoc extends Doc {
  _id: string
  year: number
  openid: string
  region: string
  businessName: string
  reason: string
  /** the type objected to */
  type: BusinessType
  status: ObjectionStatus
  outcomeType: BusinessType | null
  note: string | null
  decidedBy: string | null
  decidedByName: string | null
  decidedAt: string | null
  createdAt: string
  updatedAt: string
}

interface SweepState extends Doc {
  _id: string
  /** the last owner `_id` handled: the next page starts after it */
  after: string
  done: boolean
  decided: number
  updatedAt: string
}

export const decisions = (db: Db) => db.collection<DecisionDoc>('classificationDecisions')
export const objections = (db: Db) => db.collection<ObjectionDoc>('classificationObjections')
const meta = (db: Db) => db.collection<SweepState>('meta')
const ownerDocs = (db: Db) => db.collection<OwnerDoc>('owners')

export const decisionIdOf = (year: number, openid: string) => `${year}:${openid}`

/** The brief the owner's document carries (`owners.decided`), so views and matching read no more. */
export interface DecidedOnOwner {
  year: number
  type: BusinessType
  round: Round
  at: string
}

export const briefOf = (d: DecidedOnOwner | null | undefined): DecisionBrief | null =>
  d ? { year: d.year, type: d.type, label: BUSINESS_TYPES[d.type], decidedAt: d.at, round: d.round, roundLabel: DECISION_ROUNDS[d.round] } : null

/** The 分型 in use for an owner: the latest decision where there is one, else the estimate. */
export function typeInUse(doc: Pick<OwnerDoc, 'decided'>, estimate: BusinessType): BusinessType {
  return doc.decided?.type ?? estimate
}

const onOwner = (d: Pick<DecisionDoc, 'year' | 'type' | 'round' | 'decidedAt'>): DecidedOnOwner => ({ year: d.year, type: d.type, round: d.round, at: d.decidedAt })

const registeredOf = (o: Pick<OwnerDoc, 'profile' | 'verification' | 'registered'>) => (isVerified(o) ? (o.registered ?? null) : null)

function objectionView(o: ObjectionDoc): ObjectionView {
  return {
    id: o._id,
    year: o.year,
    status: o.status,
    statusLabel: OBJECTION_STATUSES[o.status],
    reason: o.reason,
    typeLabel: BUSINESS_TYPES[o.type],
    outcomeLabel: o.outcomeType ? BUSINESS_TYPES[o.outcomeType] : null,
    note: o.note,
    createdAt: o.createdAt,
    decidedAt: o.decidedAt
  }
}

function staffView(o: ObjectionDoc, d: DecisionDoc | null, owner: OwnerDoc | null, today: string, now: Date): StaffObjection {
  const cfg = yearlyConfigFor(o.region)
  return {
    id: o._id,
    year: o.year,
    status: o.status,
    statusLabel: OBJECTION_STATUSES[o.status],
    businessName: maskName(o.businessName),
    regionName: regionName(o.region),
    reason: o.reason,
    type: d?.type ?? o.type,
    typeLabel: BUSINESS_TYPES[d?.type ?? o.type],
    reasons: d?.reasons ?? [],
    estimateLabel: owner?.profile ? classify(owner.profile, today).label : null,
    outcomeLabel: o.outcomeType ? BUSINESS_TYPES[o.outcomeType] : null,
    note: o.note,
    decidedByName: o.decidedByName,
    createdAt: o.createdAt,
    decidedAt: o.decidedAt,
    open: o.status === 'open' && !!cfg && now.getTime() < redecisionAt(cfg, o.year).getTime()
  }
}

/**
 * Data the decision read has changed (profile saved, verification changed) during the review
 * window: the 9月30日 re-decision looks at this household again. One conditional update, only
 * where a decision runs and only while the window is open.
 */
export async function markForRedecision(ctx: Context, region: string | null | undefined): Promise<void> {
  const cfg = yearlyConfigFor(region)
  if (!cfg) return
  const year = chinaYear(ctx.now)
  if (!objectionWindow(cfg, year, ctx.now).open) return
  await decisions(ctx.db).updateWhere({ _id: decisionIdOf(year, ctx.openid), redecideAt: null, reviewed: false }, { redecideAt: redecisionAt(cfg, year).toISOString(), updatedAt: ctx.now.toISOString() })
}

type Actions = 'user.classification.get' | 'user.classification.object' | 'user.classification.queue' | 'user.classification.decide'

export const classificationRoutes: Handlers<Actions> = {
  async 'user.classification.get'(ctx) {
    const doc = await owners(ctx).get(ctx.openid)
    if (!doc?.profile) return { schedule: null, decision: null, estimate: null, objection: null, window: null }
    const estimate = classify(doc.profile, ctx.today)
    const registered = registeredOf(doc)
    const cfg = yearlyConfigFor(registered?.region || doc.profile.region)
    if (!cfg) return { schedule: null, decision: null, estimate, objection: null, window: null }
    const schedule = {
      regionLabel: cfg.regionLabel,
      document: cfg.document,
      decision: { day: monthDayOf(cfg.decision.date), quote: cfg.decision.quote, timeNote: cfg.decision.timeNote },
      review: cfg.review,
      redecision: { day: monthDayOf(cfg.redecision.date), quote: cfg.redecision.quote, timeNote: cfg.redecision.timeNote },
      redecides: cfg.redecides
    }
    const year = latestDecisionYear(cfg, ctx.now)
    const id = decisionIdOf(year, ctx.openid)
    const [d, o] = await Promise.all([decisions(ctx.db).get(id), objections(ctx.db).get(id)])
    // the latest decision the owner has, even from an earlier year (joined after this year's ran)
    const shown = d ?? (doc.decided && doc.decided.year < year ? await decisions(ctx.db).get(decisionIdOf(doc.decided.year, ctx.openid)) : null)
    const w = objectionWindow(cfg, chinaYear(ctx.now), ctx.now)
    const window = o
      ? null
      : d && w.open
        ? { open: true, closesAt: w.closesAt, message: null }
        : {
            open: false,
            closesAt: null,
            message: !w.open
              ? w.message
              : `您建档时${year}年的集中判定已经做过了，所以今年没有判定结果；${year + 1}年${monthDayOf(cfg.decision.date)}会为您判定`
          }
    return {
      schedule,
      decision: shown
        ? {
            ...briefOf(onOwner(shown))!,
            reasons: shown.reasons,
            focus: TYPE_FOCUS[shown.type],
            source: shown.inputs.source,
            history: shown.history.map((h) => ({ type: h.type, label: BUSINESS_TYPES[h.type], roundLabel: DECISION_ROUNDS[h.round], at: h.at, byName: h.byName, why: h.why }))
          }
        : null,
      estimate,
      objection: o ? objectionView(o) : null,
      window
    }
  },

  async 'user.classification.object'(ctx, { reason }) {
    const doc = await owners(ctx).get(ctx.openid)
    if (!doc?.profile) throw precondition('请先建档')
    const registered = registeredOf(doc)
    const cfg = yearlyConfigFor(registered?.region || doc.profile.region)
    if (!cfg) throw precondition('您所在地区没有每年的分型判定，页面上的分型是我们按档案做的估算，不需要提出异议；档案有变化时改档案即可')
    // a retry of this request (once.ts) works on the instant it was first seen, so it decides the same
    const first = ctx.request?.firstAt ?? ctx.now
    const at = first.toISOString()
    const year = chinaYear(first)
    const id = decisionIdOf(year, ctx.openid)
    let o = await objections(ctx.db).get(id)
    // one per household and year; the same request's earlier attempt (cut off by a crash) goes on below
    if (o && o.createdAt !== at) throw conflict(`您已经对${year}年的分型提出过异议（${OBJECTION_STATUSES[o.status]}），每年可以提一次`)
    const w = objectionWindow(cfg, year, first)
    if (!w.open) throw precondition(w.message)
    // only against one's own decision: the id is the caller's
    const d = await decisions(ctx.db).get(id)
    if (!d) throw precondition(`您${year}年没有分型判定结果（判定时还没有建档），不需要提出异议`)
    if (!o) {
      o = {
        _id: id,
        year,
        openid: ctx.openid,
        region: d.region,
        businessName: doc.profile.businessName,
        reason,
        type: d.type,
        status: 'open',
        outcomeType: null,
        note: null,
        decidedBy: null,
        decidedByName: null,
        decidedAt: null,
        createdAt: at,
        updatedAt: at
      }
      try {
        await objections(ctx.db).add(o)
      } catch (err) {
        if (!(err instanceof DuplicateKeyError)) throw err
        o = (await objections(ctx.db).get(id))!
        if (o.createdAt !== at) throw conflict(`您已经对${year}年的分型提出过异议，每年可以提一次`)
      }
    }
    // the re-decision looks at it again if nobody reviews it first
    await decisions(ctx.db).updateWhere({ _id: id, redecideAt: null, reviewed: false }, { redecideAt: redecisionAt(cfg, year).toISOString(), updatedAt: at })
    const mine = o
    for (const s of await regulatorsFor(ctx, d.region)) {
      await notify(ctx.ports, ctx.now, {
        openid: s._id,
        topic: 'account',
        key: `classification-objection:${id}:staff:${s._id}`,
        title: '新的分型异议',
        body: `${maskName(mine.businessName)}对${year}年的分型结果（${BUSINESS_TYPES[d.type]}）提出异议，请在${monthDayOf(cfg.redecision.date)}重新判定前复核。`,
        page: 'staff/pages/classification/index'
      })
    }
    return objectionView(o)
  },

  async 'user.classification.queue'(ctx, { status, cursor, limit }) {
    const r = ctx.staff?.region
    const where: Where = { status: status === 'open' ? 'open' : cmd.in(['changed', 'kept', 'redecided']), ...(r ? { region: cmd.prefix(regionPrefix(r)) } : {}) }
    const page = await pageNewestFirst(objections(ctx.db), where, { cursor, limit })
    const ids = page.items.map((o) => o._id)
    const [ds, os] = ids.length
      ? await Promise.all([
          decisions(ctx.db).find({ _id: cmd.in(ids) }, { limit: BATCH }),
          owners(ctx).find({ _id: cmd.in(page.items.map((o) => o.openid)) }, { limit: BATCH, fields: ['profile'] })
        ])
      : [[], []]
    const dm = new Map(ds.map((d) => [d._id, d]))
    const om = new Map(os.map((o) => [o._id, o]))
    return { items: page.items.map((o) => staffView(o, dm.get(o._id) ?? null, om.get(o.openid) ?? null, ctx.today, ctx.now)), total: page.total, nextCursor: page.nextCursor }
  },

  async 'user.classification.decide'(ctx, { id, outcome, type, reason }) {
    const o = await objections(ctx.db).get(id)
    if (!o) throw notFound('没有找到这条异议')
    assertRegion(ctx, o.region)
    const cfg = yearlyConfigFor(o.region)
    const d = await decisions(ctx.db).get(id)
    if (!cfg || !d) throw notFound('没有找到这条异议对应的分型结果')
    if (outcome === 'change' && !type) throw invalid('请选择改判后的类型', 'type')
    const at = ctx.now.toISOString()
    const name = ctx.staff?.name ?? null
    const final: ObjectionStatus = outcome === 'change' ? 'changed' : 'kept'
    // the claim: one decision wins (a conditional update on `open`)
    if (o.status === 'open') {
      if (ctx.now.getTime() >= redecisionAt(cfg, o.year).getTime()) {
        throw precondition(`${o.year}年的复核已经结束：${monthDayOf(cfg.redecision.date)}已重新判定，这条异议由重新判定处理`)
      }
      const r = objectionStep(o, outcome === 'change' ? { type: 'change', from: d.type, to: type!, reason } : { type: 'keep', reason })
      if (!r.ok) throw invalid(r.message, 'reason')
      const won = await objections(ctx.db).updateWhere(
        { _id: id, status: 'open' },
        { status: r.state.status, outcomeType: outcome === 'change' ? type! : d.type, note: reason, decidedBy: ctx.openid, decidedByName: name, decidedAt: at, updatedAt: at }
      )
      if (!won) throw conflict('这条异议刚刚被处理了，请刷新')
    } else if (!(o.status === final && o.decidedBy === ctx.openid && !d.reviewed)) {
      // only this officer's own step, cut off by a crash before the decision was written, goes on
      throw conflict(`这条异议已经处理过了（${OBJECTION_STATUSES[o.status]}）`)
    }
    const now = (await objections(ctx.db).get(id))!
    if (!d.reviewed) {
      const to = now.outcomeType ?? d.type
      const decidedAt = now.decidedAt ?? at
      const entry: HistoryEntry = { type: to, round: 'review', at: decidedAt, by: now.decidedBy, byName: now.decidedByName, why: now.note }
      const changed = to !== d.type
      await decisions(ctx.db).updateWhere(
        { _id: id, reviewed: false },
        {
          reviewed: true,
          redecideAt: null,
          history: [...d.history, entry],
          updatedAt: at,
          ...(changed ? { type: to, round: 'review', decidedAt, reasons: [...d.reasons.filter((x) => !x.text.startsWith('监管人员复核')), { text: `监管人员复核改判：${now.note}`, met: true }] } : {})
        }
      )
      if (changed) await owners(ctx).updateWhere({ _id: d.openid, 'decided.year': d.year }, { decided: onOwner({ year: d.year, type: to, round: 'review', decidedAt }), classType: to, updatedAt: at })
      await audit(ctx.ports, ctx, {
        action: changed ? 'classification.change' : 'classification.keep',
        target: id,
        before: { type: d.type },
        after: { type: to, reason: now.note }
      })
      const text = changed
        ? changedMessage(d.year, d.type, to, `市场监管部门复核了您的异议，理由：${now.note}`)
        : { title: `${d.year}年分型异议：维持原判`, body: `市场监管部门复核了您的异议，维持“${BUSINESS_TYPES[d.type]}”。理由：${now.note}` }
      await notify(ctx.ports, ctx.now, { openid: d.openid, topic: 'account', key: `classification-objection:${id}:decided`, ...text, page: 'classification/pages/index/index' })
    }
    const [fresh, owner] = await Promise.all([decisions(ctx.db).get(id), owners(ctx).get(d.openid)])
    return staffView(now, fresh, owner, ctx.today, ctx.now)
  }
}

// ---- the sweeps ----

export const PAGE = BATCH
/** A re-decision page holds its decisions this long; a run that crashed frees them after it. */
export const LEASE_MS = 2 * 60_000

const finished = new WeakMap<Db, Set<string>>()
const stateId = (cfg: YearlyConfig, year: number) => `classification-decision:${cfg.region}:${year}`

/** The broadcast of one type on one decision day: the same words for every household of that type. */
export function decisionBroadcast(cfg: YearlyConfig, year: number, type: BusinessType, now: Date): BroadcastDoc {
  const text = decisionMessage(cfg, year, type)
  return {
    _id: `classification:${cfg.region}:${year}:july:${type}`,
    kind: 'classification',
    topic: 'account',
    title: text.title,
    body: text.body,
    page: 'classification/pages/index/index',
    template: null,
    createdAt: now.toISOString()
  }
}

/**
 * One page of the decision day in one region: the next 1,000 households by `_id` after the
 * cursor. Decisions have deterministic ids and are only ever inserted, so a rerun after a crash
 * finds them (never a second decision) and the cursor moves only after the page is done (never
 * a household skipped). Owners carry the decision (`decided`, `classType`: one update per type),
 * and hear of it by the broadcast of their type (delivery is idempotent).
 */
async function decisionPage(ports: Ports, now: Date, cfg: YearlyConfig): Promise<{ handled: number; more: boolean } | null> {
  const year = chinaYear(now)
  const due = decisionAt(cfg, year)
  if (now.getTime() < due.getTime()) return null
  const sid = stateId(cfg, year)
  let done = finished.get(ports.db)
  if (!done) finished.set(ports.db, (done = new Set()))
  if (done.has(sid)) return null
  const state = await meta(ports.db).get(sid)
  if (state?.done) {
    done.add(sid)
    return null
  }
  const after = state?.after ?? ''
  const page = await ownerDocs(ports.db).find(
    { _id: cmd.gt(after), 'profile.region': cmd.prefix(regionPrefix(cfg.region)) },
    { orderBy: [['_id', 'asc']], limit: PAGE, fields: ['profile', 'verification', 'registered', 'notify'] }
  )
  const t = now.toISOString()
  if (page.length) {
    const day = chinaDate(due)
    const decidedAt = due.toISOString()
    const existing = new Map((await decisions(ports.db).find({ _id: cmd.in(page.map((o) => decisionIdOf(year, o._id))) }, { limit: PAGE })).map((d) => [d.openid, d]))
    const fresh: DecisionDoc[] = []
    for (const o of page) {
      if (!o.profile || existing.has(o._id)) continue
      const inputs = decisionInputs(o.profile, registeredOf(o))
      const c = decide(inputs, day)
      fresh.push({
        _id: decisionIdOf(year, o._id),
        year,
        openid: o._id,
        region: inputs.region,
        businessName: o.profile.businessName,
        type: c.type,
        reasons: c.reasons,
        inputs,
        configVersion: c.configVersion,
        round: 'july',
        decidedAt,
        history: [{ type: c.type, round: 'july', at: decidedAt, by: null, byName: null, why: null }],
        redecideAt: null,
        reviewed: false,
        leaseUntil: '',
        createdAt: t,
        updatedAt: t
      })
    }
    // idempotent: a decision already there (an earlier attempt at this page) stays as it is
    if (fresh.length) await insertMany(decisions(ports.db), fresh)
    const all = [...existing.values(), ...fresh]
    for (const group of groupBy(all, (d) => JSON.stringify(onOwner(d))).values()) {
      await ownerDocs(ports.db).updateWhere({ _id: cmd.in(group.map((d) => d.openid)) }, { decided: onOwner(group[0]), classType: group[0].type })
    }
    const settings = new Map(page.map((o) => [o._id, settingsOf(o)]))
    // told once, of the type decided on the day (a type changed since is told by its own message)
    for (const [type, group] of groupBy(all.filter((d) => d.round === 'july'), (d) => d.type)) {
      const b = decisionBroadcast(cfg, year, type as BusinessType, now)
      await ensureBroadcast(ports.db, b)
      const to: Recipient[] = group.map((d) => ({ openid: d.openid, key: `classification:${year}:july:${d.openid}` }))
      await deliverBroadcast(ports, now, b, to, settings)
    }
  }
  const last = page.length ? page[page.length - 1]._id : after
  const moved = { after: last, done: page.length < PAGE, updatedAt: t }
  if (state) await meta(ports.db).updateWhere({ _id: sid, after }, moved)
  else {
    try {
      await meta(ports.db).add({ _id: sid, decided: 0, ...moved })
    } catch (err) {
      // another run took the first page at the same time: it moves the cursor
      if (!(err instanceof DuplicateKeyError)) throw err
    }
  }
  if (moved.done) done.add(sid)
  return { handled: page.length, more: !moved.done }
}

/** The decision day (7月1日 where configured): every household of the region, a page at a time. */
export const classificationDecisionSweep: Sweep = {
  name: 'classification-decision',
  async page(ports, now) {
    for (const cfg of YEARLY_CONFIGS) {
      const r = await decisionPage(ports, now, cfg)
      if (r) return r
    }
    return { handled: 0, more: false }
  }
}

/**
 * The re-decision (9月30日 where configured): the decisions marked for it (an 异议 nobody reviewed,
 * or data changed since), a page at a time, leased like the reminder sweeps. The system decides
 * again from the household's current data; a regulator's review stands. Owners whose type changed
 * are told, and so is every owner whose open 异议 it handled.
 */
export const classificationRedecisionSweep: Sweep = {
  name: 'classification-redecision',
  async page(ports, now) {
    const t = now.toISOString()
    const coll = decisions(ports.db)
    const due = await coll.find({ redecideAt: cmd.lte(t), leaseUntil: cmd.lt(t) }, { orderBy: [['redecideAt', 'asc']], limit: PAGE })
    if (!due.length) return { handled: 0, more: false }
    const token = newToken(now)
    const mine = await claimWhere(coll, due.map((d) => d._id), { redecideAt: cmd.lte(t), leaseUntil: cmd.lt(t) }, { leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString() }, token)
    const won = due.filter((d) => mine.has(d._id))
    if (!won.length) return { handled: 0, more: due.length === PAGE }
    const [people, open] = await Promise.all([
      ownerDocs(ports.db).find({ _id: cmd.in(won.map((d) => d.openid)) }, { limit: PAGE, fields: ['profile', 'verification', 'registered', 'notify'] }),
      objections(ports.db).find({ _id: cmd.in(won.map((d) => d._id)), status: 'open' }, { limit: PAGE })
    ])
    const pm = new Map(people.map((o) => [o._id, o]))
    const om = new Map(open.map((o) => [o._id, o]))
    const plans = won.map((d) => {
      const o = pm.get(d.openid)
      const cfg = yearlyConfigFor(d.region)
      if (d.reviewed || !o?.profile || !cfg) return { d, next: null }
      const at = redecisionAt(cfg, d.year).toISOString()
      const inputs = decisionInputs(o.profile, registeredOf(o))
      const c = decide(inputs, chinaDate(redecisionAt(cfg, d.year)))
      return { d, next: { at, inputs, c, changed: c.type !== d.type, objection: om.get(d._id) ?? null } }
    })
    // told first, by a fixed key: a crash before the writes below sends nothing twice on the rerun
    const messages: NotifyInput[] = []
    for (const { d, next } of plans) {
      if (!next || !(next.changed || next.objection)) continue
      const text = next.changed
        ? changedMessage(d.year, d.type, next.c.type, `${showDate(next.at)}按您的反馈和最新档案重新判定。`)
        : { title: `${d.year}年分型重新判定：仍为${BUSINESS_TYPES[d.type]}`, body: `${showDate(next.at)}按您的异议和最新档案重新判定，结果仍为“${BUSINESS_TYPES[d.type]}”。` }
      messages.push({ openid: d.openid, topic: 'account', key: `classification:${d.year}:september:${d.openid}`, ...text, page: 'classification/pages/index/index' })
    }
    if (messages.length) await notifyMany(ports, now, messages, new Map(people.map((o) => [o._id, settingsOf(o)])))
    const release = { redecideAt: null, leaseUntil: '', claim: '', updatedAt: t }
    await pool(plans, 20, async ({ d, next }) => {
      if (!next) return coll.updateWhere({ _id: d._id, claim: token }, release)
      const { at, inputs, c, changed, objection } = next
      if (changed) await ownerDocs(ports.db).updateWhere({ _id: d.openid, 'decided.year': d.year }, { decided: { year: d.year, type: c.type, round: 'september', at }, classType: c.type })
      if (objection) await objections(ports.db).updateWhere({ _id: d._id, status: 'open' }, { status: 'redecided', outcomeType: c.type, decidedAt: t, updatedAt: t })
      // last: releasing the decision is what says this household is done
      const entry: HistoryEntry = { type: c.type, round: 'september', at, by: null, byName: null, why: changed ? null : '重新判定，结果不变' }
      return coll.updateWhere(
        { _id: d._id, claim: token },
        { ...release, history: [...d.history, entry], inputs, ...(changed ? { type: c.type, reasons: c.reasons, round: 'september', decidedAt: at } : {}) }
      )
    })
    return { handled: won.length, more: due.length === PAGE }
  }
}

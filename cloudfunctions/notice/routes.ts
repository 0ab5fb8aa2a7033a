import { hintStep, repairStep, planStep } from '../../src/core/notice/flow'
import { FIRST_MINOR_RULE, NOTICE_CONFIG, type HintStatus } from '../../src/core/notice/labels'
import { addDays, dayText, inspectionNoticeAt, overdueAt } from '../../src/core/notice/timing'
import { regionPrefix, within } from '../../src/core/region/code'
import type { Context } from '../common/context'
import { conflict, forbidden, invalid, notFound, precondition } from '../common/errors'
import { notify } from '../common/notify'
import { addOnce, recordId } from '../common/once'
import { pageNewestFirst } from '../common/paging'
import { cmd, type Where } from '../common/ports'
import { defineFunction } from '../common/router'
import { uploads, UPLOAD_USABLE_MS } from '../complaint/store'
import { markets, owners } from '../user/owners'
import { clearAbnormal, markAbnormal, ownerOfCode } from './repairs'
import { hints, hintUploadRef, isTodo, plans, repairs, targets, type HintDoc, type PlanDoc } from './store'
import { abnormalRow, hintOwnerView, hintStaffView, hintRow, hintSummary, inspectionOwnerView, officeOf, planView, repairView } from './views'

const HINT_PAGE = (id: string) => `notice/pages/hint/index?id=${id}`
const STAFF_HINT_PAGE = (id: string) => `staff/pages/hint/index?id=${id}`

/** A regulator works inside their region; an admin (region null) everywhere. */
const inScope = (ctx: Context, region: string) => !ctx.staff?.region || (!!region && within(region, ctx.staff.region))
const staffName = (ctx: Context) => ctx.staff?.name ?? '工作人员'

async function marketNamesOf(ctx: Context, list: PlanDoc[]) {
  const ids = [...new Set(list.flatMap((p) => (p.audience.kind === 'markets' ? p.audience.marketIds : [])))]
  if (!ids.length) return new Map<string, string>()
  return new Map((await markets(ctx).find({ _id: cmd.in(ids) }, { limit: ids.length })).map((m) => [m._id, m.name]))
}

async function photoUrls(ctx: Context, h: HintDoc) {
  return h.photos.length ? ctx.ports.storage.urls(h.photos) : []
}

async function ownHint(ctx: Context, id: string) {
  const h = await hints(ctx.db).get(id)
  if (!h || h.openid !== ctx.openid) throw notFound('没有找到这条提示')
  return h
}

async function staffHint(ctx: Context, id: string) {
  const h = await hints(ctx.db).get(id)
  if (!h || !inScope(ctx, h.region)) throw notFound('没有找到这条提示，或不在您的辖区')
  return h
}

/** Writes the next hint conditionally on the revision read; a clash re-reads and decides again. */
async function changeHint(ctx: Context, id: string, load: (id: string) => Promise<HintDoc>, make: (h: HintDoc) => HintDoc | null) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const h = await load(id)
    const next = make(h)
    if (!next) return h
    const { _id, ...fields } = { ...next, todo: isTodo(next), rev: h.rev + 1, updatedAt: ctx.now.toISOString() }
    if ((await hints(ctx.db).updateWhere({ _id, rev: h.rev }, fields)) === 1) return { _id, ...fields } as HintDoc
  }
  throw conflict('这条提示刚被更新过，请刷新后再操作')
}

/** The business's 经营异常 record as the owner sees it: their own business only. */
async function myRepair(ctx: Context) {
  const o = await owners(ctx).get(ctx.openid)
  const code = o?.profile?.creditCode
  if (!code) return null
  const r = await repairs(ctx.db).get(code)
  // a cleared mark stays in view for 30 days, so the owner sees it went
  if (!r || (r.status === 'cleared' && r.clearedAt && Date.parse(r.clearedAt) < ctx.now.getTime() - 30 * 86_400_000)) return null
  return r
}

export default defineFunction('notice', {
  async 'notice.list'(ctx, { cursor, limit }) {
    const [page, repair, told] = await Promise.all([
      pageNewestFirst(hints(ctx.db), { openid: ctx.openid }, { cursor, limit }),
      cursor ? null : myRepair(ctx),
      cursor ? null : targets(ctx.db).find({ openid: ctx.openid }, { orderBy: [['createdAt', 'desc']], limit: 20 })
    ])
    let inspections = null
    if (told) {
      const list = told.length ? await plans(ctx.db).find({ _id: cmd.in(told.map((t) => t.planId)) }, { limit: told.length }) : []
      const byId = new Map(list.map((p) => [p._id, p]))
      inspections = told.flatMap((t) => {
        const p = byId.get(t.planId)
        return p ? [{ id: p._id, title: p.title, windowStart: p.windowStart, windowEnd: p.windowEnd, cancelled: p.status === 'cancelled' }] : []
      })
    }
    return { hints: page.items.map(hintSummary), total: page.total, nextCursor: page.nextCursor, repair: repair ? repairView(repair) : null, inspections }
  },

  async 'notice.inspection.get'(ctx, { id }) {
    // only a household the plan told: membership is the target record the sweep wrote
    const [t, p] = await Promise.all([targets(ctx.db).get(`${id}:${ctx.openid}`), plans(ctx.db).get(id)])
    if (!t || !p) throw notFound('没有找到这条抽查提醒')
    return inspectionOwnerView(p)
  },

  async 'notice.hint.get'(ctx, { id }) {
    const h = await ownHint(ctx, id)
    return hintOwnerView(h, await photoUrls(ctx, h))
  },

  async 'notice.hint.correct'(ctx, { id, photos, note }) {
    const entryId = recordId(ctx, 'correct')
    const first = await ownHint(ctx, id)
    const done = (h: HintDoc) => h.timeline.some((t) => t.id === entryId)
    let fileIds: string[] = []
    const ids = [...new Set(photos)]
    if (!done(first)) {
      const allowed = hintStep({ status: first.status, dueDate: first.dueDate, overdue: first.overdue, returns: first.returns }, { type: 'correct', photos: ids.length })
      if (!allowed.ok) throw conflict(allowed.message)
      // the 诉求 upload path (prepare → storage → confirm): each photo a confirmed upload of this owner, unused, fresh
      const files = await Promise.all(ids.map((p) => uploads(ctx.db).get(p)))
      files.forEach((f, i) => {
        if (!f || f.openid !== ctx.openid || f.state === 'pending' || !f.fileId) throw invalid('有照片没有上传成功，请重新选择', `photos.${i}`)
        if (f.complaintId && f.complaintId !== hintUploadRef(id)) throw invalid('这张照片已经用过了，请重新选择', `photos.${i}`)
        if (Date.parse(f.createdAt) < ctx.now.getTime() - UPLOAD_USABLE_MS) throw invalid(`第${i + 1}张照片上传已超过一天，请删掉后重新选择`, `photos.${i}`)
      })
      fileIds = files.map((f) => f!.fileId!)
    }
    const after = await changeHint(ctx, id, (i) => ownHint(ctx, i), (h) => {
      if (done(h)) return null
      const r = hintStep({ status: h.status, dueDate: h.dueDate, overdue: h.overdue, returns: h.returns }, { type: 'correct', photos: fileIds.length })
      if (!r.ok) throw conflict(r.message)
      const at = ctx.now.toISOString()
      return { ...h, status: r.state.status, photos: fileIds, note: note || null, overdueAt: null, timeline: [...h.timeline, { status: 'corrected', at, note: note || null, id: entryId }] }
    })
    // linked after the hint names them, so the upload cleanup never deletes them
    await Promise.all(ids.map((p) => uploads(ctx.db).update(p, { complaintId: hintUploadRef(id) })))
    const staff = await ctx.db.collection<{ _id: string; suspended?: boolean }>('staff').get(after.sentBy)
    if (staff && !staff.suspended) {
      await notify(ctx.ports, ctx.now, {
        openid: staff._id,
        topic: 'complaint',
        key: `hint-corrected:${id}:${entryId}`,
        title: '违规提示已整改',
        body: `${after.businessName}报告已整改“${after.what.slice(0, 30)}”，附照片${fileIds.length}张，请确认或退回。`,
        page: STAFF_HINT_PAGE(id)
      })
    }
    return hintOwnerView(after, await photoUrls(ctx, after))
  },

  async 'notice.repair.get'(ctx) {
    const r = await myRepair(ctx)
    return { repair: r ? repairView(r) : null }
  },

  async 'notice.repair.check'(ctx, { step, done }) {
    const r = await myRepair(ctx)
    if (!r) throw notFound('没有需要修复的经营异常')
    const next = repairStep({ status: r.status, cause: r.cause, version: r.version, reminders: r.reminders, done: r.done }, { type: 'check', step, done })
    if (!next.ok) throw conflict(next.message)
    // only the owner's own checklist: the mark itself is the register's or staff's
    await repairs(ctx.db).updateWhere({ _id: r._id, version: r.version, status: 'marked' }, { done: next.state.done })
    return { repair: repairView({ ...r, done: next.state.done }) }
  },

  async 'notice.plan.create'(ctx, input) {
    const region = ctx.staff?.region ?? null
    if (!region) throw precondition('请用有辖区的监管账号制定抽查计划')
    if (input.windowStart <= ctx.today) throw invalid('开始日期要晚于今天，才能提前提醒', 'windowStart')
    if (input.windowStart > addDays(ctx.today, 366)) throw invalid('开始日期请在一年以内', 'windowStart')
    let audience: PlanDoc['audience']
    if (input.audience.kind === 'markets') {
      const ids = [...new Set(input.audience.marketIds)]
      const found = await markets(ctx).find({ _id: cmd.in(ids) }, { limit: ids.length })
      if (found.length !== ids.length || found.some((m) => !within(m.region, region))) throw invalid('有市场不在您的辖区，请重新选择', 'audience.marketIds')
      audience = { kind: 'markets', marketIds: ids }
    } else if (input.audience.kind === 'list') audience = { kind: 'list', creditCodes: [...new Set(input.audience.creditCodes)] }
    else audience = { kind: 'rule', industry: input.audience.industry }
    const _id = recordId(ctx, 'plan')
    const at = ctx.now.toISOString()
    const due = inspectionNoticeAt(input.windowStart)
    const doc: Omit<PlanDoc, '_id'> = {
      title: input.title,
      audience,
      checklist: input.checklist,
      windowStart: input.windowStart,
      windowEnd: input.windowEnd,
      day: input.day ?? null,
      hideDay: input.hideDay,
      status: 'scheduled',
      region,
      createdBy: ctx.openid,
      createdByName: staffName(ctx),
      // never before the configured day; a plan recorded later is due at once
      nextDueAt: (due.getTime() > ctx.now.getTime() ? due : ctx.now).toISOString(),
      cursor: '',
      notified: 0,
      createdAt: at,
      updatedAt: at
    }
    const { doc: stored } = await addOnce(plans(ctx.db), _id, doc)
    return planView(stored, await marketNamesOf(ctx, [stored]))
  },

  async 'notice.plan.list'(ctx, { cursor, limit }) {
    const region = ctx.staff?.region
    const where: Where = region ? { region: cmd.prefix(regionPrefix(region)) } : {}
    const page = await pageNewestFirst(plans(ctx.db), where, { cursor, limit })
    const names = await marketNamesOf(ctx, page.items)
    return { items: page.items.map((p) => planView(p, names)), total: page.total, nextCursor: page.nextCursor }
  },

  async 'notice.plan.cancel'(ctx, { id }) {
    const p = await plans(ctx.db).get(id)
    if (!p || !inScope(ctx, p.region)) throw notFound('没有找到这个计划，或不在您的辖区')
    const r = planStep(p, { type: 'cancel' })
    if (!r.ok) throw conflict(r.message)
    // conditional on the status read: a sweep that has just started telling owners wins
    const moved = await plans(ctx.db).updateWhere({ _id: id, status: 'scheduled' }, { status: 'cancelled', nextDueAt: null, updatedAt: ctx.now.toISOString() })
    if (moved !== 1) throw conflict('已经开始提醒经营者，不能取消；请刷新后查看')
    const next = { ...p, status: 'cancelled' as const, nextDueAt: null }
    return planView(next, await marketNamesOf(ctx, [next]))
  },

  async 'notice.hint.send'(ctx, input) {
    if (!ctx.staff) throw forbidden('只有工作人员可以发送')
    if (input.dueDate < ctx.today) throw invalid('整改期限不能早于今天', 'dueDate')
    if (input.dueDate > addDays(ctx.today, NOTICE_CONFIG.hintMaxDays.value)) throw invalid(`整改期限最长${NOTICE_CONFIG.hintMaxDays.value}天`, 'dueDate')
    const owner = await ownerOfCode(ctx.db, input.creditCode)
    if (!owner?.profile) throw precondition('这户还没有在小程序建档，提示发不出去；请当面或电话告知')
    const market = owner.marketId ? await markets(ctx).get(owner.marketId) : null
    const region = market?.region ?? owner.profile.region
    if (!inScope(ctx, region)) throw notFound('这户不在您的辖区')
    const _id = recordId(ctx, 'hint')
    const at = ctx.now.toISOString()
    const doc: Omit<HintDoc, '_id'> = {
      openid: owner._id,
      creditCode: input.creditCode,
      businessName: owner.profile.businessName,
      region,
      marketId: market?._id ?? null,
      marketName: market?.name ?? null,
      rule: input.rule,
      ruleText: input.ruleText || null,
      what: input.what,
      dueDate: input.dueDate,
      firstMinor: input.firstMinor,
      status: 'sent',
      todo: false,
      overdue: false,
      overdueAt: overdueAt(input.dueDate).toISOString(),
      returns: 0,
      photos: [],
      note: null,
      returnReason: null,
      timeline: [{ status: 'sent', at, note: null }],
      sentBy: ctx.openid,
      sentByName: ctx.staff.name,
      from: input.from,
      rev: 0,
      createdAt: at,
      updatedAt: at
    }
    const { doc: h } = await addOnce(hints(ctx.db), _id, doc)
    // 首违不罚 where the law allows it: guidance, not a fine, in the message itself
    const tone = h.firstMinor ? `这是整改提示，不是处罚：${FIRST_MINOR_RULE.source}规定“${FIRST_MINOR_RULE.quote}”` : '请按期整改。'
    await notify(ctx.ports, ctx.now, {
      openid: h.openid,
      topic: 'complaint',
      key: `hint:${h._id}:sent`,
      title: '违规提示',
      body: `${officeOf(h.region)}提示：${h.what}（依据：${h.rule}）。请在${dayText(h.dueDate)}前整改，拍照上传即可。${tone}`,
      page: HINT_PAGE(h._id)
    })
    return hintStaffView(h, [])
  },

  async 'notice.hint.queue'(ctx, { view, cursor, limit }) {
    const region = ctx.staff?.region
    const where: Where = region ? { region: cmd.prefix(regionPrefix(region)) } : {}
    // 待处理: reported corrected (to confirm), or overdue (came back to the office)
    if (view === 'todo') where.todo = true
    else if (view !== 'all') where.status = view as HintStatus
    const page = await pageNewestFirst(hints(ctx.db), where, { cursor, limit, field: 'updatedAt' })
    return { items: page.items.map(hintRow), total: page.total, nextCursor: page.nextCursor }
  },

  async 'notice.hint.staffGet'(ctx, { id }) {
    const h = await staffHint(ctx, id)
    return hintStaffView(h, await photoUrls(ctx, h))
  },

  async 'notice.hint.review'(ctx, { id, decision, reason, dueDate }) {
    const after = await changeHint(ctx, id, (i) => staffHint(ctx, i), (h) => {
      const s = { status: h.status, dueDate: h.dueDate, overdue: h.overdue, returns: h.returns }
      const r = decision === 'confirm' ? hintStep(s, { type: 'confirm' }) : hintStep(s, { type: 'return', reason, dueDate: dueDate!, today: ctx.today })
      if (!r.ok) throw conflict(r.message)
      const at = ctx.now.toISOString()
      if (decision === 'confirm') return { ...h, status: 'confirmed', overdueAt: null, timeline: [...h.timeline, { status: 'confirmed', at, note: null }] }
      return {
        ...h,
        status: 'returned',
        dueDate: r.state.dueDate,
        overdue: false,
        overdueAt: overdueAt(r.state.dueDate).toISOString(),
        returns: r.state.returns,
        returnReason: reason,
        timeline: [...h.timeline, { status: 'returned', at, note: reason }]
      }
    })
    await notify(ctx.ports, ctx.now, {
      openid: after.openid,
      topic: 'complaint',
      key: `hint:${id}:${after.timeline.length}`,
      title: decision === 'confirm' ? '整改已确认' : '整改被退回',
      body: decision === 'confirm' ? `您对“${after.what.slice(0, 30)}”的整改已确认，谢谢配合。` : `您对“${after.what.slice(0, 30)}”的整改被退回：${reason}。请在${dayText(after.dueDate)}前重新整改并拍照上传。`,
      page: HINT_PAGE(id)
    })
    return hintStaffView(after, await photoUrls(ctx, after))
  },

  async 'notice.abnormal.list'(ctx, { status, cursor, limit }) {
    const region = ctx.staff?.region
    const where: Where = { status }
    if (region) where.region = cmd.prefix(regionPrefix(region))
    const page = await pageNewestFirst(repairs(ctx.db), where, { cursor, limit, field: 'updatedAt' })
    return { items: page.items.map(abnormalRow), total: page.total, nextCursor: page.nextCursor }
  },

  async 'notice.abnormal.mark'(ctx, { creditCode, cause, causeText }) {
    const [reg, owner] = await Promise.all([ctx.db.collection<{ _id: string; name: string; region: string }>('register').get(creditCode), ownerOfCode(ctx.db, creditCode)])
    const region = reg?.region ?? owner?.profile?.region ?? ''
    const name = reg?.name ?? owner?.profile?.businessName
    if (!name) throw notFound('登记名录和小程序里都没有这个统一社会信用代码')
    if (!inScope(ctx, region)) throw notFound('这户不在您的辖区')
    const r = await markAbnormal(ctx.ports, ctx.now, { creditCode, cause, causeText: causeText || null, by: 'staff', byName: staffName(ctx), businessName: name, region })
    return abnormalRow(r)
  },

  async 'notice.abnormal.clear'(ctx, { creditCode, note }) {
    const prior = await repairs(ctx.db).get(creditCode)
    if (!prior || !inScope(ctx, prior.region)) throw notFound('没有这户的经营异常记录，或不在您的辖区')
    if (prior.status !== 'marked') throw conflict('这户已经移出经营异常了')
    const r = await clearAbnormal(ctx.ports, ctx.now, creditCode, 'staff', staffName(ctx), note)
    return abnormalRow(r!)
  }
})

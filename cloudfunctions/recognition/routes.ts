import { createHash } from 'node:crypto'
import { maskName } from '../../src/core/course/certificateCode'
import { chinaStartOfDay } from '../../src/core/common/time'
import { CATEGORIES, MAX_PHOTOS, RECOGNITION_CONFIG, STATUSES, type Category } from '../../src/core/recognition/config'
import type { RecognitionStaffEvent } from '../../src/core/recognition/contract'
import { addDays, lastDayInForce, STAFF_ACTIONS, step, type RecognitionEvent } from '../../src/core/recognition/flow'
import { regionPrefix, within } from '../../src/core/region/code'
import { regionName } from '../../src/core/region/names'
import { uploads, UPLOAD_USABLE_MS } from '../complaint/store'
import type { Context } from '../common/context'
import { conflict, DuplicateKeyError, forbidden, invalid, notFound, precondition } from '../common/errors'
import { notify } from '../common/notify'
import { addOnce, recordId } from '../common/once'
import { pageNewestFirst } from '../common/paging'
import { cmd, type Where } from '../common/ports'
import { defineFunction } from '../common/router'
import { markets, owners } from '../user/owners'
import { isVerified } from '../user/verify'
import { applications, closedKey, objections, openKeyOf, ownerView, placeOf, recognitions, recognitionView, terms, type ApplicationDoc, type ObjectionDoc, type RecognisedMirror } from './store'
import { regulatorsOf } from './sweeps'

const PAGE = 'recog/pages/index/index'
const STAFF_PAGE = (id: string) => `staff/pages/recognition/index?id=${id}`
/** photos attached to an application are marked in the 诉求 upload records under this prefix */
export const UPLOAD_MARK = 'recognition:'

/** The owner's own application; anyone else's is "not found". */
async function own(ctx: Context, id: string) {
  const a = await applications(ctx.db).get(id)
  if (!a || a.openid !== ctx.openid) throw notFound('没有找到这份申报')
  return a
}

/** A regulator works inside their region; an admin (region null) everywhere. */
async function inRegion(ctx: Context, id: string) {
  const a = await applications(ctx.db).get(id)
  const region = ctx.staff?.region
  if (!a || (region && !within(a.region, region))) throw notFound('没有找到这份申报，或不在您的辖区')
  return a
}

/**
 * One change, conditional on the revision read: `make` returns the next document (or throws why
 * not; null: nothing to write). Whoever loses a race re-reads and decides again.
 */
async function change(ctx: Context, id: string, load: (id: string) => Promise<ApplicationDoc>, make: (a: ApplicationDoc) => ApplicationDoc | null) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const a = await load(id)
    const next = make(a)
    if (!next) return a
    const { _id, ...fields } = { ...next, rev: a.rev + 1, updatedAt: ctx.now.toISOString() }
    if ((await applications(ctx.db).updateWhere({ _id, rev: a.rev }, fields)) === 1) return { _id, ...fields } as ApplicationDoc
  }
  throw conflict('这份申报刚被更新过，请刷新后再操作')
}

const flowOf = (a: ApplicationDoc) => ({ status: a.status, objections: a.objections, answered: a.answered, reminded: false })

/** One event through the pure table; the next document with its timeline entry. */
function stepped(ctx: Context, a: ApplicationDoc, e: RecognitionEvent, note: string | null, extra: Partial<ApplicationDoc> = {}): ApplicationDoc {
  const r = step(flowOf(a), e)
  if (!r.ok) throw conflict(r.message)
  const entry = { status: r.state.status, at: ctx.now.toISOString(), note, by: ctx.staff?.name ?? null }
  return { ...a, ...extra, status: r.state.status, objections: r.state.objections, answered: r.state.answered, timeline: [...a.timeline, entry] }
}

/** Tells the owner about the step just recorded: one message per timeline entry. */
async function tellOwner(ctx: Context, a: ApplicationDoc, title: string, body: string) {
  await notify(ctx.ports, ctx.now, { openid: a.openid, topic: 'account', key: `recognition:${a._id}:${a.timeline.length}`, title, body, page: `${PAGE}?id=${a._id}` })
}

const label = (a: Pick<ApplicationDoc, 'category'>) => `“${CATEGORIES[a.category]}”类`

/** Photos the owner attaches: confirmed uploads of theirs, not used elsewhere, from the last day. */
async function usablePhotos(ctx: Context, ids: string[], appId: string) {
  const files = await Promise.all(ids.map((p) => uploads(ctx.db).get(p)))
  files.forEach((f, i) => {
    if (!f || f.openid !== ctx.openid || f.state === 'pending' || !f.fileId) throw invalid('有照片没有上传成功，请重新选择', `photos.${i}`)
    if (f.complaintId && f.complaintId !== UPLOAD_MARK + appId) throw invalid('这张照片已用在别处，请重新选择', `photos.${i}`)
    if (Date.parse(f.createdAt) < ctx.now.getTime() - UPLOAD_USABLE_MS) throw invalid(`第${i + 1}张照片上传已超过一天，请删掉后重新选择`, `photos.${i}`)
  })
  return files.map((f) => f!)
}

/** Marks the uploads as this application's before it names them, so the 诉求 cleanup never deletes them. */
const linkPhotos = (ctx: Context, ids: string[], appId: string) => Promise.all(ids.map((p) => uploads(ctx.db).update(p, { complaintId: UPLOAD_MARK + appId })))

async function urlsOf(ctx: Context, fileIds: string[]) {
  const urls = fileIds.length ? await ctx.ports.storage.urls(fileIds) : []
  const map = new Map(fileIds.map((f, i) => [f, urls[i]]))
  return (f: string) => map.get(f) ?? ''
}

async function ownerResult(ctx: Context, a: ApplicationDoc) {
  const [urlOf, answers] = await Promise.all([urlsOf(ctx, a.photos), answersOf(ctx, [a])])
  return ownerView(a, urlOf, answers.get(a._id) ?? [])
}

/** The regulator's answers to each application's 异议 (the objectors' words stay with the office). */
async function answersOf(ctx: Context, list: ApplicationDoc[]): Promise<Map<string, string[]>> {
  const ids = list.filter((a) => a.objections > 0).map((a) => a._id)
  const out = new Map<string, string[]>()
  if (!ids.length) return out
  const found = await objections(ctx.db).find({ applicationId: cmd.in(ids) }, { orderBy: [['at', 'asc']], limit: 1000 })
  for (const o of found) if (o.reply) out.set(o.applicationId, [...(out.get(o.applicationId) ?? []), o.reply])
  return out
}

async function staffResult(ctx: Context, a: ApplicationDoc) {
  const [urlOf, objs, owner] = await Promise.all([
    urlsOf(ctx, a.photos),
    objections(ctx.db).find({ applicationId: a._id }, { orderBy: [['at', 'asc']], limit: 200 }),
    owners(ctx).get(a.openid)
  ])
  const { canResubmit, canWithdraw, objections: _o, timeline, ...view } = ownerView(a, urlOf, [])
  const unanswered = objs.filter((o) => !o.reply).length
  const current = recognitionView(owner?.recognised, ctx.today)
  return {
    ...view,
    creditCode: a.creditCode,
    region: a.region,
    regionName: regionName(a.region),
    marketName: a.marketName,
    objections: objs.map((o) => ({ id: o._id, reason: o.reason, contact: o.contact, at: o.at, reply: o.reply, repliedAt: o.repliedAt, repliedBy: o.repliedBy })),
    timeline: a.timeline.map((t) => ({ status: t.status, label: STATUSES[t.status], at: t.at, note: t.note, by: t.by })),
    // another application's 认定 still in force (this one's own is not "another")
    current: current && current.inForce && owner?.recognised?.applicationId !== a._id ? current : null,
    actions: publicOver(ctx, a) ? (STAFF_ACTIONS.decision ?? []) : (STAFF_ACTIONS[a.status] ?? []),
    unanswered
  }
}

/** A 公示 whose last day has passed, whether or not the sweep has moved it on yet. */
const publicOver = (ctx: Context, a: ApplicationDoc) => a.status === 'publicizing' && !!a.publicEndsAt && a.publicEndsAt <= ctx.now.toISOString()

/**
 * 公示期满 recorded by the regulator's step when the sweep has not run yet: the entry the sweep
 * would have written, at the instant the 公示 ended and by no one (it was the calendar, not the
 * regulator). Clearing publicEndsAt in the same write keeps the sweep from telling it again.
 */
function publicEnd(a: ApplicationDoc): ApplicationDoc {
  const r = step(flowOf(a), { type: 'publicEnd' })
  if (!r.ok) throw conflict(r.message)
  const entry = { status: r.state.status, at: a.publicEndsAt!, note: null, by: null }
  return { ...a, status: r.state.status, publicEndsAt: null, timeline: [...a.timeline, entry] }
}

/** What the sweep's 公示期满 message says, as the first sentence of the decision's message. */
const publicEndedText = (a: ApplicationDoc) =>
  `您的${label(a)}申报公示期已满（${a.publicFrom}至${a.publicUntil}）${a.objections ? `，期间收到${a.objections}条异议，均已答复` : '，没有收到异议'}。`

/**
 * Writes the 认定 where matching and the lapse sweep read it: the household's `recognitions`
 * document and the copy on the owner's document. Idempotent, and safe to repeat after a crash
 * between the application's change and these writes (staff.get repeats it). A later 认定 of
 * the same household replaces an earlier one: one category at a time ("划分为…四类").
 */
export async function ensureMirror(ctx: Context, a: ApplicationDoc) {
  if (a.status !== 'recognised' || !a.recognisedOn || !a.validUntil) return
  const r = await recognitions(ctx.db).get(a.openid)
  if (r && (r.applicationId === a._id || r.from > a.recognisedOn)) return
  // the earlier 认定 is retired before this one is written: a crash in between leaves the
  // earlier one still named in `recognitions`, so the repeat comes back here and finishes it
  if (r && r.state === 'inForce') await replaced(ctx, r.applicationId, a)
  const remindOn = addDays(a.validUntil, -RECOGNITION_CONFIG.remindDaysBefore.value)
  // 09:00 China time on the reminder's day; the lapse at the start of the day after the last day
  const remindAt = new Date(chinaStartOfDay(remindOn).getTime() + 9 * 3600_000).toISOString()
  const lapseAt = chinaStartOfDay(addDays(a.validUntil, 1)).toISOString()
  await recognitions(ctx.db).set(a.openid, {
    applicationId: a._id, category: a.category, from: a.recognisedOn, until: a.validUntil,
    nextDueAt: remindAt, remindAt, lapseAt, reminded: false, state: 'inForce', updatedAt: ctx.now.toISOString()
  })
  const mirror: RecognisedMirror = { category: a.category, applicationId: a._id, from: a.recognisedOn, until: a.validUntil }
  await owners(ctx).update(a.openid, { recognised: mirror })
}

/**
 * An earlier 认定 replaced by `by`: its application ends (已到期, with a timeline entry saying why)
 * and the owner is told, once (the message's key is the earlier application's).
 */
async function replaced(ctx: Context, earlierId: string, by: ApplicationDoc) {
  const note = `已由新的认定替代（${label(by)}，${by.recognisedOn}起）`
  // an application erased with its account is simply gone: nothing to mark (make sees null)
  const earlier = (await change(ctx, earlierId, (i) => applications(ctx.db).get(i) as Promise<ApplicationDoc>, (e) =>
    !e || e.status !== 'recognised' ? null : { ...e, status: 'lapsed', timeline: [...e.timeline, { status: 'lapsed', at: ctx.now.toISOString(), note, by: null }] }
  )) as ApplicationDoc | null
  // told only when it was replaced (now or by a crashed first attempt), not when it had lapsed on its own
  if (!earlier || !earlier.timeline.some((t) => t.note === note)) return
  const same = earlier.category === by.category
  await notify(ctx.ports, ctx.now, {
    openid: by.openid,
    topic: 'account',
    key: `recognition-replaced:${earlierId}`,
    title: '名特优新认定已替代',
    body: same
      ? `您原来的${label(earlier)}认定（有效至${earlier.validUntil}）已由新的认定替代，新的认定有效至${by.validUntil}。`
      : `您原来的${label(earlier)}认定已由新的${label(by)}认定替代（同一时间只保留一个类别），原来的类别不再用于政策匹配。`,
    page: `${PAGE}?id=${earlierId}`
  })
}

/** Tells the region's regulators (not the owner) about an application that needs them. */
async function tellRegulators(ctx: Context, a: ApplicationDoc, what: string, title: string, body: string) {
  for (const s of await regulatorsOf(ctx.ports, a.region)) {
    await notify(ctx.ports, ctx.now, { openid: s._id, topic: 'account', key: `recognition-staff:${a._id}:${what}:${s._id}`, title, body, page: STAFF_PAGE(a._id) })
  }
}


/** 申报's checks and the stored application (once per request: its id comes from the request). */
async function store(ctx: Context, appId: string, category: Category, what: string, photos: string[], links: string[]): Promise<ApplicationDoc> {
  const owner = await owners(ctx).get(ctx.openid)
  if (!owner?.profile) throw precondition('请先在“我的”里建好经营档案，再申报')
  if (!isVerified(owner)) throw precondition('请先核验营业执照（我的 → 营业执照核验），核验后才能申报名特优新')
  const [open] = await applications(ctx.db).find({ openKey: openKeyOf(ctx.openid, category) }, { limit: 1 })
  if (open) throw conflict(`您已有一份${label(open)}申报在办理中（${STATUSES[open.status]}），请在下面的申报记录里查看`)
  const photoIds = [...new Set(photos)]
  const files = await usablePhotos(ctx, photoIds, appId)
  const market = owner.marketId ? await markets(ctx).get(owner.marketId) : null
  const at = ctx.now.toISOString()
  const doc: Omit<ApplicationDoc, '_id'> = {
    openid: ctx.openid,
    category,
    what,
    photos: files.map((f) => f.fileId!),
    links: [...new Set(links)],
    businessName: owner.profile.businessName,
    creditCode: owner.profile.creditCode,
    region: market?.region ?? owner.profile.region,
    marketId: market?._id ?? null,
    marketName: market?.name ?? null,
    status: 'submitted',
    openKey: openKeyOf(ctx.openid, category),
    objections: 0,
    answered: 0,
    reason: null,
    publicFrom: null,
    publicUntil: null,
    publicEndsAt: null,
    recognisedOn: null,
    validUntil: null,
    timeline: [{ status: 'submitted', at, note: null, by: null }],
    rev: 0,
    createdAt: at,
    updatedAt: at
  }
  await linkPhotos(ctx, photoIds, appId)
  let a: ApplicationDoc
  try {
    a = (await addOnce(applications(ctx.db), appId, doc)).doc
  } catch (err) {
    // the unique openKey: another application for this category got in at the same moment
    if (err instanceof DuplicateKeyError) throw conflict(`您已有一份${label(doc)}申报在办理中，请在下面的申报记录里查看`)
    throw err
  }
  return a
}


export default defineFunction('recognition', {
  async 'recognition.apply'(ctx, { category, what, photos, links }) {
    const appId = recordId(ctx, 'application')
    // a retry after a crash finds what its first attempt stored and finishes the messages
    const prior = ctx.request ? await applications(ctx.db).get(appId) : null
    const a = prior ?? (await store(ctx, appId, category, what, photos, links))
    await tellOwner(ctx, { ...a, timeline: a.timeline.slice(0, 1) }, '名特优新申报已提交', `您的${label(a)}申报已提交，市场监管部门审核后会告诉您结果。`)
    await tellRegulators(ctx, a, 'submitted', '新的名特优新申报', `${placeOf(a)}有一份${label(a)}申报待审核。`)
    return ownerResult(ctx, a)
  },
  async 'recognition.resubmit'(ctx, { id, what, photos, links }) {
    const first = await own(ctx, id)
    const entry = recordId(ctx, 'resubmit')
    const done = (a: ApplicationDoc) => (a.resubmits ?? []).includes(entry)
    const photoIds = [...new Set(photos)]
    let fileIds: string[] = []
    if (!done(first)) {
      const r = step(flowOf(first), { type: 'resubmit' })
      if (!r.ok) throw conflict(r.message)
      if (first.photos.length + photoIds.length > MAX_PHOTOS) throw invalid(`照片一共最多${MAX_PHOTOS}张，已有${first.photos.length}张`, 'photos')
      fileIds = (await usablePhotos(ctx, photoIds, id)).map((f) => f.fileId!)
      await linkPhotos(ctx, photoIds, id)
    }
    const next = await change(ctx, id, (i) => own(ctx, i), (a) => {
      if (done(a)) return null
      // the request is remembered, so a retry finds its resubmission instead of adding another
      return stepped(ctx, a, { type: 'resubmit' }, null, { what, links: [...new Set(links)], photos: [...new Set([...a.photos, ...fileIds])], resubmits: [...(a.resubmits ?? []), entry] })
    })
    await tellOwner(ctx, next, '名特优新申报已重新提交', `您补充后的${label(next)}申报已重新提交，等待审核。`)
    await tellRegulators(ctx, next, `resubmitted:${next.timeline.length}`, '名特优新申报已补充', `${placeOf(next)}的${label(next)}申报已按要求补充，待审核。`)
    return ownerResult(ctx, next)
  },

  async 'recognition.withdraw'(ctx, { id }) {
    const next = await change(ctx, id, (i) => own(ctx, i), (a) => stepped(ctx, a, { type: 'withdraw' }, null, { openKey: closedKey(a._id) }))
    await tellOwner(ctx, next, '名特优新申报已撤回', `您的${label(next)}申报已撤回。以后还可以重新申报。`)
    return ownerResult(ctx, next)
  },

  async 'recognition.mine'(ctx) {
    const [owner, list] = await Promise.all([
      owners(ctx).get(ctx.openid),
      applications(ctx.db).find({ openid: ctx.openid }, { orderBy: [['createdAt', 'desc'], ['_id', 'desc']], limit: 50 })
    ])
    const [urlOf, answers] = await Promise.all([urlsOf(ctx, list.flatMap((a) => a.photos)), answersOf(ctx, list)])
    const recognition = recognitionView(owner?.recognised, ctx.today)
    const wish = owner?.featuredWish ?? null
    return {
      applications: list.map((a) => ownerView(a, urlOf, answers.get(a._id) ?? [])),
      recognition,
      wish: recognition?.inForce ? null : wish,
      verified: isVerified(owner),
      terms: terms()
    }
  },

  async 'recognition.get'(ctx, { id }) {
    return ownerResult(ctx, await own(ctx, id))
  },

  async 'recognition.public.list'(ctx, { cursor, limit }) {
    const page = await pageNewestFirst(applications(ctx.db), { status: 'publicizing' }, { cursor, limit })
    return {
      items: page.items.map((a) => ({
        id: a._id,
        businessName: a.businessName,
        categoryLabel: CATEGORIES[a.category],
        place: placeOf(a),
        reason: a.reason ?? '',
        publicFrom: a.publicFrom ?? '',
        publicUntil: a.publicUntil ?? ''
      })),
      total: page.total,
      nextCursor: page.nextCursor,
      publicDays: RECOGNITION_CONFIG.publicDays.value
    }
  },

  async 'recognition.public.object'(ctx, { id, reason, contact }) {
    const a = await applications(ctx.db).get(id)
    if (!a || (a.status !== 'publicizing' && a.status !== 'decision')) throw notFound('没有找到这条公示')
    if (a.openid === ctx.openid) throw invalid('不能对自己的申报提出异议', 'reason')
    // one 异议 per person and household: its id is derived from both
    const objId = createHash('sha256').update(`${id}\u0000${ctx.openid}`).digest('hex').slice(0, 32)
    const existing = (await objections(ctx.db).get(objId)) as (ObjectionDoc & { request?: string | null }) | null
    // a retry of the same request (after a crash) finishes its steps; another 异议 from the same person is refused
    const retry = !!existing && !!ctx.request && existing.request === ctx.request.key
    if (existing && !retry) throw conflict('您已经对这一户提出过异议，工作人员会核实并答复')
    const at = existing?.at ?? ctx.now.toISOString()
    if (!existing) {
      if (a.status !== 'publicizing' || publicOver(ctx, a)) throw precondition(`公示期已于${a.publicUntil}结束，不能再提出异议`)
      const doc = { applicationId: id, openid: ctx.openid, reason, contact: contact || null, at, reply: null, repliedAt: null, repliedBy: null, request: ctx.request?.key ?? null }
      try {
        await objections(ctx.db).add({ ...doc, _id: objId } as never)
      } catch (err) {
        if (err instanceof DuplicateKeyError) throw conflict('您已经对这一户提出过异议，工作人员会核实并答复')
        throw err
      }
    }
    // the count is read back from the 异议 themselves, so a crash between the two writes heals itself
    const count = await objections(ctx.db).count({ applicationId: id })
    const next = await change(ctx, id, (i) => applications(ctx.db).get(i).then((x) => x!), (x) => (x.objections >= count ? null : { ...x, objections: count }))
    await notify(ctx.ports, ctx.now, {
      openid: next.openid,
      topic: 'account',
      key: `recognition-objection:${objId}`,
      title: '公示期间收到异议',
      body: `您的${label(next)}申报在公示期间收到一条异议。工作人员会核实并逐条答复，认定前会告诉您结果。`,
      page: `${PAGE}?id=${id}`
    })
    return { lodged: true, at }
  },

  async 'recognition.staff.queue'(ctx, { cursor, limit, ...filters }) {
    const region = ctx.staff?.region
    const where: Where = {}
    if (region) where.region = cmd.prefix(regionPrefix(region))
    // the filter follows what the staff see: a 公示 whose last day has passed reads 待认定 even
    // before the sweep moves it (publicUntil is that last day, a China date, kept after the 公示)
    if (filters.status === 'decision') Object.assign(where, { status: cmd.in(['publicizing', 'decision']), publicUntil: cmd.lt(ctx.today) })
    else if (filters.status === 'publicizing') Object.assign(where, { status: 'publicizing', publicUntil: cmd.gte(ctx.today) })
    else if (filters.status) where.status = filters.status
    if (filters.category) where.category = filters.category
    if (filters.marketId) where.marketId = filters.marketId
    const [page, ms] = await Promise.all([
      pageNewestFirst(applications(ctx.db), where, { cursor, limit }),
      cursor ? null : markets(ctx).find(region ? { region: cmd.prefix(regionPrefix(region)) } : {}, { orderBy: [['name', 'asc']], limit: 200 })
    ])
    return {
      items: page.items.map((a) => ({
        id: a._id,
        businessName: maskName(a.businessName),
        category: a.category,
        categoryLabel: CATEGORIES[a.category],
        status: publicOver(ctx, a) ? 'decision' : a.status,
        statusLabel: publicOver(ctx, a) ? STATUSES.decision : STATUSES[a.status],
        marketName: a.marketName,
        objections: a.objections,
        unanswered: a.objections - a.answered,
        publicUntil: a.publicUntil,
        createdAt: a.createdAt
      })),
      total: page.total,
      nextCursor: page.nextCursor,
      markets: ms ? ms.map((m) => ({ id: m._id, name: m.name })) : null
    }
  },

  async 'recognition.staff.get'(ctx, { id }) {
    const a = await inRegion(ctx, id)
    await ensureMirror(ctx, a)
    return staffResult(ctx, a)
  },

  async 'recognition.staff.act'(ctx, { id, expected, event }) {
    if (!ctx.staff) throw forbidden('只有工作人员可以办理')
    const today = ctx.today
    const days = RECOGNITION_CONFIG.publicDays.value
    // whether this very change recorded 公示期满 (then its message says so: the sweep will not)
    let publicEnded = false
    const next = await change(ctx, id, (i) => inRegion(ctx, i), (a0) => {
      // a 公示 already over moves on first (the sweep may not have run yet)
      publicEnded = publicOver(ctx, a0)
      const a = publicEnded ? publicEnd(a0) : a0
      const seen = a0.status === expected || (expected === 'decision' && a.status === 'decision')
      if (!seen) throw conflict(`这份申报已是“${STATUSES[a.status]}”，请刷新后再操作`)
      const extra = extraFor(event, a, today, days)
      return stepped(ctx, a, event, event.reason, { reason: event.reason, ...extra })
    })
    const [title, body] = ownerMessage(event, next)
    await tellOwner(ctx, next, title, publicEnded ? `${publicEndedText(next)}${body}` : body)
    if (event.type === 'recognise') await ensureMirror(ctx, next)
    return staffResult(ctx, next)
  },

  async 'recognition.staff.answer'(ctx, { id, objectionId, reply }) {
    if (!ctx.staff) throw forbidden('只有工作人员可以办理')
    const a = await inRegion(ctx, id)
    const o = await objections(ctx.db).get(objectionId)
    if (!o || o.applicationId !== id) throw notFound('没有找到这条异议')
    if (a.status !== 'publicizing' && a.status !== 'decision') throw conflict('这份申报已经办结，不能再答复异议')
    if (!o.reply) {
      const won = await objections(ctx.db).updateWhere({ _id: objectionId, reply: null }, { reply, repliedAt: ctx.now.toISOString(), repliedBy: ctx.staff.name })
      if (won !== 1) throw conflict('这条异议刚被答复过，请刷新后查看')
    }
    // counted from the 异议 themselves: the application's figure can never drift from them
    const answered = await objections(ctx.db).count({ applicationId: id, reply: cmd.neq(null) })
    const total = await objections(ctx.db).count({ applicationId: id })
    const next = await change(ctx, id, (i) => inRegion(ctx, i), (x) => (x.answered === answered && x.objections === total ? null : { ...x, answered, objections: total }))
    // the objector, when they are a user of the app, hears the answer too
    await notify(ctx.ports, ctx.now, {
      openid: o.openid,
      topic: 'account',
      key: `recognition-objection-answer:${objectionId}`,
      title: '您提出的异议已答复',
      body: `您对${next.businessName}（${label(next)}公示）提出的异议，市场监管部门答复：${reply}`
    })
    return staffResult(ctx, next)
  }
})

function extraFor(event: RecognitionStaffEvent, a: ApplicationDoc, today: string, days: number): Partial<ApplicationDoc> {
  switch (event.type) {
    case 'return':
      return {}
    case 'recommend': {
      const until = addDays(today, days - 1)
      return { publicFrom: today, publicUntil: until, publicEndsAt: chinaStartOfDay(addDays(until, 1)).toISOString() }
    }
    case 'decline':
    case 'notRecognise':
      return { openKey: closedKey(a._id), publicEndsAt: null }
    case 'recognise':
      // the application is finished: the owner may apply again (a renewal before the lapse)
      return { openKey: closedKey(a._id), publicEndsAt: null, recognisedOn: today, validUntil: lastDayInForce(today, RECOGNITION_CONFIG.validYears.value) }
  }
}

function ownerMessage(event: RecognitionStaffEvent, a: ApplicationDoc): [string, string] {
  const l = label(a)
  switch (event.type) {
    case 'return':
      return ['名特优新申报退回补充', `您的${l}申报需要补充：${event.reason}。请打开申报修改后重新提交，原来填的内容都还在。`]
    case 'recommend':
      return ['名特优新申报已推荐，进入公示', `您的${l}申报已推荐，公示期${a.publicFrom}至${a.publicUntil}。公示期满后市场监管部门决定是否认定。`]
    case 'decline':
      return ['名特优新申报不予推荐', `您的${l}申报不予推荐：${event.reason}。以后可以重新申报。`]
    case 'recognise':
      return ['已认定为名特优新', `您已被认定为${l}个体工商户，有效至${a.validUntil}。到期前会提醒您。`]
    case 'notRecognise':
      return ['名特优新申报不予认定', `您的${l}申报不予认定：${event.reason}。以后可以重新申报。`]
  }
}

export type { Category }

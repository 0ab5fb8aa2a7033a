import { monthDay, nextUrgeDay, step, type ComplaintEvent } from '../../src/core/complaint/flow'
import { COMPLAINT_STATUSES, DEADLINE_STEPS, DEFAULT_REPLY_WORKING_DAYS, MAX_PHOTO_BYTES, PHOTO_TYPES, RATINGS } from '../../src/core/complaint/labels'
import type { StaffEvent } from '../../src/core/complaint/contract'
import { daysBetweenInstants } from '../../src/core/monitor/figures'
import { chinaDate, chinaStartOfDay } from '../../src/core/common/time'
import { readableCode } from '../common/codes'
import type { Context, StaffDoc } from '../common/context'
import { AppError, conflict, forbidden, invalid, notFound, precondition } from '../common/errors'
import { regionPrefix, within } from '../../src/core/region/code'
import { addOnce, recordCode, recordId } from '../common/once'
import { sniffImage } from '../common/sniff'
import { claimSlot } from '../common/slots'
import { limitRate } from '../common/rateLimit'
import { pageNewestFirst } from '../common/paging'
import { notify } from '../common/notify'
import { cmd, patch, type Where } from '../common/ports'
import { defineFunction } from '../common/router'
import { markets, owners } from '../user/owners'
import { newComplaintDoc } from './newDoc'
import { regionName } from '../../src/core/region/names'
import { allPhotos, audits, complaints, ownerFolder, ownerView, queueFlags, staffView, summaryView, UPLOAD_USABLE_MS, uploads, type ComplaintDoc, type UrlOf, reporterLabel, deadline } from './store'
import { handlersOf, supervisorsOf } from './sweeps'

const PAGE = 'complaint/pages/detail/index'

const newTrackingNumber = (today: string) => `SQ${today.replace(/-/g, '')}${readableCode(6)}`

const replyDays = (ctx: Context) => ctx.ports.config.complaintReplyWorkingDays ?? DEFAULT_REPLY_WORKING_DAYS

/** One storage round trip for every photo of a complaint (the filing's and each supplement's). */
async function photoUrls(ctx: Context, c: ComplaintDoc): Promise<UrlOf> {
  const ids = allPhotos(c)
  const urls = ids.length ? await ctx.ports.storage.urls(ids) : []
  const map = new Map(ids.map((f, i) => [f, urls[i]]))
  return (f) => map.get(f) ?? ''
}

const ownerResult = async (ctx: Context, c: ComplaintDoc) => ownerView(c, await photoUrls(ctx, c), ctx.today)

/** The owner's own complaint; anyone else's is "not found", never "forbidden" (ids are not confirmed). */
async function own(ctx: Context, id: string) {
  const c = await complaints(ctx.db).get(id)
  if (!c || c.openid !== ctx.openid) throw notFound('没有找到这条诉求')
  return c
}

/** A regulator works inside their region; an admin (region null) everywhere. */
async function inRegion(ctx: Context, id: string) {
  const c = await complaints(ctx.db).get(id)
  const region = ctx.staff?.region
  if (!c || (region && !within(c.region, region))) throw notFound('没有找到这条诉求，或不在您的辖区')
  return c
}

type OwnerTold = Exclude<ComplaintEvent['type'], 'supplement' | 'urge'>
const MESSAGES: Record<OwnerTold, (c: ComplaintDoc) => { title: string; body: string }> = {
  accept: (c) => ({ title: '诉求已受理', body: `您的诉求${c._id}已受理，将在${c.deadline?.date}前答复。` }),
  reject: (c) => ({ title: '诉求不予受理', body: `您的诉求${c._id}不予受理：${c.rejectReason}` }),
  assign: (c) => ({ title: '诉求办理中', body: `您的诉求${c._id}已交${c.office}办理。` }),
  reply: (c) => ({ title: '诉求已答复', body: `您的诉求${c._id}已答复，请查看并评价。` }),
  rate: (c) => ({ title: c.status === 'handling' ? '诉求重新办理' : '诉求已办结', body: c.status === 'handling' ? `您对诉求${c._id}的答复不满意，已重新办理，将在${c.deadline?.date}前再次答复。` : `您的诉求${c._id}已办结，感谢您的评价。` }),
  close: (c) => ({ title: '诉求已办结', body: `您的诉求${c._id}已办结。` }),
  withdraw: (c) => ({ title: '诉求已撤回', body: `您的诉求${c._id}已撤回，工作人员不再办理。如还有问题，可以重新提交。` })
}

async function tellOwner(ctx: Context, c: ComplaintDoc, event: OwnerTold) {
  const m = MESSAGES[event](c)
  await notify(ctx.ports, ctx.now, { openid: c.openid, topic: 'complaint', key: `complaint:${c._id}:${c.timeline.length}`, title: m.title, body: m.body, page: `${PAGE}?id=${c._id}` })
}

/**
 * Writes one change to a complaint: `make` gets the stored document and returns the next one (or
 * throws why it is not allowed; null: nothing to write). The write is conditional on the revision
 * that was read, so two writers (two officers, or an officer and the owner adding material) never
 * lose each other's entries; whoever lost re-reads and decides again on what is now stored, so the
 * owner who tries to 撤回 a case an officer has just accepted is told exactly that.
 */
async function change(ctx: Context, id: string, load: (id: string) => Promise<ComplaintDoc>, make: (c: ComplaintDoc) => ComplaintDoc | null) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const c = await load(id)
    const next = make(c)
    if (!next) return { before: c, after: c }
    const { _id, ...fields } = { ...next, rev: (c.rev ?? 0) + 1, updatedAt: ctx.now.toISOString() }
    const moved = await complaints(ctx.db).updateWhere({ _id, rev: c.rev ?? cmd.exists(false) }, fields)
    if (moved === 1) return { before: c, after: { _id, ...fields } as ComplaintDoc }
  }
  throw conflict('这条诉求刚被更新过，请刷新后再操作')
}

/** One event through the pure state machine: the next document with its timeline entry. */
function stepped(ctx: Context, c: ComplaintDoc, event: ComplaintEvent, note: string | null, extra: Partial<ComplaintDoc>): ComplaintDoc {
  const r = step({ status: c.status, reopened: c.reopened }, event)
  if (!r.ok) throw conflict(r.message)
  const at = ctx.now.toISOString()
  return { ...c, ...extra, status: r.state.status, reopened: r.state.reopened, timeline: [...c.timeline, { status: r.state.status, at, note }] }
}

/** A status-changing event, written, and the owner told. */
async function apply(ctx: Context, id: string, load: (id: string) => Promise<ComplaintDoc>, event: Exclude<ComplaintEvent, { type: 'supplement' | 'urge' }>, note: string | null, extra: (c: ComplaintDoc) => Partial<ComplaintDoc>, check?: (c: ComplaintDoc) => void) {
  const { after } = await change(ctx, id, load, (c) => {
    check?.(c)
    return stepped(ctx, c, event, note, extra(c))
  })
  await tellOwner(ctx, after, event.type)
  return after
}

const ACTIONS_BY_STATUS: Record<string, Array<'accept' | 'reject' | 'assign' | 'reply' | 'close'>> = {
  submitted: ['accept', 'reject'],
  accepted: ['assign'],
  handling: ['assign', 'reply'],
  replied: ['close']
}

async function staffResult(ctx: Context, c: ComplaintDoc) {
  const [urls, log] = await Promise.all([photoUrls(ctx, c), audits(ctx.db).find({ complaintId: c._id }, { orderBy: [['at', 'asc']], limit: 200 })])
  return {
    ...staffView(c, urls, ctx.today, ACTIONS_BY_STATUS[c.status] ?? []),
    audit: log.map((a) => ({ at: a.at, staff: a.staffName, action: a.action, detail: a.detail }))
  }
}

const AUDIT_LABELS: Record<StaffEvent['type'], string> = { accept: '受理', reject: '不予受理', assign: '交办', reply: '答复', close: '办结' }

/** One line of a complaint's audit log: which officer did what, when. */
const audit = (ctx: Context, staff: StaffDoc, c: ComplaintDoc, action: string, detail: string | null) =>
  audits(ctx.db).add({ complaintId: c._id, staffOpenid: ctx.openid, staffName: staff.name, action, detail, at: ctx.now.toISOString() })

/** Where a staff message about a complaint opens. */
const STAFF_PAGE = (id: string) => `staff/pages/complaint/index?id=${id}`
const placeOf = (c: ComplaintDoc) => c.marketName ?? (regionName(c.region) || '辖区')

/**
 * Validates photos an owner attaches (to a filing or a supplement): each a confirmed upload of
 * theirs, not used elsewhere, uploaded within the last day. `field` names the input for errors.
 */
async function usablePhotos(ctx: Context, photoIds: string[], complaintId: string, field = 'photos') {
  const files = await Promise.all(photoIds.map((p) => uploads(ctx.db).get(p)))
  files.forEach((f, i) => {
    if (!f || f.openid !== ctx.openid || f.state === 'pending' || !f.fileId) throw invalid('有照片没有上传成功，请重新选择', `${field}.${i}`)
    if (f.complaintId && f.complaintId !== complaintId) throw invalid('这张照片已用在另一条诉求里，请重新选择', `${field}.${i}`)
    if (Date.parse(f.createdAt) < ctx.now.getTime() - UPLOAD_USABLE_MS) throw invalid(`第${i + 1}张照片上传已超过一天，请删掉后重新选择`, `${field}.${i}`)
  })
  return files.map((f) => f!)
}

/** The content check on text an owner sends; a check that fails holds the text for a person. */
async function checkText(ctx: Context, text: string): Promise<'pass' | 'held'> {
  try {
    return (await ctx.ports.contentCheck.check(text, ctx.openid)) === 'pass' ? 'pass' : 'held'
  } catch (err) {
    ctx.ports.log.error('[complaint] content check failed; held for review', err)
    return 'held'
  }
}

export default defineFunction('complaint', {
  async 'complaint.upload.prepare'(ctx, { contentType }) {
    // bound to the request (common/once.ts): a retry gets the same upload, not a second one
    const uploadId = recordId(ctx, 'upload')
    if (ctx.request) {
      const prior = await uploads(ctx.db).get(uploadId)
      if (prior?.cloudPath) return { uploadId, cloudPath: prior.cloudPath }
    }
    // only an owner with a profile files 诉求, so only they may store files
    if (!(await owners(ctx).get(ctx.openid))?.profile) throw precondition('请先建好经营档案，再添加照片')
    // 30 a day (core/common/rateLimit.ts), counted by the database: twenty at once cannot all pass a count
    await limitRate(ctx, 'upload')
    const cloudPath = `${ownerFolder(ctx.openid)}/${uploadId}.${PHOTO_TYPES[contentType]}`
    // recorded before the phone stores anything, so the cleanup sweep can find a file never confirmed
    await uploads(ctx.db).add({ _id: uploadId, openid: ctx.openid, state: 'pending', cloudPath, fileId: null, contentType, bytes: 0, complaintId: null, createdAt: ctx.now.toISOString() })
    return { uploadId, cloudPath }
  },

  async 'complaint.upload.confirm'(ctx, { uploadId, fileId }) {
    const u = await uploads(ctx.db).get(uploadId)
    // someone else's upload is "not found", as with complaints
    if (!u || u.openid !== ctx.openid || !u.cloudPath) throw notFound('没有找到这张照片，请重新选择')
    if (u.state !== 'pending') {
      if (u.fileId === fileId) return { uploadId, url: (await ctx.ports.storage.urls([fileId]))[0] }
      throw conflict('这张照片已经上传过了，请重新选择')
    }
    if (Date.parse(u.createdAt) < ctx.now.getTime() - UPLOAD_USABLE_MS) throw invalid('上传已超过一天，请重新选择照片', 'fileId')
    // only the file at the path this upload was issued: never another owner's, never elsewhere
    if (ctx.ports.storage.pathOf(fileId) !== u.cloudPath) throw invalid('照片存放的位置不对，请重新选择', 'fileId')
    const bytes = await ctx.ports.storage.download(fileId)
    if (!bytes) throw invalid('照片没有传上去，请重新选择', 'fileId')
    const refuse = async (message: string) => {
      // what is not a photo we can use is deleted at once, file and record
      await ctx.ports.storage.remove([fileId])
      await uploads(ctx.db).remove(uploadId)
      return invalid(message, 'fileId')
    }
    if (bytes.length > MAX_PHOTO_BYTES) throw await refuse(`图片太大，请压缩到${Math.round(MAX_PHOTO_BYTES / 1024)}KB以内`)
    // magic bytes: the declared type must match what the bytes really are
    const real = sniffImage(bytes)
    if (!real) throw await refuse('只能上传照片（JPG、PNG 或 WebP）')
    if (real !== u.contentType) throw await refuse('图片类型与内容不符')
    const moved = await uploads(ctx.db).updateWhere({ _id: uploadId, state: 'pending' }, { state: 'ready', fileId, bytes: bytes.length })
    if (moved !== 1) {
      // a concurrent confirm of the same upload got there first: the same answer
      const now = await uploads(ctx.db).get(uploadId)
      if (now?.fileId !== fileId) throw conflict('这张照片已经上传过了，请重新选择')
    }
    const [url] = await ctx.ports.storage.urls([fileId])
    return { uploadId, url }
  },

  async 'complaint.submit'(ctx, input) {
    // The tracking number is bound to the request (common/once.ts): a retry, even after midnight,
    // computes the same one, finds the complaint its first attempt stored and finishes its steps.
    const code = recordCode(ctx, 'complaint', 6)
    let id = code ? `SQ${chinaDate(ctx.request!.firstAt).replace(/-/g, '')}${code}` : newTrackingNumber(ctx.today)
    if (input.happenedOn > ctx.today) throw invalid('发生日期不能晚于今天', 'happenedOn')
    const photoIds = [...new Set(input.photos)]
    const files = await usablePhotos(ctx, photoIds, id)
    // after the checks that send the form back for a correction, before anything is stored
    await limitRate(ctx, 'complaint')
    const doc = await newComplaintDoc(
      ctx,
      {
        openid: ctx.openid,
        category: input.category,
        party: input.party,
        what: input.what,
        happenedOn: input.happenedOn,
        place: input.place,
        photos: files.map((f) => f.fileId!),
        phone: input.phone ?? null,
        disclose: input.disclose,
        check: 'pending'
      },
      null
    )
    // Stored before anything else: nothing after this line can lose the submission.
    let c: ComplaintDoc
    for (let attempt = 0; ; attempt++) {
      const r = await addOnce(complaints(ctx.db), id, doc)
      if (r.created || (code && r.doc.openid === ctx.openid)) {
        c = r.doc
        break
      }
      // without a request, a random number met another complaint's: draw again
      if (code || attempt >= 4) throw new AppError('INTERNAL')
      id = newTrackingNumber(ctx.today)
    }
    await Promise.all(photoIds.map((p) => uploads(ctx.db).update(p, { complaintId: id })))

    // Flagged or unchecked text waits for a person; the owner is told, the complaint stays.
    if (c.check === 'pending') {
      const check = await checkText(ctx, `${c.party}\n${c.what}\n${c.place}`)
      await complaints(ctx.db).update(id, { check, rev: patch.inc(1) })
      c.check = check
    }
    const check = c.check
    await notify(ctx.ports, ctx.now, {
      openid: ctx.openid,
      topic: 'complaint',
      key: `complaint:${id}:0`,
      title: '诉求已提交',
      body: `诉求编号${id}。${check === 'held' ? '内容需要人工复核，工作人员会尽快查看，不会丢失。' : ''}将在${c.deadline!.date}前告诉您是否受理。`,
      page: `${PAGE}?id=${id}`
    })
    return ownerResult(ctx, c)
  },

  async 'complaint.list'(ctx, { cursor, limit }) {
    const page = await pageNewestFirst(complaints(ctx.db), { openid: ctx.openid }, { cursor, limit })
    return { complaints: page.items.map(summaryView), total: page.total, nextCursor: page.nextCursor }
  },

  async 'complaint.get'(ctx, { id }) {
    return ownerResult(ctx, await own(ctx, id))
  },

  async 'complaint.rate'(ctx, { id, rating, comment }) {
    const at = ctx.now.toISOString()
    const next = await apply(ctx, id, (i) => own(ctx, i), { type: 'rate', rating }, `${RATINGS[rating]}${comment ? `：${comment}` : ''}`, (c) => ({
      ratings: [...c.ratings, { rating, comment: comment ?? null, at }],
      // the latest rating on its own field: 监测分析 counts satisfaction by it
      lastRating: rating,
      ...(rating === 'unsatisfied' && c.reopened < 1 ? deadline('reply', ctx.today, replyDays(ctx)) : { deadline: null, overdueAt: null, overdue: false })
    }))
    return ownerResult(ctx, next)
  },

  async 'complaint.withdraw'(ctx, { id, reason }) {
    const next = await apply(ctx, id, (i) => own(ctx, i), { type: 'withdraw' }, reason ? `撤回原因：${reason}` : null, () => ({ deadline: null, overdueAt: null, overdue: false }))
    return ownerResult(ctx, next)
  },

  async 'complaint.supplement'(ctx, { id, text, photos }) {
    // bound to the request: a retry (after a crash at any write) finds this entry and only finishes
    const entryId = recordId(ctx, 'supplement')
    const photoIds = [...new Set(photos)]
    const first = await own(ctx, id)
    const done = (c: ComplaintDoc) => (c.supplements ?? []).find((s) => s.id === entryId)
    let fileIds: string[] = done(first)?.photos ?? []
    let check: 'pass' | 'held' = 'pass'
    if (!done(first)) {
      // refused before any work when the case cannot take material (closed, or too many already)
      const allowed = step({ status: first.status, reopened: first.reopened, supplements: first.supplements?.length ?? 0 }, { type: 'supplement', text, photos: photoIds.length })
      if (!allowed.ok) throw conflict(allowed.message)
      fileIds = (await usablePhotos(ctx, photoIds, id)).map((f) => f.fileId!)
      if (text) check = await checkText(ctx, text)
    }
    const { after } = await change(ctx, id, (i) => own(ctx, i), (c) => {
      if (done(c)) return null
      const n = c.supplements?.length ?? 0
      const r = step({ status: c.status, reopened: c.reopened, supplements: n }, { type: 'supplement', text, photos: fileIds.length })
      if (!r.ok) throw conflict(r.message)
      const at = ctx.now.toISOString()
      return {
        ...c,
        supplements: [...(c.supplements ?? []), { id: entryId, at, text: text || null, photos: fileIds, check }],
        timeline: [...c.timeline, { status: c.status, kind: 'supplement', id: entryId, at, note: text || null }]
      }
    })
    // linked after the complaint names them: the cleanup sweep links (never deletes) a photo a stored complaint names
    await Promise.all(photoIds.map((p) => uploads(ctx.db).update(p, { complaintId: id })))
    const photoNote = fileIds.length ? `（含照片${fileIds.length}张）` : ''
    for (const s of await handlersOf(ctx.ports, after)) {
      await notify(ctx.ports, ctx.now, {
        openid: s._id,
        topic: 'complaint',
        key: `complaint-supplement:${id}:${entryId}:${s._id}`,
        title: '诉求有补充材料',
        body: `${placeOf(after)}的诉求${id}（${COMPLAINT_STATUSES[after.status]}）有反映人补充的材料${photoNote}，请查看。`,
        page: STAFF_PAGE(id)
      })
    }
    return ownerResult(ctx, after)
  },

  async 'complaint.urge'(ctx, { id }) {
    const entryId = recordId(ctx, 'urge')
    const first = await own(ctx, id)
    const done = (c: ComplaintDoc) => c.timeline.some((t) => t.kind === 'urge' && t.id === entryId)
    const slot = `${ctx.openid}:urge:${id}`
    if (!done(first)) {
      const r = step({ status: first.status, reopened: first.reopened, urgeAgainOn: first.urgeAgainOn ?? null }, { type: 'urge', today: ctx.today, deadline: first.deadline })
      if (!r.ok) throw precondition(r.message)
      // once per working day, decided by the database: of two urges sent at once only one holds the day
      const again = nextUrgeDay(ctx.today)
      const held = await claimSlot(ctx.db, slot, entryId, ctx.now, chinaStartOfDay(again))
      if (held.holder !== entryId) throw new AppError('RATE_LIMITED', `每个工作日可以催办一次，${monthDay(held.until ? chinaDate(new Date(held.until)) : again)}起可以再次催办`)
    }
    // Not released if what follows fails: the app retries with the same request, which holds the day.
    const { after } = await change(ctx, id, (i) => own(ctx, i), (c) => {
      if (done(c)) return null
      const r = step({ status: c.status, reopened: c.reopened, urgeAgainOn: c.urgeAgainOn ?? null }, { type: 'urge', today: ctx.today, deadline: c.deadline })
      if (!r.ok) throw precondition(r.message)
      return { ...c, urgeAgainOn: r.state.urgeAgainOn ?? null, timeline: [...c.timeline, { status: c.status, kind: 'urge', id: entryId, at: ctx.now.toISOString(), note: null }] }
    })
    const d = after.deadline
    const what = d ? `已超过${DEADLINE_STEPS[d.step]}（${monthDay(d.date)}）` : ''
    const told = new Map([...(await handlersOf(ctx.ports, after)), ...(await supervisorsOf(ctx.ports, after.region))].map((s) => [s._id, s]))
    for (const s of told.values()) {
      await notify(ctx.ports, ctx.now, {
        openid: s._id,
        topic: 'complaint',
        key: `complaint-urge:${id}:${entryId}:${s._id}`,
        title: '诉求催办',
        body: `反映人催办${placeOf(after)}的诉求${id}（${COMPLAINT_STATUSES[after.status]}）${what}，请尽快办理。`,
        page: STAFF_PAGE(id)
      })
    }
    return ownerResult(ctx, after)
  },

  async 'complaint.staff.queue'(ctx, { cursor, limit, ...filters }) {
    const region = ctx.staff?.region
    const where: Where = {}
    if (region) where.region = cmd.prefix(regionPrefix(region))
    if (filters.status) where.status = filters.status
    if (filters.category) where.category = filters.category
    if (filters.marketId) where.marketId = filters.marketId
    if (filters.overdue !== undefined) where.overdue = filters.overdue
    // Every complaint of the region, a page at a time, newest first, with how many there are: a
    // fixed "newest 200" let one owner's 210 filings hide someone else's older one.
    const [page, ms] = await Promise.all([
      pageNewestFirst(complaints(ctx.db), where, { cursor, limit }),
      // the market filter's choices: the first page only (the page keeps them)
      cursor ? null : markets(ctx).find(region ? { region: cmd.prefix(regionPrefix(region)) } : {}, { orderBy: [['name', 'asc']], limit: 200 })
    ])
    return {
      items: page.items.map((c) => ({ ...summaryView(c), marketName: c.marketName, reporter: reporterLabel(c), ...queueFlags(c) })),
      total: page.total,
      nextCursor: page.nextCursor,
      markets: ms ? ms.map((m) => ({ id: m._id, name: m.name })) : null
    }
  },

  async 'complaint.staff.get'(ctx, { id }) {
    return staffResult(ctx, await inRegion(ctx, id))
  },

  async 'complaint.staff.phone'(ctx, { id }) {
    const c = await inRegion(ctx, id)
    if (!ctx.staff) throw forbidden('只有工作人员可以查看')
    if (!c.phone) throw notFound('反映人没有留电话')
    await audit(ctx, ctx.staff, c, '查看电话', null)
    return { phone: c.phone }
  },

  async 'complaint.staff.act'(ctx, { id, expected, event }) {
    if (!ctx.staff) throw forbidden('只有工作人员可以办理')
    const staff = ctx.staff
    const today = ctx.today
    let note: string | null = null
    let detail: string | null = null
    let extra: (c: ComplaintDoc) => Partial<ComplaintDoc> = () => ({})
    switch (event.type) {
      case 'accept':
        // a person has now read the text: a held complaint is released by accepting it
        // 监测分析 averages days to 受理 in the database: the first acceptance keeps its own
        extra = (c) => ({ check: 'pass', ...deadline('reply', today, replyDays(ctx)), ...(c.acceptDays == null ? { acceptDays: daysBetweenInstants(c.createdAt, ctx.now.toISOString()) } : {}) })
        break
      case 'reject':
        extra = () => ({ check: 'pass', rejectReason: event.reason, deadline: null, overdueAt: null, overdue: false })
        note = event.reason
        detail = event.reason
        break
      case 'assign':
        extra = () => ({ office: event.office })
        note = `承办单位：${event.office}`
        detail = event.office
        break
      case 'reply':
        // and days from filing to the first 答复
        extra = (c) => ({ reply: event.reply, deadline: null, overdueAt: null, overdue: false, ...(c.replyDays == null ? { replyDays: daysBetweenInstants(c.createdAt, ctx.now.toISOString()) } : {}) })
        note = event.reply
        detail = event.reply
        break
      case 'close':
        extra = () => ({ deadline: null, overdueAt: null, overdue: false })
        break
    }
    // the officer who acts becomes the one told about the owner's material and urges
    const withHandler = (c: ComplaintDoc) => ({ ...extra(c), handler: ctx.openid })
    // the status the officer saw must still hold: a stale screen cannot move a case someone else moved
    const stillAsSeen = (c: ComplaintDoc) => {
      if (c.status !== expected) throw conflict(`这条诉求已是“${COMPLAINT_STATUSES[c.status]}”，请刷新后再操作`)
    }
    const next = await apply(ctx, id, (i) => inRegion(ctx, i), event, note, withHandler, stillAsSeen)
    await audit(ctx, staff, next, AUDIT_LABELS[event.type], detail)
    return staffResult(ctx, next)
  }
})

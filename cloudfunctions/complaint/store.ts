import { COMPLAINT_CATEGORIES, COMPLAINT_STATUSES, DEADLINE_STEPS, MAX_SUPPLEMENTS, NOTE_KINDS, OPEN_STATUSES, RATINGS, type ComplaintCategory, type ComplaintStatus, type NoteKind, type PhotoType, type Rating } from '../../src/core/complaint/labels'
import { urgeRule } from '../../src/core/complaint/flow'
import { maskPhone } from '../../src/core/loan/identity'
import type { Db } from '../common/ports'
import { createHash } from 'node:crypto'
import { addWorkingDays } from '../../src/core/complaint/workdays'
import { chinaStartOfDay } from '../../src/core/common/time'

/**
 * Each owner's folder in storage. A hash, not the openid itself: the path ends up in file ids and
 * temporary URLs that staff see. The local cloud's storage endpoint refuses any other folder,
 * as the cloud storage rules should (README, 部署).
 */
export const ownerFolder = (openid: string) => `complaint-uploads/${createHash('sha256').update(`complaint:${openid}`).digest('hex').slice(0, 24)}`

export interface UploadDoc {
  _id: string
  openid: string
  /**
   * 'pending': a path was issued (complaint.upload.prepare) but the stored bytes are not yet
   * checked; only a 'ready' upload can be filed. Records from before the two-step upload have
   * no state and are ready.
   */
  state?: 'pending' | 'ready'
  /** where the phone stores it, inside the owner's own folder (see ownerFolder) */
  cloudPath?: string
  /** the storage file id; null until confirmed */
  fileId: string | null
  contentType: PhotoType
  bytes: number
  /** the complaint it was attached to; an upload is attached once */
  complaintId: string | null
  createdAt: string
}

export interface ComplaintDoc {
  /** the tracking number */
  _id: string
  openid: string
  /** 'visit': filed by a regulator at a 走访 on the household's behalf (visit/routes.ts); absent: by the owner */
  source?: 'visit'
  /** the visit it came from, and the regulator who filed it, when source is 'visit' */
  visitId?: string
  filedBy?: string
  /** older documents only: a retry now finds its complaint by the tracking number bound to the request (common/once.ts) */
  requestId?: string | null
  category: ComplaintCategory
  party: string
  what: string
  happenedOn: string
  place: string
  photos: string[]
  phone: string | null
  disclose: boolean
  /** snapshots at filing, for region scoping and the market filter */
  region: string
  marketId: string | null
  marketName: string | null
  businessName: string | null
  stallNumber: string | null
  status: ComplaintStatus
  reopened: number
  /** 'pending' until the content check answers; held text waits for a person, it is never dropped */
  check: 'pending' | 'pass' | 'held'
  office: string | null
  reply: string | null
  rejectReason: string | null
  ratings: Array<{ rating: Rating; comment: string | null; at: string }>
  /**
   * Every step. A change of status has no `kind`; material the owner added and their urges are
   * entries of their own `kind` (the status they were made in), with the `id` of the request that
   * made them, so a retried request finds its entry instead of adding a second.
   */
  timeline: Array<{ status: ComplaintStatus; at: string; note: string | null; kind?: NoteKind; id?: string }>
  /** material the owner added after filing (补充材料), in order; older documents have none */
  supplements?: Supplement[]
  /** China date from which the owner may urge again; null or absent: no urge yet */
  urgeAgainOn?: string | null
  /** the officer who last acted on it (受理, 交办, 答复...): told about material and urges */
  handler?: string | null
  /** bumped by every write: the condition that keeps two writers from losing each other's entries */
  rev?: number
  deadline: { step: 'accept' | 'reply'; date: string; calendarKnown: boolean } | null
  /** the instant the running deadline is missed (start of the next China day); null when none runs */
  overdueAt: string | null
  overdue: boolean
  createdAt: string
  updatedAt: string
}

export interface Supplement {
  /** the timeline entry's id (from the request) */
  id: string
  at: string
  text: string | null
  /** storage file ids, each a confirmed upload of this owner */
  photos: string[]
  /** as for the complaint's own text: flagged text is kept and shown to staff with a warning */
  check: 'pass' | 'held'
}

export interface AuditDoc {
  _id: string
  complaintId: string
  staffOpenid: string
  staffName: string
  action: string
  detail: string | null
  at: string
}

/**
 * A photo not attached to a complaint within a day is refused by complaint.submit, and deleted
 * by the cleanup sweep a day after that. The gap is what makes the sweep safe: a submission still
 * using an upload is at most a day old, so the sweep never deletes a photo being filed. (Photos
 * live only on the open 新建 page, never in the saved draft, so a day is plenty.)
 */
export const UPLOAD_USABLE_MS = 24 * 3600_000
export const UPLOAD_KEEP_MS = 48 * 3600_000

export const uploads = (db: Db) => db.collection<UploadDoc>('complaintUploads')
export const complaints = (db: Db) => db.collection<ComplaintDoc>('complaints')
export const audits = (db: Db) => db.collection<AuditDoc>('complaintAudit')

export { OPEN_STATUSES }

/** Every file a complaint holds: the filing's photos, then each supplement's. */
export const allPhotos = (c: ComplaintDoc) => [...c.photos, ...(c.supplements ?? []).flatMap((s) => s.photos)]

/** file id → URL the client can load; built once per view (one storage round trip). */
export type UrlOf = (fileId: string) => string

const deadlineView = (c: ComplaintDoc) =>
  c.deadline ? { step: c.deadline.step, label: DEADLINE_STEPS[c.deadline.step], date: c.deadline.date, calendarKnown: c.deadline.calendarKnown, overdue: c.overdue } : null

export const summaryView = (c: ComplaintDoc) => ({
  id: c._id,
  category: c.category,
  categoryLabel: COMPLAINT_CATEGORIES[c.category],
  party: c.party,
  status: c.status,
  statusLabel: COMPLAINT_STATUSES[c.status],
  held: c.check !== 'pass',
  deadline: deadlineView(c),
  createdAt: c.createdAt
})

function timelineView(c: ComplaintDoc, urlOf: UrlOf) {
  const supplements = new Map((c.supplements ?? []).map((s) => [s.id, s]))
  return c.timeline.map((t) => {
    const s = t.kind === 'supplement' && t.id ? supplements.get(t.id) : undefined
    return {
      status: t.status,
      kind: t.kind ?? ('status' as const),
      label: t.kind ? NOTE_KINDS[t.kind] : COMPLAINT_STATUSES[t.status],
      at: t.at,
      note: t.note,
      photos: s ? s.photos.map(urlOf) : [],
      held: s?.check === 'held'
    }
  })
}

/** Since the last change of status: has the owner urged, or added material? (the workbench flags both) */
function sinceLastStep(c: ComplaintDoc) {
  let last = -1
  c.timeline.forEach((t, i) => {
    if (!t.kind) last = i
  })
  const after = c.timeline.slice(last + 1)
  return { urged: after.some((t) => t.kind === 'urge'), supplemented: after.some((t) => t.kind === 'supplement') }
}

/** What the owner may do next about an open case: urge now, or from which day, or nothing. */
function urgeView(c: ComplaintDoc, today: string) {
  if (!OPEN_STATUSES.includes(c.status)) return null
  const r = urgeRule(c, c.deadline, today)
  const last = [...c.timeline].reverse().find((t) => t.kind === 'urge')
  return { can: r.can, from: r.can ? null : r.from, reason: r.can ? null : r.message, lastAt: last?.at ?? null }
}
const ratingsView = (c: ComplaintDoc) => c.ratings.map((r) => ({ rating: r.rating, label: RATINGS[r.rating], comment: r.comment, at: r.at }))

export function ownerView(c: ComplaintDoc, urlOf: UrlOf, today: string) {
  return {
    ...summaryView(c),
    what: c.what,
    happenedOn: c.happenedOn,
    place: c.place,
    photos: c.photos.map(urlOf),
    phone: c.phone,
    disclose: c.disclose,
    office: c.office,
    reply: c.reply,
    rejectReason: c.rejectReason,
    ratings: ratingsView(c),
    canRate: c.status === 'replied',
    canReopen: c.status === 'replied' && c.reopened < 1,
    canWithdraw: c.status === 'submitted',
    supplementsLeft: OPEN_STATUSES.includes(c.status) ? Math.max(0, MAX_SUPPLEMENTS - (c.supplements?.length ?? 0)) : 0,
    urge: urgeView(c, today),
    timeline: timelineView(c, urlOf)
  }
}

/** The reporter as staff may see them: named only if they agreed to disclosure. */
export const queueFlags = sinceLastStep

export const reporterLabel = (c: ComplaintDoc) =>
  c.disclose ? [c.businessName, c.marketName && c.stallNumber ? `${c.marketName}${c.stallNumber}摊位` : null].filter(Boolean).join('，') || '未填写经营档案' : '身份保密（举报人未同意公开）'

export function staffView(c: ComplaintDoc, urlOf: UrlOf, today: string, actions: Array<'accept' | 'reject' | 'assign' | 'reply' | 'close'>) {
  const { canRate, canReopen, canWithdraw, supplementsLeft, urge, ...o } = ownerView(c, urlOf, today)
  return {
    ...o,
    ...sinceLastStep(c),
    phone: c.phone ? maskPhone(c.phone) : null,
    reporter: reporterLabel(c),
    marketId: c.marketId,
    marketName: c.marketName,
    region: c.region,
    reopened: c.reopened,
    actions
  }
}

/** The next deadline after `from` (a China date): its date, and the instant it is missed. */
export function deadline(step: 'accept' | 'reply', from: string, days: number) {
  const d = addWorkingDays(from, days)
  const missed = chinaStartOfDay(d.date)
  missed.setUTCDate(missed.getUTCDate() + 1)
  return { deadline: { step, date: d.date, calendarKnown: d.calendarKnown }, overdueAt: missed.toISOString(), overdue: false }
}

